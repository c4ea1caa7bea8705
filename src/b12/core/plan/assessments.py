"""Plan items for what the muscle and weight findings ask a clinician or dietitian to assess.

A finding that asks for an action is a plan item, so the brief view, the plan, ``--verbose`` and
the report all show it (red team C6: "slow walking needs a clinical assessment" was in the verbose
view only). Sources: EWGSOP2 (Cruz-Jentoft 2019) for assessing causes; GLIM 2019 for a low BMI.
"""

from __future__ import annotations

from b12.core.diet import glim, protein
from b12.core.muscle.model import MuscleResult, Stage
from b12.core.person import Person
from b12.core.plan.model import Category, PlanItem
from b12.core.rules import Evidence, register
from b12.core.sources import EWGSOP2_SECONDARY

RULE_ASSESS_CAUSES = register(
    "plan.assessments.assess-causes",
    "Confirmed or severe sarcopenia: a doctor assesses it and looks for causes other than ageing "
    "(secondary sarcopenia: disease, inactivity, malnutrition); EWGSOP2 is written for older "
    "people, and sarcopenia 'can also occur earlier in life'",
    EWGSOP2_SECONDARY,
    Evidence.SECONDARY,
    note="Red team U6: an 18-year-old with severe sarcopenia was given only protein and "
    "physiotherapy. The primary/secondary distinction was read in a citing review.",
)
# Findings that ask for an action, and the plan item each becomes (its text is the finding's).
ACTION_FINDINGS = {
    "low_performance_strength_normal": "muscle.performance_causes",
    "muscle_measurements_old": "muscle.repeat",
    "muscle_measured_later": "muscle.check_dates",
}
_CONFIRMED = frozenset({Stage.CONFIRMED, Stage.SEVERE})
_STAGE_WORDS = {Stage.CONFIRMED: "sarcopenia", Stage.SEVERE: "severe sarcopenia"}


def finding_items(muscle: MuscleResult) -> list[PlanItem]:
    """Each muscle finding that asks for an action, as a plan item in the finding's words."""
    if not muscle.findings:
        return []
    return [
        PlanItem(
            id=ACTION_FINDINGS[f.code],
            category=Category.MUSCLE,
            text=f.message + ".",
            reason=f"{muscle.criteria.display}: {muscle.label}",
            rules=f.rules,
        )
        for f in muscle.findings
        if f.code in ACTION_FINDINGS
    ]


def causes_item(person: Person, muscle: MuscleResult) -> list[PlanItem]:
    """Confirmed or severe sarcopenia: a doctor assesses causes (younger people above all)."""
    if muscle.stage not in _CONFIRMED:
        return []
    younger = (
        ""
        if protein.prot_age_applies(person.age)
        else f" At {person.age:g}, sarcopenia from ageing alone would be unusual (EWGSOP2 is "
        "written for older people), so such a cause is more likely."
    )
    return [
        PlanItem(
            id="muscle.assess_causes",
            category=Category.MUSCLE,
            # Named by stage: the label can carry measures ("sarcopenia confirmed (ASM 14.2 kg…)").
            text=f"Ask your doctor to assess the {_STAGE_WORDS[muscle.stage]} and look for causes "
            "other than "
            "ageing, such as a long-term illness, a medicine, inactivity or poor nutrition, "
            f"which are treated in their own right.{younger}",
            reason=f"{muscle.criteria.display}: {muscle.label}",
            rules=(RULE_ASSESS_CAUSES,),
        )
    ]


def nutrition_item(person: Person) -> list[PlanItem]:
    """A low BMI (GLIM) or reported weight loss: malnutrition risk, and a nutrition assessment."""
    m = person.muscle
    bmi = None if m is None else m.bmi_kg_m2
    low = glim.low_bmi(person.age, bmi)
    lost = glim.reported_weight_loss(person.current_symptoms)
    if not low and lost is None:
        return []
    why = []
    if low and bmi is not None:
        why.append(
            f"a BMI of {bmi:.1f} kg/m² is below {glim.low_bmi_below(person.age):g} (GLIM's "
            "low-BMI criterion for your age), a sign of malnutrition risk"
        )
    if lost is not None:
        why.append(f"you report {lost.lower()} (GLIM counts a loss of more than 5% in 6 months)")
    return [
        PlanItem(
            id="nutrition.assessment",
            category=Category.FOOD,
            text="Ask for a nutrition assessment by your doctor or a dietitian (screening such "
            "as MNA or MUST, then the GLIM criteria): " + "; ".join(why) + ". They decide whether "
            "more energy and protein are needed (for example enriched meals or oral nutritional "
            "supplements).",
            reason="Malnutrition risk" if low else "Reported weight loss",
            rules=(glim.RULE_LOW_BMI,),
        )
    ]
