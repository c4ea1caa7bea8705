"""Anaemia and macrocytosis from a full blood count (haemoglobin, mean cell volume).

Sources
-------
Anaemia: WHO 2011 (VMNIS, WHO/NMH/NHD/MNM/11.1), haemoglobin below 130 g/L in men and 120 g/L in
non-pregnant women aged 15 years and over, below 110 g/L in pregnancy (the WHO table read as
reproduced in PLoS One 2020, Table 4: level ``secondary``). The two adult thresholds are the ones
Qi et al. (J Nutr 2014) used for NHANES B12 analyses (abstract read). Children, from the same table:
below 110 g/L at 6-59 months, 115 g/L at 5-11 years, 120 g/L at 12-14 years ("11 & above",
"11.5 & above", "12 & above" g/dL are not anaemic). Under 6 months WHO states no threshold: no
reading.
Macrocytosis: mean cell volume above 100 fL (Qi et al., J Nutr 2014, abstract read), an adult
cut-off. Under 6 months, where b12 already reads no anaemia (WHO states no threshold), the MCV is
not read either: a newborn's red cells are normally large, and no neonatal range is in b12's
sources, so the blood count is for the paediatric clinician.

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
HAEMOGLOBIN_ANAEMIA_6_59_MONTHS_BELOW_G_L = 110.0
HAEMOGLOBIN_ANAEMIA_5_11_YEARS_BELOW_G_L = 115.0
HAEMOGLOBIN_ANAEMIA_12_14_YEARS_BELOW_G_L = 120.0
ANAEMIA_MIN_AGE_YEARS = 0.5  # WHO's youngest group: "children 6-59 months of age"
CHILD_5_YEARS = 5.0  # "5-11 years": from the 60th month
CHILD_12_YEARS = 12.0
ADULT_FROM_YEARS = 15.0  # WHO: "15 years of age and above" for the adult thresholds
MCV_MACROCYTOSIS_ABOVE_FL = 100.0

RULE_ANAEMIA = register(
    "anaemia.who-2011",
    "Anaemia: haemoglobin < 130 g/L (men), < 120 g/L (non-pregnant women), < 110 g/L (pregnant) "
    "from 15 years of age; children < 110 g/L (6-59 months), < 115 g/L (5-11 years), < 120 g/L "
    "(12-14 years); none under 6 months",
    WHO_2011_HAEMOGLOBIN,
    Evidence.SECONDARY,
    {
        **HAEMOGLOBIN_ANAEMIA_BELOW_G_L.parameters("HAEMOGLOBIN_ANAEMIA_BELOW_G_L"),
        "HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L": HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L,
        "HAEMOGLOBIN_ANAEMIA_6_59_MONTHS_BELOW_G_L": HAEMOGLOBIN_ANAEMIA_6_59_MONTHS_BELOW_G_L,
        "HAEMOGLOBIN_ANAEMIA_5_11_YEARS_BELOW_G_L": HAEMOGLOBIN_ANAEMIA_5_11_YEARS_BELOW_G_L,
        "HAEMOGLOBIN_ANAEMIA_12_14_YEARS_BELOW_G_L": HAEMOGLOBIN_ANAEMIA_12_14_YEARS_BELOW_G_L,
        "ANAEMIA_MIN_AGE_YEARS": ANAEMIA_MIN_AGE_YEARS,
        "CHILD_5_YEARS": CHILD_5_YEARS,
        "CHILD_12_YEARS": CHILD_12_YEARS,
        "ADULT_FROM_YEARS": ADULT_FROM_YEARS,
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
RULE_NO_MCV_UNDER_6_MONTHS = register(
    "kidney_blood.blood_count.no-mcv-reading-under-6-months",
    "Under 6 months the MCV is not read against the adult macrocytosis cut-off (> 100 fL), as no "
    "anaemia threshold is read there: the blood count is for the paediatric clinician",
    QI_2014,
    Evidence.SECONDARY,
    {"ANAEMIA_MIN_AGE_YEARS": ANAEMIA_MIN_AGE_YEARS},
    note="Qi et al. 2014 studied adults; WHO 2011 states no anaemia threshold under 6 months "
    "(anaemia.who-2011). No neonatal MCV range was read, so none is applied (red team round 13: a "
    "well 2-week-old's MCV 110 fL was read as macrocytosis).",
)


ANAEMIA = "anaemia"
MACROCYTOSIS = "macrocytosis"

# WHO's age groups, each from its first day: "6-59 months", "5-11 years", "12-14 years",
# "15 years of age and above".
ANAEMIA_AGE_BANDS = Bands(
    None,
    (
        Band("under_6_months", "under 6 months: no WHO threshold"),
        Band("6_59_months", "6-59 months"),
        Band("5_11_years", "5-11 years"),
        Band("12_14_years", "12-14 years"),
        Band("from_15", "15 years and above"),
    ),
    (
        Edge(stated_in("years", ANAEMIA_MIN_AGE_YEARS), Closed.ABOVE),
        Edge(stated_in("years", CHILD_5_YEARS), Closed.ABOVE),
        Edge(stated_in("years", CHILD_12_YEARS), Closed.ABOVE),
        Edge(stated_in("years", ADULT_FROM_YEARS), Closed.ABOVE),
    ),
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


def _aged(group: str) -> Within:
    return Within("age", ANAEMIA_AGE_BANDS, group)


ANAEMIA_BANDS = Stratified(
    scope=(),
    strata=(
        Stratum(
            (_aged("from_15"), Is("sex", Sex.FEMALE), Is("pregnant", True)),
            _below(HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L, "pregnant"),
        ),
        Stratum(
            (_aged("from_15"), Is("sex", Sex.FEMALE)),
            _below(HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.FEMALE], "non-pregnant women"),
        ),
        Stratum(
            (_aged("from_15"), Is("sex", Sex.MALE)),
            _below(HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.MALE], "men"),
        ),
        Stratum(
            (_aged("12_14_years"),),
            _below(HAEMOGLOBIN_ANAEMIA_12_14_YEARS_BELOW_G_L, "children 12-14 years"),
        ),
        Stratum(
            (_aged("5_11_years"),),
            _below(HAEMOGLOBIN_ANAEMIA_5_11_YEARS_BELOW_G_L, "children 5-11 years"),
        ),
        Stratum(
            (_aged("6_59_months"),),
            _below(HAEMOGLOBIN_ANAEMIA_6_59_MONTHS_BELOW_G_L, "children 6-59 months"),
        ),
    ),
    rule=RULE_ANAEMIA,
)
MCV_BANDS = Bands(
    Analyte.MCV,
    (Band("not_macrocytic", "MCV up to 100 fL"), Band(MACROCYTOSIS, "mean cell volume > 100 fL")),
    (Edge(stated_in(REGISTRY[Analyte.MCV].canonical, MCV_MACROCYTOSIS_ABOVE_FL), Closed.BELOW),),
    RULE_MACROCYTOSIS,
)


def anaemia(
    haemoglobin_g_l: float, sex: Sex | None, age_years: float, pregnant: bool
) -> bool | None:
    """WHO 2011 anaemia from haemoglobin (g/L); ``None`` under 6 months (no WHO threshold).

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


def macrocytosis_at(mcv_fl: float, age_years: float) -> bool | None:
    """:func:`macrocytosis` at this age; ``None`` under 6 months, where b12 reads no blood count
    (rule kidney_blood.blood_count.no-mcv-reading-under-6-months)."""
    return None if not blood_count_read_at(age_years) else macrocytosis(mcv_fl)


def blood_count_read_at(age_years: float) -> bool:
    """Whether b12 reads haemoglobin and MCV at this age: from 6 months (WHO's youngest group)."""
    return ANAEMIA_AGE_BANDS.label_canonical(age_years) != "under_6_months"
