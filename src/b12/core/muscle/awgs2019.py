"""AWGS 2019: the Asian Working Group for Sarcopenia consensus update (selectable criteria set).

Source
------
Chen LK, Woo J, Assantachai P, et al. Asian Working Group for Sarcopenia: 2019 Consensus Update on
Sarcopenia Diagnosis and Treatment. J Am Med Dir Assoc 2020;21(3):300-307.e2.
doi:10.1016/j.jamda.2019.12.012. Cut-offs from the abstract as tabulated in
../shared/knowledge/evidence.md §6.2 (``verified``):

- low strength: handgrip < 28 kg (men) / < 18 kg (women);
- low performance: 6 m gait speed < 1.0 m/s, five chair stands >= 12 s, or SPPB <= 9;
- low muscle mass: ASM/height² < 7.0 kg/m² (men, DXA or BIA); women < 5.4 (DXA) / < 5.7 (BIA).

Sarcopenia = low mass + low strength or low performance; severe = all three. "Possible
sarcopenia" (low strength or low performance, mass not measured; primary care) is reported as stage
``probable``: its definition was read only in secondary text (``secondary``).

Input units: grip kg; gait speed m/s; chair stand s; SPPB points; ASM kg; height m.
"""

from __future__ import annotations

from b12.core.bands import cut_off
from b12.core.muscle.cut_offs import by_sex, low, shown
from b12.core.muscle.measurements import AsmMethod, MuscleMeasurements
from b12.core.muscle.model import Builder, Criteria, MuscleResult, Stage, any_low
from b12.core.muscle.sarc_f import case_finding
from b12.core.rules import Evidence, register
from b12.core.sex import BySex, Sex
from b12.core.sources import CHEN_2020_AWGS

GRIP_LOW_BELOW_KG = BySex(male=28.0, female=18.0)
GAIT_SPEED_LOW_BELOW_M_S = 1.0
CHAIR_STAND_LOW_AT_OR_ABOVE_S = 12.0
SPPB_LOW_AT_OR_BELOW_POINTS = 9
ASM_INDEX_LOW_BELOW_KG_M2_DXA = BySex(male=7.0, female=5.4)
ASM_INDEX_LOW_BELOW_KG_M2_BIA = BySex(male=7.0, female=5.7)

RULE_STRENGTH = register(
    "awgs2019.strength",
    "Low strength: handgrip < 28 kg (men) / < 18 kg (women)",
    CHEN_2020_AWGS,
    Evidence.VERIFIED,
    GRIP_LOW_BELOW_KG.parameters("GRIP_LOW_BELOW_KG"),
)
RULE_PERFORMANCE = register(
    "awgs2019.performance",
    "Low performance: 6 m gait speed < 1.0 m/s, five chair stands >= 12 s, or SPPB <= 9",
    CHEN_2020_AWGS,
    Evidence.VERIFIED,
    {
        "GAIT_SPEED_LOW_BELOW_M_S": GAIT_SPEED_LOW_BELOW_M_S,
        "CHAIR_STAND_LOW_AT_OR_ABOVE_S": CHAIR_STAND_LOW_AT_OR_ABOVE_S,
        "SPPB_LOW_AT_OR_BELOW_POINTS": SPPB_LOW_AT_OR_BELOW_POINTS,
    },
)
RULE_MASS = register(
    "awgs2019.mass",
    "Low muscle mass: ASM/height² < 7.0 kg/m² (men); women < 5.4 (DXA) / < 5.7 (BIA); sarcopenia = "
    "low mass with low strength or performance; severe = all three",
    CHEN_2020_AWGS,
    Evidence.VERIFIED,
    {
        **ASM_INDEX_LOW_BELOW_KG_M2_DXA.parameters("ASM_INDEX_LOW_BELOW_KG_M2_DXA"),
        **ASM_INDEX_LOW_BELOW_KG_M2_BIA.parameters("ASM_INDEX_LOW_BELOW_KG_M2_BIA"),
    },
)
RULE_POSSIBLE = register(
    "awgs2019.possible",
    "Possible sarcopenia (primary care): low strength or low performance before muscle mass is "
    "measured; b12 reports it as stage 'probable'",
    CHEN_2020_AWGS,
    Evidence.SECONDARY,
    note="The abstract sentence introducing 'possible sarcopenia' was cut off in the text read.",
)

GRIP_BANDS = by_sex(RULE_STRENGTH, "handgrip", "<", GRIP_LOW_BELOW_KG, "kg")
GAIT_SPEED_BANDS = cut_off(RULE_PERFORMANCE, "6 m gait speed", "<", GAIT_SPEED_LOW_BELOW_M_S, "m/s")
CHAIR_STAND_BANDS = cut_off(
    RULE_PERFORMANCE, "five chair stands", ">=", CHAIR_STAND_LOW_AT_OR_ABOVE_S, "s"
)
SPPB_BANDS = cut_off(RULE_PERFORMANCE, "SPPB", "<=", SPPB_LOW_AT_OR_BELOW_POINTS, "points")
ASM_INDEX_DXA_BANDS = by_sex(
    RULE_MASS, "ASM/height² (DXA)", "<", ASM_INDEX_LOW_BELOW_KG_M2_DXA, "kg/m²"
)
ASM_INDEX_BIA_BANDS = by_sex(
    RULE_MASS, "ASM/height² (BIA)", "<", ASM_INDEX_LOW_BELOW_KG_M2_BIA, "kg/m²"
)


def _low_mass(m: MuscleMeasurements, sex: Sex, b: Builder) -> bool | None:
    index = m.asm_index_kg_m2
    if index is None:
        return None
    b.derived["asm_index_kg_m2"] = index
    dxa = low(ASM_INDEX_DXA_BANDS, index, sex)
    if m.asm_method is None:
        if dxa != low(ASM_INDEX_BIA_BANDS, index, sex):
            b.note(
                "asm_method_needed",
                "The AWGS 2019 cut-off for women differs for DXA (5.4) and "
                "BIA (5.7 kg/m²) and this value lies between them; b12 used the DXA cut-off. Give "
                "asm_method",
                RULE_MASS,
            )
        return dxa
    return low(ASM_INDEX_BIA_BANDS, index, sex) if m.asm_method is AsmMethod.BIA else dxa


def _mass_words(m: MuscleMeasurements, sex: Sex) -> str:
    """The ASM/height² with the AWGS 2019 cut-off it was read against (DXA unless BIA is given)."""
    bia = m.asm_method is AsmMethod.BIA
    cut = (ASM_INDEX_LOW_BELOW_KG_M2_BIA if bia else ASM_INDEX_LOW_BELOW_KG_M2_DXA)[sex]
    index = m.asm_index_kg_m2 or 0.0
    return (
        f"ASM/height² {shown(index, cut)} kg/m², not below {cut:g} kg/m² "
        f"({'BIA' if bia else 'DXA'} cut-off)"
    )


def assess(m: MuscleMeasurements, sex: Sex) -> MuscleResult:
    """Apply AWGS 2019 to whatever measurements are present.

    References
    ----------
    Chen LK et al. J Am Med Dir Assoc 2020;21(3):300-307.e2.
    """
    b = Builder(Criteria.AWGS2019, frozenset(m.model_dump(exclude_none=True)))
    cf = case_finding(m.sarc_f, m.calf_circumference_cm, sex)
    strength = low(GRIP_BANDS, m.grip_strength_kg, sex)
    performance = any_low(
        low(GAIT_SPEED_BANDS, m.gait_speed_m_s),
        low(CHAIR_STAND_BANDS, m.chair_stand_s),
        low(SPPB_BANDS, m.sppb_score),
    )
    mass = _low_mass(m, sex, b)
    flags = (strength, mass, performance)
    b.cite_judged((RULE_STRENGTH, strength), (RULE_PERFORMANCE, performance), (RULE_MASS, mass))
    function_low = any_low(strength, performance)
    if function_low is None:
        b.need("grip_strength_kg", "gait_speed_m_s")
        if cf.done and not cf.positive:
            return b.result(Stage.NO_SARCOPENIA, "case-finding negative", cf, flags)
        b.note(
            "strength_missing",
            "Grip strength or a performance test is needed to assess sarcopenia",
            RULE_STRENGTH,
            RULE_PERFORMANCE,
        )
        return b.result(Stage.INSUFFICIENT_DATA, "strength and performance not measured", cf, flags)
    if strength is None:
        b.need("grip_strength_kg")
    if performance is None:
        b.need("gait_speed_m_s")
    if not function_low:
        return b.result(Stage.NO_SARCOPENIA, "strength and performance not low", cf, flags)
    if mass is None:
        b.need("asm_kg", "height_m")
        b.note(
            "possible_sarcopenia",
            "Low strength or performance: possible sarcopenia (AWGS "
            "2019); measure muscle mass to confirm",
            RULE_POSSIBLE,
        )
        return b.result(Stage.PROBABLE, "possible sarcopenia", cf, flags)
    if not mass:
        measured = _mass_words(m, sex)
        b.note(
            "not_confirmed",
            f"Low strength or performance with muscle mass not low ({measured}): sarcopenia is "
            "not confirmed",
            RULE_MASS,
        )
        return b.result(
            Stage.PROBABLE, f"possible sarcopenia (mass not low: {measured})", cf, flags
        )
    if strength and performance:
        return b.result(Stage.SEVERE, "severe sarcopenia", cf, flags)
    return b.result(Stage.CONFIRMED, "sarcopenia", cf, flags)
