"""Plan items about food, protein, exercise and muscle (sources in :mod:`b12.core.plan.treatment`,
:mod:`b12.core.diet.protein` and :mod:`b12.core.muscle.model`'s criteria modules).

Food guidance is given as categories that fit the diet, without the food database (issue 4); a
measured intake, when the caller has one, is handled by :func:`b12.core.plan.b12_items.intake_items`.
"""

from __future__ import annotations

import datetime as dt

from b12.core.diet import glim, protein
from b12.core.kidney_blood.kdigo_gfr import gfr_category
from b12.core.kidney_blood.kidney_history import kidney_history
from b12.core.muscle.assess import ADULT_FROM_AGE_YEARS, assess_muscle
from b12.core.muscle.model import MuscleResult, Stage
from b12.core.person import Diet, Person, plant_based
from b12.core.plan import assessments, prophylaxis
from b12.core.plan import treatment as tx
from b12.core.plan.food_b12 import RULE_FOOD_BOUND, FoodB12, not_from_food_cause, plan_route
from b12.core.plan.intake import fortified_medicines
from b12.core.plan.model import Category, PlanItem
from b12.core.screening import rules as screening_rules
from b12.core.screening import surgery
from b12.core.screening.model import ScreeningResult
from b12.core.status.judgment import TREAT, Level
from b12.core.status.judgment.model import LEVEL

FOOD_SOURCES = {
    Diet.VEGAN: "fortified plant milks, fortified breakfast cereals, fortified nutritional yeast "
    "and fortified meat alternatives",
    Diet.VEGETARIAN: "eggs, milk, yoghurt and cheese, plus fortified breakfast cereals or plant "
    "milks",
    Diet.LACTO_OVO_VEGETARIAN: "eggs, milk, yoghurt and cheese, plus fortified breakfast cereals or "
    "plant milks",
    Diet.LACTO_VEGETARIAN: "milk, yoghurt and cheese, plus fortified breakfast cereals or plant "
    "milks",
    Diet.OVO_VEGETARIAN: "eggs, plus fortified breakfast cereals, fortified plant milks and "
    "fortified nutritional yeast",
    Diet.PESCATARIAN: "fish and shellfish, eggs and dairy, plus fortified breakfast cereals",
    Diet.OMNIVORE: "meat, fish and shellfish, eggs and dairy, plus fortified breakfast cereals",
}
# Plain names of the measurements a clinician can be asked for.
MEASUREMENT_NAMES = {
    "sarc_f": "the SARC-F questionnaire",
    "grip_strength_kg": "grip strength (dynamometer)",
    "chair_stand_s": "a five-times chair stand test",
    "asm_kg": "appendicular muscle mass (DXA or BIA)",
    "asm_method": "how muscle mass was measured (DXA or BIA)",
    "height_m": "height",
    "weight_kg": "weight",
    "gait_speed_m_s": "gait speed",
}
_UNKNOWN_DIET = (
    "fish, meat, eggs and dairy, or fortified foods such as breakfast cereals and plant milks"
)


_CKD_G3_G5 = frozenset({"G3a", "G3b", "G4", "G5"})


def _item(id_: str, category: Category, text: str, reason: str, *rules: str) -> PlanItem:
    return PlanItem(id=id_, category=category, text=text, reason=reason, rules=rules)


def food_items(
    person: Person, found: ScreeningResult, level: Level, day: dt.date
) -> list[PlanItem]:
    """Diet-appropriate B12 sources, spread over meals, with the algae caveat for plant diets;
    when absorption is lost for good (or impaired while B12 is low), food is said not to be the
    treatment, whatever the level (IOM 1998: lack of intrinsic factor "requires medical
    treatment")."""
    sources = FOOD_SOURCES.get(person.diet, _UNKNOWN_DIET) if person.diet else _UNKNOWN_DIET
    plant = plant_based(person.diet)
    rules = [tx.RULE_SPREAD_MEALS]
    if plant:
        rules.append(tx.RULE_AND_2016)
    # The intake verdict's reasons for fortified foods (IOM 1998 over 50; b12's reading for a PPI,
    # H2-blocker or metformin), so the plan gives the advice the verdict refers to.
    why = ["over 50"] if screening_rules.older_adult(person.age) else []
    for medicine in fortified_medicines(person, day):
        why.append(f"on {medicine}")
    if why:
        rules.append(tx.RULE_OLDER_FORTIFIED)
        sources += f"; {' and '.join(why)}, favour the fortified foods"
    items = [_sources(person, found, level, sources, rules)]
    if plant:
        items.append(
            _item(
                "food.algae",
                Category.FOOD,
                "Do not count spirulina or other blue-green algae as B12 sources (they contain "
                "mainly inactive B12 analogues); nori and chlorella are unreliable.",
                "Algal B12 analogues do not work in the body and can make blood tests look better",
                tx.RULE_ALGAE,
            )
        )
    return items


def _sources(
    person: Person, found: ScreeningResult, level: Level, sources: str, rules: list[str]
) -> PlanItem:
    """The food-sources item, read with :func:`b12.core.plan.food_b12.plan_route` (the menu's
    reader too, so the plan and the menu say the same about food B12)."""
    route = plan_route(person, found, level)
    if route is FoodB12.ABSORBED:  # most people
        return _food_sources(sources, tuple(rules))
    if route is FoodB12.NOT_FROM_FOOD:
        return _not_from_food(person, sources)
    return _item(  # crystalline B12 only
        "food.sources",
        Category.FOOD,
        "With atrophic gastritis the B12 bound in meat, fish, eggs and dairy is poorly "
        "absorbed, but B12 added to fortified foods (or in a supplement) is absorbed: have "
        "fortified foods such as breakfast cereals, plant milks or nutritional yeast every "
        "day, with at least the recommended daily amount of added B12. This does not "
        "replace B12 treatment your doctor decides on (needed if the gastritis is "
        "autoimmune).",
        "Atrophic gastritis reduces the absorption of food-bound B12, not of added "
        "(crystalline) B12",
        RULE_FOOD_BOUND,
        *rules,
    )


def _food_sources(sources: str, rules: tuple[str, ...]) -> PlanItem:
    """The food-sources item when food B12 is absorbed: the sources, at two or three meals."""
    return _item(
        "food.sources",
        Category.FOOD,
        f"Include B12 sources at two or three meals a day: {sources}.",
        "Intrinsic factor takes up only about 1.5-2.5 µg per meal, so several servings work "
        "better than one large one",
        *rules,
    )


def _not_from_food(person: Person, sources: str) -> PlanItem:
    """Food cannot be the treatment: the intrinsic-factor route is lost (or impaired while B12 is
    low)."""
    cause = prophylaxis.lifelong_cause(person)
    why = surgery.with_cause(cause) if cause else not_from_food_cause(person)
    if cause == surgery.PERNICIOUS_ANAEMIA and not surgery.pernicious_anaemia_diagnosed(person):
        why = "with suspected pernicious anaemia"  # not diagnosed (red team round 17)
    return _item(
        "food.sources",
        Category.FOOD,
        f"Food alone cannot correct or prevent B12 deficiency {why}: B12 from food, natural or "
        "fortified, is not the treatment, so "
        + (_KEEP_TO if cause else _SEE_ITEMS)
        + f"B12 sources can stay part of a varied diet: {sources}.",
        "B12 from food needs intrinsic factor and the terminal ileum to be absorbed"
        if why != "when absorption is impaired"
        else "Malabsorption",
        tx.RULE_PHYSICIAN,
        *((prophylaxis.RULE_LIFELONG,) if cause else ()),
    )


_KEEP_TO = "keep to the B12 treatment agreed with your doctor. "
_SEE_ITEMS = "B12 is your doctor's decision (see the B12 items of this plan). "
# The plan's items that say something about B12 treatment.
_B12_CATEGORIES = frozenset({Category.SUPPLEMENT, Category.URGENT, Category.REFERRAL})


def food_pointer(items: list[PlanItem], b12_taken: bool) -> list[PlanItem]:
    """The food item's pointer to B12 treatment made true of this plan: "keep to the treatment"
    only when B12 is taken now, the B12 items only when the plan has some (red team round 17,
    D6, and a treatment stopped or never started)."""
    food = next((i for i in items if i.id == "food.sources"), None)
    if food is None or (_KEEP_TO not in food.text and _SEE_ITEMS not in food.text):
        return items
    # The under-16 referral sets no B12 of its own: it is not a B12 item to point to (red team
    # round 17b, finding 12).
    has_b12_items = any(
        i.category in _B12_CATEGORIES and i.id != "referral.paediatric" for i in items
    )
    if b12_taken:
        pointer = _KEEP_TO
    elif has_b12_items:
        pointer = (
            "follow the B12 treatment in this plan, agreed with your doctor. "
            if _KEEP_TO in food.text  # a lifelong cause: the plan's items start or restart it
            else _SEE_ITEMS
        )
    else:
        pointer = (
            "whether you need B12 treatment is your doctor's decision, with the results of the "
            "tests in this plan. "
            if any(i.category is Category.TEST for i in items)
            else "ask your doctor whether you need B12 treatment. "
        )
    text = food.text.replace(_KEEP_TO, pointer).replace(_SEE_ITEMS, pointer)
    return [i.model_copy(update={"text": text}) if i is food else i for i in items]


def muscle_items(
    person: Person, muscle: MuscleResult, level: Level, egfr: float | None, at_risk_b12: bool
) -> list[PlanItem]:
    """Protein, exercise, the B12-muscle link and further muscle tests, when muscle is at risk."""
    items: list[PlanItem] = []
    at_risk = muscle.at_risk
    # PROT-AGE's 1.0-1.2 g/kg/day is for every person over 65, not only those whose muscle is at
    # risk; with chronic kidney disease (G3 or worse, or dialysis) protein advice is safety advice.
    # Either way it is given whatever the muscle check shows.
    if at_risk or protein.prot_age_applies(person.age) or _reduced_kidney_function(person, egfr):
        items.append(_protein(person, egfr, muscle))
    if at_risk:
        items.append(
            _item(
                "exercise.resistance",
                Category.EXERCISE,
                "Do resistance (strength) exercise, such as chair rises, resistance bands or "
                "weights, on most days alongside daily walking or other aerobic activity; ask a "
                "physiotherapist for a safe programme.",
                f"Muscle health is at risk ({muscle.label}, {muscle.criteria.display})",
                protein.RULE_ESPEN,
            )
        )
        if at_risk_b12 or level in TREAT or level is LEVEL.INDETERMINATE:
            items.append(
                _item(
                    "muscle.b12_link",
                    Category.MUSCLE,
                    "Why B12 matters for muscle: in mice, B12 supports the mitochondria that make "
                    "energy in skeletal muscle (Castillo et al., J Nutr 2026), and in older "
                    "adults low B12 is linked with lower muscle mass and strength. Correcting low "
                    "B12 is part of looking after muscle, together with protein and exercise; it "
                    "is not a proven muscle treatment on its own.",
                    "Low or at-risk B12 together with muscle at risk",
                    tx.RULE_MUSCLE_MITOCHONDRIA,
                    tx.RULE_MUSCLE_HUMANS,
                )
            )
    items += assessments.causes_item(person, muscle)
    items += assessments.finding_items(muscle)
    if person.age >= ADULT_FROM_AGE_YEARS:  # GLIM's BMI cut-offs are for adults
        items += assessments.nutrition_item(person)
    if (
        person.muscle is not None
        and muscle.missing
        and muscle.stage is not Stage.NO_SARCOPENIA
        and (at_risk or muscle.stage is Stage.INSUFFICIENT_DATA)
    ):
        items.append(
            _item(
                "muscle.measure",
                Category.MUSCLE,
                "To go further with the muscle assessment, ask for: "
                + ", ".join(MEASUREMENT_NAMES.get(f, f) for f in muscle.missing)
                + ".",
                f"{muscle.criteria.display}: {muscle.label}",
                *muscle.rules,
            )
        )
    return items


def _reduced_kidney_function(person: Person, egfr: float | None) -> bool:
    """CKD G3 or worse, or dialysis, named in the conditions, or an eGFR in G3-G5."""
    kidney = kidney_history(person.own_conditions, person.dialysis)
    return (kidney is not None and kidney.reduced) or (
        egfr is not None and gfr_category(egfr) in _CKD_G3_G5
    )


def person_protein_target(
    person: Person, egfr: float | None, muscle: MuscleResult | None = None
) -> protein.ProteinTarget:
    """The person's protein target, read with their kidney history (conditions and dialysis),
    their weight basis (ideal body weight at BMI >= 30), a GLIM low BMI, and the resistance
    exercise the plan advises when muscle is at risk (``muscle``; by default the EWGSOP2 reading).

    The plan's protein item and the menu planner both read it here, so they cannot disagree.
    """
    m = person.muscle
    kidney = kidney_history(person.own_conditions, person.dialysis)
    g3 = (kidney is not None and kidney.g3) or (
        egfr is not None and gfr_category(egfr) in ("G3a", "G3b")
    )
    if muscle is None:
        muscle = assess_muscle(m, person.sex, age_years=person.age)
    return protein.protein_target(
        person.age,
        None if m is None else m.weight_kg,
        bool(person.conditions),
        egfr,
        severe_ckd=kidney is not None and kidney.severe,
        ckd_g3=g3,
        on_dialysis=kidney is not None and kidney.dialysis is not None,
        pregnant=person.pregnant,
        breastfeeding=person.breastfeeding,
        pregnancy_weeks=person.gestational_age_weeks,
        height_m=None if m is None else m.height_m,
        sex=person.sex,
        malnutrition_risk=glim.low_bmi(person.age, None if m is None else m.bmi_kg_m2),
        exercising=muscle.at_risk,  # the plan's exercise.resistance item
    )


def _protein(person: Person, egfr: float | None, muscle: MuscleResult) -> PlanItem:
    target = person_protein_target(person, egfr, muscle)
    if target.renal_dietitian:
        return _item(
            "protein.dialysis",
            Category.PROTEIN,
            "On dialysis protein is not limited (needs are usually higher, about "
            f"{target.low_g_kg_day:g}-{target.high_g_kg_day:g} g per kg of body weight a day when "
            "stable): ask your renal dietitian for your amount.",
            "Dialysis removes protein; the kidney limit is for people not on dialysis",
            *target.rules,
        )
    if target.limit_for_kidneys:
        return _item(
            "protein.kidney",
            Category.PROTEIN,
            f"Have no more than {target.max_g_kg_day:g} g of protein per kg of {_which(target)} a "
            f"day{_ceiling_grams(target)} (the adult recommended amount) unless your renal team "
            "advises otherwise: with severe kidney disease the amount is set by the renal team.",
            "Severe kidney disease (eGFR < 30, CKD stage 4-5) not on dialysis may need protein "
            "limited",
            *target.rules,
        )
    rng = (
        f"{target.low_g_kg_day:g}-{target.high_g_kg_day:g}"
        if target.high_g_kg_day is not None
        else f"at least {target.low_g_kg_day:g}"
    )
    return _item(
        "protein.target",
        Category.PROTEIN,
        f"Aim for {rng} g of protein per kg of {_which(target)} a day{_grams(target)}, spread "
        "over meals.",
        f"Protein target for an {target.basis}"
        + (" whose muscle health is at risk" if muscle.at_risk else ""),
        *target.rules,
    )


def _which(target: protein.ProteinTarget) -> str:
    ideal = target.weight is not None and target.weight.kind == "ideal"
    return "ideal body weight" if ideal else "body weight"


def _ceiling_grams(target: protein.ProteinTarget) -> str:
    """The kidney ceiling in g/day on the plan's weight basis (the menu's ceiling too)."""
    if target.max_g_day is None or target.weight is None:
        return ""
    return f" (about {target.max_g_day:g} g a day, counted on {target.weight.words})"


def _grams(target: protein.ProteinTarget) -> str:
    """The g/day and the weight it is computed from, named (actual or ideal body weight)."""
    weight = target.weight
    if weight is None:
        return ""
    if target.low_g_day is None:
        return f", counted on {weight.words}"
    grams = (
        f"about {target.low_g_day:g}-{target.high_g_day:g}"
        if target.high_g_day is not None
        else f"at least about {target.low_g_day:g}"
    )
    return f" ({grams} g a day, counted on {weight.words})"
