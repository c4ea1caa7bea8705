"""Anaemia and macrocytosis from a full blood count (haemoglobin, mean cell volume).

Sources
-------
Anaemia: WHO 2011 (VMNIS, WHO/NMH/NHD/MNM/11.1), haemoglobin below 130 g/L in men and 120 g/L in
non-pregnant women aged 15 years and over, below 110 g/L in pregnancy (the WHO table read as
reproduced in PLoS One 2020, Table 4: level ``secondary``). The two adult thresholds are the ones
Qi et al. (J Nutr 2014) used for NHANES B12 analyses (abstract read). Below 15 years WHO uses other
age-specific thresholds, which are not in b12's rule data: no reading.
Macrocytosis: mean cell volume above 100 fL (Qi et al., J Nutr 2014, abstract read).

Input units: haemoglobin g/L (canonical; g/dL × 10), MCV fL.
"""

from __future__ import annotations

from b12.core.bands import Band, Bands, Closed, Edge, Is, Stratified, Stratum, Within, stated_in
from b12.core.rules import Evidence, register
from b12.core.sex import BySex, Sex
from b12.core.sources import QI_2014, WHO_2011_HAEMOGLOBIN
from b12.units import REGISTRY, Analyte

HAEMOGLOBIN_ANAEMIA_BELOW_G_L = BySex(male=130.0, female=120.0)
HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L = 110.0
ANAEMIA_MIN_AGE_YEARS = 15.0  # WHO: "15 years of age and above" for the adult thresholds
MCV_MACROCYTOSIS_ABOVE_FL = 100.0

RULE_ANAEMIA = register(
    "anaemia.who-2011",
    "Anaemia: haemoglobin < 130 g/L (men), < 120 g/L (non-pregnant women), < 110 g/L (pregnant), "
    "from 15 years of age",
    WHO_2011_HAEMOGLOBIN,
    Evidence.SECONDARY,
    {
        **HAEMOGLOBIN_ANAEMIA_BELOW_G_L.parameters("HAEMOGLOBIN_ANAEMIA_BELOW_G_L"),
        "HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L": HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L,
        "ANAEMIA_MIN_AGE_YEARS": ANAEMIA_MIN_AGE_YEARS,
    },
    note="The men/women thresholds are also read in Qi et al. J Nutr 2014 (abstract); the WHO "
    "table itself was read as reproduced in a secondary source.",
)
RULE_MACROCYTOSIS = register(
    "macrocytosis.mcv-100",
    "Macrocytosis: mean cell volume > 100 fL",
    QI_2014,
    Evidence.VERIFIED,
    {"MCV_MACROCYTOSIS_ABOVE_FL": MCV_MACROCYTOSIS_ABOVE_FL},
)


ANAEMIA = "anaemia"
MACROCYTOSIS = "macrocytosis"

# WHO's adult thresholds apply "15 years of age and above": 15.0 itself is in scope.
ANAEMIA_AGE_BANDS = Bands(
    None,
    (
        Band("under_15", "below 15 years: other WHO thresholds"),
        Band("from_15", "15 years and above"),
    ),
    (Edge(stated_in("years", ANAEMIA_MIN_AGE_YEARS), Closed.ABOVE),),
    RULE_ANAEMIA,
)


def _below(value: float, who: str) -> Bands:
    """Anaemia below ``value`` g/L ("< 130 g/L"): the edge itself is not anaemia."""
    unit = REGISTRY[Analyte.HEMOGLOBIN].canonical
    return Bands(
        Analyte.HEMOGLOBIN,
        (
            Band(ANAEMIA, f"< {value:g} {unit} ({who})"),
            Band("no_anaemia", f"{value:g} {unit} or more"),
        ),
        (Edge(stated_in(unit, value), Closed.ABOVE),),
        RULE_ANAEMIA,
    )


ANAEMIA_BANDS = Stratified(
    scope=(Within("age", ANAEMIA_AGE_BANDS, "from_15"),),
    strata=(
        Stratum(
            (Is("sex", Sex.FEMALE), Is("pregnant", True)),
            _below(HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L, "pregnant"),
        ),
        Stratum(
            (Is("sex", Sex.FEMALE),),
            _below(HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.FEMALE], "non-pregnant women"),
        ),
        Stratum((Is("sex", Sex.MALE),), _below(HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.MALE], "men")),
    ),
    rule=RULE_ANAEMIA,
)
MCV_BANDS = Bands(
    Analyte.MCV,
    (Band("not_macrocytic", "MCV up to 100 fL"), Band(MACROCYTOSIS, "mean cell volume > 100 fL")),
    (Edge(stated_in(REGISTRY[Analyte.MCV].canonical, MCV_MACROCYTOSIS_ABOVE_FL), Closed.BELOW),),
    RULE_MACROCYTOSIS,
)


def anaemia(haemoglobin_g_l: float, sex: Sex, age_years: float, pregnant: bool) -> bool | None:
    """WHO 2011 anaemia from haemoglobin (g/L); ``None`` below 15 years (other thresholds).

    References
    ----------
    WHO. Haemoglobin concentrations for the diagnosis of anaemia and assessment of severity.
    WHO/NMH/NHD/MNM/11.1, 2011.
    """
    person = {"sex": sex, "age": age_years, "pregnant": pregnant}
    label = ANAEMIA_BANDS.label_of(haemoglobin_g_l, person)
    return None if label is None else label == ANAEMIA


def macrocytosis(mcv_fl: float) -> bool:
    """Mean cell volume above 100 fL.

    References
    ----------
    Qi YP et al. J Nutr 2014;144(2):170-176.
    """
    return MCV_BANDS.label_canonical(mcv_fl) == MACROCYTOSIS
