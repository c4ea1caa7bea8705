"""FNIH Sarcopenia Project (2014): weakness, low lean mass and slowness (selectable criteria set).

Source
------
Studenski SA, Peters KW, Alley DE, et al. The FNIH Sarcopenia Project: rationale, study description,
conference recommendations, and final estimates. J Gerontol A Biol Sci Med Sci 2014;69(5):547-558.
doi:10.1093/gerona/glu010 (``verified`` from the abstract): weakness = grip < 26 kg (men) / < 16 kg
(women); low lean mass = appendicular lean mass / BMI < 0.789 (men) / < 0.512 (women). Slowness =
gait speed < 0.8 m/s; the two recommended combinations are "weakness with low lean mass" and
"weakness and slowness with low lean mass" (PMC6125026, Table 2).

b12 reports weakness alone as ``probable``, weakness with low lean mass as ``confirmed`` and with
slowness as ``severe``: a mapping onto the EWGSOP2 stage names (``secondary``).

Input units: grip kg; ASM (appendicular lean mass) kg; weight kg; height m (BMI in kg/m²); gait m/s.
"""

from __future__ import annotations

from b12.core.bands import cut_off
from b12.core.muscle.cut_offs import by_sex, low, shown
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Builder, Criteria, MuscleResult, Stage
from b12.core.muscle.sarc_f import case_finding
from b12.core.rules import Evidence, register
from b12.core.sex import BySex, Sex
from b12.core.sources import STUDENSKI_2014_FNIH

GRIP_LOW_BELOW_KG = BySex(male=26.0, female=16.0)
ALM_BMI_LOW_BELOW_M2 = BySex(male=0.789, female=0.512)
GAIT_SPEED_SLOW_BELOW_M_S = 0.8

RULE_WEAKNESS = register(
    "fnih.weakness",
    "Weakness: grip < 26 kg (men) / < 16 kg (women)",
    STUDENSKI_2014_FNIH,
    Evidence.VERIFIED,
    GRIP_LOW_BELOW_KG.parameters("GRIP_LOW_BELOW_KG"),
)
RULE_LEAN_MASS = register(
    "fnih.lean-mass",
    "Low lean mass: appendicular lean mass / BMI < 0.789 (men) / < 0.512 (women)",
    STUDENSKI_2014_FNIH,
    Evidence.VERIFIED,
    ALM_BMI_LOW_BELOW_M2.parameters("ALM_BMI_LOW_BELOW_M2"),
)
RULE_SLOWNESS = register(
    "fnih.slowness",
    "Slowness: gait speed < 0.8 m/s",
    STUDENSKI_2014_FNIH,
    Evidence.VERIFIED,
    {"GAIT_SPEED_SLOW_BELOW_M_S": GAIT_SPEED_SLOW_BELOW_M_S},
)
RULE_STAGES = register(
    "fnih.stages",
    "Weakness alone = probable; weakness with low lean mass = confirmed; with slowness as well = "
    "severe (b12's mapping of the FNIH combinations onto stage names)",
    STUDENSKI_2014_FNIH,
    Evidence.SECONDARY,
)

GRIP_BANDS = by_sex(RULE_WEAKNESS, "grip", "<", GRIP_LOW_BELOW_KG, "kg")
ALM_BMI_BANDS = by_sex(
    RULE_LEAN_MASS, "appendicular lean mass / BMI", "<", ALM_BMI_LOW_BELOW_M2, "m²"
)
GAIT_SPEED_BANDS = cut_off(RULE_SLOWNESS, "gait speed", "<", GAIT_SPEED_SLOW_BELOW_M_S, "m/s")


def assess(m: MuscleMeasurements, sex: Sex) -> MuscleResult:
    """Apply the FNIH criteria to whatever measurements are present.

    References
    ----------
    Studenski SA et al. J Gerontol A Biol Sci Med Sci 2014;69(5):547-558.
    """
    b = Builder(Criteria.FNIH, frozenset(m.model_dump(exclude_none=True)))
    cf = case_finding(m.sarc_f, m.calf_circumference_cm, sex)
    weak = low(GRIP_BANDS, m.grip_strength_kg, sex)
    lean = None
    if (ratio := m.alm_bmi_m2) is not None and (bmi := m.bmi_kg_m2) is not None:
        b.derived["bmi_kg_m2"] = bmi
        b.derived["alm_bmi_m2"] = ratio
        lean = low(ALM_BMI_BANDS, ratio, sex)
    slow = low(GAIT_SPEED_BANDS, m.gait_speed_m_s)
    flags = (weak, lean, slow)
    b.cite_judged((RULE_WEAKNESS, weak), (RULE_LEAN_MASS, lean), (RULE_SLOWNESS, slow))
    if weak is None:
        b.need("grip_strength_kg")
        if cf.done and not cf.positive:
            return b.result(Stage.NO_SARCOPENIA, "case-finding negative", cf, flags)
        b.note("strength_missing", "Grip strength is needed for the FNIH criteria", RULE_WEAKNESS)
        return b.result(Stage.INSUFFICIENT_DATA, "grip strength not measured", cf, flags)
    if not weak:
        return b.result(Stage.NO_SARCOPENIA, "no weakness", cf, flags)
    b.rules.append(RULE_STAGES)
    if lean is None:
        b.need("asm_kg", "weight_kg", "height_m")
        b.note(
            "confirm_with_alm",
            "Weakness: measure appendicular lean mass (DXA) with weight and "
            "height to apply the FNIH lean-mass criterion",
            RULE_LEAN_MASS,
        )
        return b.result(Stage.PROBABLE, "weakness", cf, flags)
    if not lean:
        cut = ALM_BMI_LOW_BELOW_M2[sex]
        measured = f"ALM/BMI {shown(m.alm_bmi_m2 or 0.0, cut)} m², not below {cut:g} m²"
        b.note("not_confirmed", f"Weakness without low lean mass ({measured})", RULE_LEAN_MASS)
        return b.result(Stage.PROBABLE, f"weakness without low lean mass ({measured})", cf, flags)
    if slow is None:
        b.need("gait_speed_m_s")
        return b.result(Stage.CONFIRMED, "weakness with low lean mass", cf, flags)
    if slow:
        return b.result(Stage.SEVERE, "weakness and slowness with low lean mass", cf, flags)
    return b.result(Stage.CONFIRMED, "weakness with low lean mass", cf, flags)
