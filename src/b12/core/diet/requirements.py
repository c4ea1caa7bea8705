"""Reference intakes of vitamin B12 by life stage: IOM/NASEM RDA and EAR, EFSA AI alongside.

Sources
-------
Institute of Medicine, Food and Nutrition Board (1998). Dietary Reference Intakes for ... Vitamin
B12 ... Chapter 9. National Academies Press, doi:10.17226/6015: EAR and RDA (AI for infants) by
life stage, as tabulated in evidence.md §4.1 [V]; "RDA = EAR + 2 CV, CV 10 %"; and the advice that
adults over 50 obtain most of it from fortified foods or a supplement [V].

EFSA NDA Panel (2015). Scientific Opinion on Dietary Reference Values for cobalamin. EFSA Journal
13(7):4150, doi:10.2903/j.efsa.2015.4150: AI 4 µg/day for adults (≥ 18 y), 4.5 in pregnancy, 5 in
lactation, 1.5 µg/day at 7-11 months and 4 µg/day at 15-17 years [V]. The EFSA values for ages
1-14 years were not read by this project and are left out (shown as "not available").

Units: µg/day; age in years (months as fractions of a year). IOM age bands are in completed
years ("1-3 y" is 1 ≤ age < 4). The reference does not depend on sex, except through pregnancy and
lactation, which apply at every age.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import B12_MENU_CHOICES, EFSA_2015_B12, IOM_1998_B12


class LifeStage(StrEnum):
    """IOM life-stage groups for vitamin B12."""

    INFANT_0_6_MONTHS = "infant_0_6_months"
    INFANT_7_12_MONTHS = "infant_7_12_months"
    CHILD_1_3 = "child_1_3"
    CHILD_4_8 = "child_4_8"
    CHILD_9_13 = "child_9_13"
    ADOLESCENT_14_18 = "adolescent_14_18"
    ADULT_19_50 = "adult_19_50"
    ADULT_51_PLUS = "adult_51_plus"
    PREGNANCY = "pregnancy"
    LACTATION = "lactation"

    @property
    def display(self) -> str:
        """The group as a reader says it: "child 9-13 years", "adult 51 years and over"."""
        return _LIFE_STAGE_NAMES[self]


_LIFE_STAGE_NAMES = {
    LifeStage.INFANT_0_6_MONTHS: "infant 0-6 months",
    LifeStage.INFANT_7_12_MONTHS: "infant 7-12 months",
    LifeStage.CHILD_1_3: "child 1-3 years",
    LifeStage.CHILD_4_8: "child 4-8 years",
    LifeStage.CHILD_9_13: "child 9-13 years",
    LifeStage.ADOLESCENT_14_18: "adolescent 14-18 years",
    LifeStage.ADULT_19_50: "adult 19-50 years",
    LifeStage.ADULT_51_PLUS: "adult 51 years and over",
    LifeStage.PREGNANCY: "pregnancy",
    LifeStage.LACTATION: "lactation",
}

S = LifeStage
# Upper age limit (exclusive, years) of each age-defined IOM group, youngest first.
IOM_AGE_BAND_BELOW_YEARS = MappingProxyType(
    {
        S.INFANT_0_6_MONTHS: 0.5,
        S.INFANT_7_12_MONTHS: 1.0,
        S.CHILD_1_3: 4.0,
        S.CHILD_4_8: 9.0,
        S.CHILD_9_13: 14.0,
        S.ADOLESCENT_14_18: 19.0,
        S.ADULT_19_50: 51.0,
    }
)
# RDA, or AI for infants (µg/day), IOM 1998.
IOM_RDA_UG_PER_DAY = MappingProxyType(
    {
        S.INFANT_0_6_MONTHS: 0.4,
        S.INFANT_7_12_MONTHS: 0.5,
        S.CHILD_1_3: 0.9,
        S.CHILD_4_8: 1.2,
        S.CHILD_9_13: 1.8,
        S.ADOLESCENT_14_18: 2.4,
        S.ADULT_19_50: 2.4,
        S.ADULT_51_PLUS: 2.4,
        S.PREGNANCY: 2.6,
        S.LACTATION: 2.8,
    }
)
# EAR (µg/day), IOM 1998; none for infants.
IOM_EAR_UG_PER_DAY = MappingProxyType(
    {
        S.CHILD_1_3: 0.7,
        S.CHILD_4_8: 1.0,
        S.CHILD_9_13: 1.5,
        S.ADOLESCENT_14_18: 2.0,
        S.ADULT_19_50: 2.0,
        S.ADULT_51_PLUS: 2.0,
        S.PREGNANCY: 2.2,
        S.LACTATION: 2.4,
    }
)
IOM_INFANT_STAGES = frozenset({S.INFANT_0_6_MONTHS, S.INFANT_7_12_MONTHS})
# "Adults over 50": the fortified-food / supplement advice starts where the 51+ age band does.
IOM_OLDER_ADULT_FROM_YEARS = IOM_AGE_BAND_BELOW_YEARS[S.ADULT_19_50]

EFSA_AI_INFANT_7_11_MONTHS_UG_PER_DAY = 1.5
EFSA_INFANT_FROM_YEARS = 7 / 12
EFSA_CHILD_FROM_YEARS = 1.0
EFSA_AI_15_17_YEARS_UG_PER_DAY = 4.0
EFSA_ADOLESCENT_FROM_YEARS = 15.0
EFSA_AI_ADULT_UG_PER_DAY = 4.0
EFSA_ADULT_FROM_YEARS = 18.0
EFSA_AI_PREGNANCY_UG_PER_DAY = 4.5
EFSA_AI_LACTATION_UG_PER_DAY = 5.0

RULE_IOM = register(
    "requirements.iom-1998",
    "IOM/NASEM vitamin B12 RDA (AI for infants) and EAR by life stage, µg/day: 0-6 mo AI 0.4; "
    "7-12 mo AI 0.5; 1-3 y 0.9 (EAR 0.7); 4-8 y 1.2 (1.0); 9-13 y 1.8 (1.5); 14-18 y and adults "
    "2.4 (2.0); pregnancy 2.6 (2.2); lactation 2.8 (2.4)",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {
        **{f"IOM_AGE_BAND_BELOW_YEARS.{k}": v for k, v in IOM_AGE_BAND_BELOW_YEARS.items()},
        **{f"IOM_RDA_UG_PER_DAY.{k}": v for k, v in IOM_RDA_UG_PER_DAY.items()},
        **{f"IOM_EAR_UG_PER_DAY.{k}": v for k, v in IOM_EAR_UG_PER_DAY.items()},
    },
)
RULE_OVER_50 = register(
    "requirements.iom-over-50-fortified",
    "Adults over 50: because 10-30% may malabsorb food-bound B12, most of the RDA should come from "
    "fortified foods or a B12-containing supplement",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {"IOM_OLDER_ADULT_FROM_YEARS": IOM_OLDER_ADULT_FROM_YEARS},
)
# "Most of the RDA from fortified foods or a supplement" read as at least half, for a menu that
# must state a number (b12's reading, not IOM's).
FORTIFIED_SHARE_OF_RDA = 0.5
RULE_FORTIFIED_SHARE = register(
    "diet.requirements.fortified-share",
    "A menu for an adult over 50 (or on a PPI, H2-receptor antagonist or metformin) gets at least "
    "half the RDA as added (crystalline) B12: b12's reading of IOM 1998's 'most of the RDA'",
    B12_MENU_CHOICES,
    Evidence.UNVERIFIED,
    {"FORTIFIED_SHARE_OF_RDA": FORTIFIED_SHARE_OF_RDA},
    note="IOM 1998 says 'most'; 'at least half' is b12's reading",
)
RULE_EFSA = register(
    "requirements.efsa-2015",
    "EFSA adequate intake of cobalamin, µg/day: 1.5 at 7-11 months, 4 at 15-17 years, 4 for adults "
    "(≥ 18 y), 4.5 in pregnancy, 5 in lactation (values for 1-14 years not available in b12)",
    EFSA_2015_B12,
    Evidence.VERIFIED,
    {
        "EFSA_AI_INFANT_7_11_MONTHS_UG_PER_DAY": EFSA_AI_INFANT_7_11_MONTHS_UG_PER_DAY,
        "EFSA_INFANT_FROM_YEARS": EFSA_INFANT_FROM_YEARS,
        "EFSA_CHILD_FROM_YEARS": EFSA_CHILD_FROM_YEARS,
        "EFSA_AI_15_17_YEARS_UG_PER_DAY": EFSA_AI_15_17_YEARS_UG_PER_DAY,
        "EFSA_ADOLESCENT_FROM_YEARS": EFSA_ADOLESCENT_FROM_YEARS,
        "EFSA_AI_ADULT_UG_PER_DAY": EFSA_AI_ADULT_UG_PER_DAY,
        "EFSA_ADULT_FROM_YEARS": EFSA_ADULT_FROM_YEARS,
        "EFSA_AI_PREGNANCY_UG_PER_DAY": EFSA_AI_PREGNANCY_UG_PER_DAY,
        "EFSA_AI_LACTATION_UG_PER_DAY": EFSA_AI_LACTATION_UG_PER_DAY,
    },
)

# Bands are closed at their lower edge: "1-3 y" is 1 <= age < 4, so 4.0 is in 4-8 y.
IOM_AGE_BANDS = Bands(
    None,
    tuple(
        Band(stage, stage.replace("_", " "))
        for stage in (*IOM_AGE_BAND_BELOW_YEARS, S.ADULT_51_PLUS)
    ),
    tuple(
        Edge(stated_in("years", below), Closed.ABOVE) for below in IOM_AGE_BAND_BELOW_YEARS.values()
    ),
    RULE_IOM,
)

EFSA_INFANT = "infant_7_11_months"
EFSA_ADOLESCENT = "adolescent_15_17"
EFSA_ADULT = "adult"
EFSA_AGE_BANDS = Bands(
    None,
    (
        Band("under_7_months", "under 7 months (not read)"),
        Band(EFSA_INFANT, "7-11 months"),
        Band("child_1_14", "1-14 years (not read)"),
        Band(EFSA_ADOLESCENT, "15-17 years"),
        Band(EFSA_ADULT, "adults (18 years and over)"),
    ),
    tuple(
        Edge(stated_in("years", from_years), Closed.ABOVE)
        for from_years in (
            EFSA_INFANT_FROM_YEARS,
            EFSA_CHILD_FROM_YEARS,
            EFSA_ADOLESCENT_FROM_YEARS,
            EFSA_ADULT_FROM_YEARS,
        )
    ),
    RULE_EFSA,
)
EFSA_AI_BY_AGE_BAND = MappingProxyType(
    {
        EFSA_INFANT: EFSA_AI_INFANT_7_11_MONTHS_UG_PER_DAY,
        EFSA_ADOLESCENT: EFSA_AI_15_17_YEARS_UG_PER_DAY,
        EFSA_ADULT: EFSA_AI_ADULT_UG_PER_DAY,
    }
)


@dataclass(frozen=True)
class ReferenceIntake:
    """The reference intakes that apply to one person, with the rules behind them."""

    life_stage: LifeStage
    rda_ug_per_day: float  # the IOM RDA, or the AI for infants
    rda_is_ai: bool
    ear_ug_per_day: float | None
    efsa_ai_ug_per_day: float | None  # None where b12 has no EFSA value for the age
    prefer_fortified_or_supplement: bool  # IOM advice for adults over 50
    rules: tuple[str, ...]


def life_stage(age_years: float, *, pregnant: bool = False, lactating: bool = False) -> LifeStage:
    """The IOM life stage: pregnancy and lactation first (all ages), else the age band."""
    if not age_years >= 0:
        raise ValueError(f"age {age_years!r} must be a non-negative number of years")
    if pregnant:
        return S.PREGNANCY
    if lactating:
        return S.LACTATION
    return S(IOM_AGE_BANDS.label_canonical(age_years))


def efsa_adequate_intake(
    age_years: float, *, pregnant: bool = False, lactating: bool = False
) -> float | None:
    """EFSA 2015 AI (µg/day), or None for ages where b12 has no EFSA value (< 7 mo, 1-14 y)."""
    if pregnant:
        return EFSA_AI_PREGNANCY_UG_PER_DAY
    if lactating:
        return EFSA_AI_LACTATION_UG_PER_DAY
    return EFSA_AI_BY_AGE_BAND.get(EFSA_AGE_BANDS.label_canonical(age_years))


def reference_intake(
    age_years: float, *, pregnant: bool = False, lactating: bool = False
) -> ReferenceIntake:
    """IOM RDA/EAR and EFSA AI for a person.

    References
    ----------
    IOM 1998, doi:10.17226/6015, Chapter 9; EFSA NDA Panel 2015, doi:10.2903/j.efsa.2015.4150.
    """
    stage = life_stage(age_years, pregnant=pregnant, lactating=lactating)
    # Pregnancy and lactation replace the life stage, not the age: a pregnant woman over 50 is
    # still advised to take most B12 from fortified foods or a supplement.
    older = IOM_AGE_BANDS.label_canonical(age_years) == S.ADULT_51_PLUS
    efsa = efsa_adequate_intake(age_years, pregnant=pregnant, lactating=lactating)
    return ReferenceIntake(
        life_stage=stage,
        rda_ug_per_day=IOM_RDA_UG_PER_DAY[stage],
        rda_is_ai=stage in IOM_INFANT_STAGES,
        ear_ug_per_day=IOM_EAR_UG_PER_DAY.get(stage),
        efsa_ai_ug_per_day=efsa,
        prefer_fortified_or_supplement=older,
        rules=(RULE_IOM, RULE_EFSA, *((RULE_OVER_50,) if older else ())),
    )
