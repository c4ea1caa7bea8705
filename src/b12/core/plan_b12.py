"""Plan items about B12 itself: urgent care, referral, supplement, medicines and re-testing.

The numbers and their sources are in :mod:`b12.core.treatment`; this module only chooses between
them by status (how low), cause (diet, absorption, medicine, nitrous oxide) and life stage. Wording
follows DECISIONS.md: never advise stopping a prescribed medicine; urgent wording for neurological
symptoms; prompt referral in pregnancy and suspected pernicious anaemia.
"""

from __future__ import annotations

from enum import StrEnum

from b12.core import epidemiology, screening_rules
from b12.core import treatment as tx
from b12.core.cb12 import Cb12Category
from b12.core.confounders import RULE_SUPPLEMENT
from b12.core.medications import MedicationClass
from b12.core.person import Diet, Person
from b12.core.plan_intake import IntakeLevel
from b12.core.plan_item import Category, PlanItem
from b12.core.screening import ScreeningResult
from b12.core.status import StatusResult
from b12.units import Analyte


class B12Level(StrEnum):
    """The plan's reading of B12 status."""

    DEFICIENT = "deficient"
    LOW = "low"
    INDETERMINATE = "indeterminate"
    ADEQUATE = "adequate"
    DISCORDANT = "discordant"
    UNKNOWN = "unknown"


class Cause(StrEnum):
    """The most likely reason for low B12, which decides the form and dose."""

    MALABSORPTION = "malabsorption"
    MEDICATION = "medication"
    OLDER_AGE = "older_age"
    DIET = "diet"
    NITROUS_OXIDE = "nitrous_oxide"
    UNKNOWN = "unknown"


LOW_LEVELS = frozenset({B12Level.DEFICIENT, B12Level.LOW})
NOT_ADEQUATE = frozenset(
    {*LOW_LEVELS, B12Level.INDETERMINATE, B12Level.DISCORDANT, B12Level.UNKNOWN}
)
ABSORPTION_MEDICINES = frozenset(
    {MedicationClass.METFORMIN, MedicationClass.PPI, MedicationClass.H2RA}
)
_CB12_LEVEL = {
    Cb12Category.ELEVATED: B12Level.ADEQUATE,
    Cb12Category.ADEQUATE: B12Level.ADEQUATE,
    Cb12Category.LOW: B12Level.LOW,
    Cb12Category.POSSIBLY_DEFICIENT: B12Level.DEFICIENT,
    Cb12Category.PROBABLY_DEFICIENT: B12Level.DEFICIENT,
}
_NICE_LEVEL = {
    "deficiency_likely": B12Level.DEFICIENT,
    "indeterminate": B12Level.INDETERMINATE,
    "deficiency_unlikely": B12Level.ADEQUATE,
    "discordant": B12Level.DISCORDANT,
}


def b12_level(status: StatusResult, values: dict[Analyte, float]) -> B12Level:
    """Status as the plan reads it: cB12 when computed, else NICE NG239; a raised MMA turns an
    indeterminate result into low (functional deficiency)."""
    if status.cb12.category is not None:
        return _CB12_LEVEL[status.cb12.category]
    level = _NICE_LEVEL.get(status.interpretation.conclusion, B12Level.UNKNOWN)
    mma = values.get(Analyte.MMA)
    if level is B12Level.INDETERMINATE and mma is not None and epidemiology.mma_elevated(mma):
        return B12Level.LOW
    return level


def likely_cause(
    person: Person, found: ScreeningResult, level: B12Level, intake: IntakeLevel | None
) -> Cause:
    """The cause that decides the treatment route (absorption problems take precedence)."""
    classes = {m.drug_class for m in found.medications}
    if found.has("nitrous_oxide", "medication.nitrous_oxide"):
        return Cause.NITROUS_OXIDE
    if found.malabsorption:
        return Cause.MALABSORPTION
    if level in LOW_LEVELS and intake is IntakeLevel.MEETS_RDA:
        return Cause.MALABSORPTION  # low status despite ample intake
    if classes & ABSORPTION_MEDICINES:
        return Cause.MEDICATION
    if person.diet in (Diet.VEGAN, Diet.VEGETARIAN) or intake is IntakeLevel.BELOW_EAR:
        return Cause.DIET
    if person.age > screening_rules.OLDER_ADULT_ABOVE_AGE_YEARS:
        return Cause.OLDER_AGE
    return Cause.UNKNOWN


def item(id_: str, category: Category, text: str, reason: str, *rules: str) -> PlanItem:
    return PlanItem(id=id_, category=category, text=text, reason=reason, rules=rules)


def urgent_and_referral(person: Person, found: ScreeningResult, level: B12Level) -> list[PlanItem]:
    """Items that send the person to a clinician, most urgent first."""
    items = []
    if found.neurological_symptoms and level in NOT_ADEQUATE:
        items.append(
            item(
                "urgent.neurological",
                Category.URGENT,
                "See a doctor urgently, within days: numbness, tingling, balance or memory "
                "problems with low or unconfirmed B12 need prompt assessment. Treatment should "
                "not wait for a re-test; when nerves are involved it is usually by injection "
                "(BNF: hydroxocobalamin 1 mg on alternate days until no further improvement, then "
                "every 2 months).",
                "Neurological symptoms can come from B12 deficiency and may not fully recover if "
                "treatment is delayed",
                tx.RULE_URGENT_NEURO,
                tx.RULE_IM,
                screening_rules.RULE_SYMPTOMS,
            )
        )
    elif found.neurological_symptoms:
        items.append(
            item(
                "referral.neurological",
                Category.REFERRAL,
                "See a doctor about the nerve or memory symptoms: B12 looks adequate, so other "
                "causes need checking.",
                "Neurological symptoms need a clinical assessment",
                screening_rules.RULE_SYMPTOMS,
                tx.RULE_FIND_CAUSE,
            )
        )
    if (person.pregnant or person.breastfeeding) and level in NOT_ADEQUATE:
        stage = "pregnant" if person.pregnant else "breastfeeding"
        items.append(
            item(
                "referral.pregnancy",
                Category.REFERRAL,
                f"You are {stage}: see your midwife or doctor promptly about B12. Active B12 "
                f"(holoTC) is the preferred test in pregnancy, and after starting treatment a "
                f"review at 1 month is advised.",
                "The baby depends on the mother's B12; total B12 falls in pregnancy",
                tx.RULE_PREGNANCY,
                tx.RULE_RETEST,
            )
        )
    on_injections = any(m.drug_class is MedicationClass.B12_INJECTION for m in found.medications)
    if found.has("pernicious_anaemia", "atrophic_gastritis") and on_injections:
        items.append(
            item(
                "supplement.pernicious_anaemia_injections",
                Category.SUPPLEMENT,
                "Keep to the B12 injection schedule agreed with your doctor (BNF maintenance: "
                "hydroxocobalamin 1 mg every 3 months, or every 2 months after nerve involvement); "
                "food and low-dose supplements cannot replace it.",
                "Pernicious anaemia or autoimmune gastritis: B12 from food is not absorbed",
                tx.RULE_PHYSICIAN,
                tx.RULE_IM,
                screening_rules.RULE_CONDITIONS_ODS,
            )
        )
    elif found.has("pernicious_anaemia", "atrophic_gastritis"):
        items.append(
            item(
                "referral.pernicious_anaemia",
                Category.REFERRAL,
                "Pernicious anaemia or autoimmune gastritis is listed or suspected: B12 should be "
                "managed by your doctor. Treatment is usually intramuscular hydroxocobalamin "
                "(BNF: 1 mg three times a week for 2 weeks, then every 3 months), often lifelong; "
                "food and low-dose supplements cannot fix the absorption problem.",
                "Without intrinsic factor, B12 from food and small supplements is not absorbed",
                tx.RULE_PHYSICIAN,
                tx.RULE_IM,
                screening_rules.RULE_CONDITIONS_ODS,
            )
        )
    if level is B12Level.DISCORDANT:
        items.append(
            item(
                "referral.discordant",
                Category.REFERRAL,
                "Your total and active B12 results disagree: ask your doctor to review them; with "
                "clear symptoms, treatment should not be delayed.",
                "Discordant first-line tests",
                tx.RULE_FIND_CAUSE,
            )
        )
    return items


def supplement(
    person: Person, found: ScreeningResult, level: B12Level, cause: Cause
) -> list[PlanItem]:
    """Supplement form, dose and frequency for this status and cause (or none)."""
    vegan = person.diet in (Diet.VEGAN, Diet.VEGETARIAN)
    if level in LOW_LEVELS:
        return [_treatment(cause, level)]
    if level is B12Level.INDETERMINATE and vegan:
        return [
            item(
                "supplement.marginal_plant_based",
                Category.SUPPLEMENT,
                "Take cyanocobalamin 50 µg a day or 2000 µg once a week by mouth (or under the "
                "tongue), and re-check B12 in 3 months.",
                f"Borderline B12 on a {person.diet.value if person.diet else ''} diet: marginal "
                f"stores",
                tx.RULE_MARGINAL_VEGAN,
                tx.RULE_BORDERLINE_RECHECK,
            )
        ]
    if vegan:
        return [_maintenance_plant_based(level)]
    on_injections = any(m.drug_class is MedicationClass.B12_INJECTION for m in found.medications)
    if (
        person.age > screening_rules.OLDER_ADULT_ABOVE_AGE_YEARS
        and level is not B12Level.UNKNOWN
        and not found.malabsorption
        and not on_injections
    ):
        return [
            item(
                "supplement.older_adult_fortified",
                Category.SUPPLEMENT,
                "Get most of your B12 from fortified foods or a B12-containing supplement (for "
                "example a daily multivitamin with B12).",
                "Over 50, B12 bound in food is absorbed less well, while the crystalline B12 in "
                "fortified foods and supplements is absorbed normally",
                tx.RULE_OLDER_FORTIFIED,
                screening_rules.RULE_OLDER_ADULT,
            )
        ]
    if found.has("gastrectomy", "ileal_resection") and level is B12Level.ADEQUATE:
        return [
            item(
                "supplement.prophylaxis",
                Category.SUPPLEMENT,
                "After gastrectomy or ileal resection, ask your doctor about preventive B12 "
                "(BNF: hydroxocobalamin 1 mg every 3 months).",
                "Absorption is permanently reduced after this surgery",
                tx.RULE_IM,
                tx.RULE_PHYSICIAN,
            )
        ]
    return []


def _maintenance_plant_based(level: B12Level) -> PlanItem:
    note = (
        " If you have symptoms, have the blood test before you start, because a supplement "
        "raises serum B12 first and can hide a deficiency."
        if level is B12Level.UNKNOWN
        else ""
    )
    return item(
        "supplement.plant_based_maintenance",
        Category.SUPPLEMENT,
        "Choose one: eat B12-fortified foods two or three times a day for at least 3 µg a day; or "
        "take a 10 µg (or more) cyanocobalamin supplement daily; or take 2000 µg once a week."
        + note,
        "Plant-based diets have no reliable natural B12 source",
        tx.RULE_VEGAN_SOCIETY,
        tx.RULE_AND_2016,
        *((RULE_SUPPLEMENT,) if note else ()),
    )


def _treatment(cause: Cause, level: B12Level) -> PlanItem:
    how_low = "low" if level is B12Level.LOW else "deficient"
    if cause is Cause.DIET:
        return item(
            "supplement.oral_dietary",
            Category.SUPPLEMENT,
            "Take cyanocobalamin 50-150 µg by mouth every day, agreed with your doctor or "
            "pharmacist; on a plant-based diet keep a regular B12 source afterwards.",
            f"B12 is {how_low} and the likely cause is diet, so a modest oral dose is enough",
            tx.RULE_ORAL_DIETARY,
        )
    if cause is Cause.NITROUS_OXIDE:
        return item(
            "supplement.nitrous_oxide",
            Category.REFERRAL,
            "See a doctor: B12 inactivated by nitrous oxide is treated by injection or by mouth, "
            "as you and your clinician prefer.",
            "Nitrous oxide inactivates B12 even when blood levels look normal",
            tx.RULE_NITROUS_OXIDE,
        )
    if cause is Cause.UNKNOWN:
        return item(
            "supplement.find_cause",
            Category.REFERRAL,
            "See a doctor to find out why B12 is low before choosing a long-term treatment; with "
            "clear symptoms, treatment should start without delay.",
            f"B12 is {how_low} without a dietary or known absorption cause",
            tx.RULE_FIND_CAUSE,
        )
    rules = [tx.RULE_ORAL_MALABSORPTION, tx.RULE_IM]
    if cause is Cause.OLDER_AGE:
        rules.append(tx.RULE_ORAL_OLDER)
    reason = {
        Cause.MALABSORPTION: "absorption is impaired (a condition, surgery, or low status despite "
        "enough B12 in the diet)",
        Cause.MEDICATION: "a medicine you take reduces B12 absorption",
        Cause.OLDER_AGE: "food-bound B12 is often poorly absorbed in later life",
    }[cause]
    return item(
        "supplement.high_dose_oral",
        Category.SUPPLEMENT,
        "Ask your doctor about oral cyanocobalamin of at least 1000 µg (1 mg) every day, or "
        "intramuscular hydroxocobalamin injections (BNF: 1 mg three times a week for 2 weeks, then "
        "every 3 months).",
        f"B12 is {how_low} and {reason}",
        *rules,
    )
