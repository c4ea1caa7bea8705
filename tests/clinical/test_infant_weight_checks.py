"""The checks of tests/clinical/infant_weight_checks.py on hand-written output: for each key, one
output that passes and one that fails (README, "Keys for high results, weight and infants")."""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, PlanItem, Regimen
from b12.core.status.judgment import Direction, EvidenceItem, Kind, Level
from b12.services.assess import assess_person
from tests.clinical.infant_weight_checks import (
    GramsPerDay,
    InfantWeightExpect,
    grams_per_day,
    infant_weight_problems,
)

ADULT = Person.model_validate({"age": 60, "sex": "female", "assessed_on": "2026-11-01"})
BASE = assess_person(ADULT)


def plan_item(
    text: str,
    reason: str = "",
    category: Category = Category.FOOD,
    regimens: tuple[Regimen, ...] = (),
) -> PlanItem:
    return PlanItem(
        id="t", category=category, text=text, reason=reason, rules=(), regimens=regimens
    )


def evidence(message: str) -> EvidenceItem:
    return EvidenceItem(
        code="t", kind=Kind.HISTORY, direction=Direction.INCONCLUSIVE, message=message, rules=()
    )


def output(
    *items: PlanItem,
    said: tuple[str, ...] = (),
    level: Level = Level.INDETERMINATE,
    headline: str = "B12 status is indeterminate.",
) -> Assessment:
    """A real assessment whose every text is replaced by ``said`` (evidence) and ``items``."""
    assert BASE.plan is not None and BASE.screening is not None and BASE.muscle is not None
    j = BASE.status.judgment.model_copy(
        update={
            "level": level,
            "headline": headline,
            "evidence": tuple(evidence(m) for m in said),
            "advice": (),
            "urgency_reasons": (),
            "confidence_reasons": (),
            "next_tests": (),
        }
    )
    return BASE.model_copy(
        update={
            "status": BASE.status.model_copy(update={"judgment": j, "caveats": ()}),
            "plan": BASE.plan.model_copy(update={"summary": "", "items": items}),
            "screening": BASE.screening.model_copy(update={"risk_factors": (), "findings": ()}),
            "muscle": BASE.muscle.model_copy(update={"label": "", "findings": ()}),
        }
    )


def problems(a: Assessment, person: Person = ADULT, **keys: Any) -> list[str]:
    return infant_weight_problems(InfantWeightExpect(**keys), person, a)


# high_b12_attributed_to_b12_taken

ATTRIBUTED = (
    "Total B12 1050 pmol/L is high because of the injections given until a month ago. "
    "This high level does not mean B12 is no longer needed."
)


def test_high_b12_explained_by_the_injections_passes() -> None:
    conditional = plan_item(
        "If it stays high long after the injections, other causes such as liver disease are checked."
    )
    assert not problems(
        output(conditional, said=(ATTRIBUTED,)), high_b12_attributed_to_b12_taken=True
    )


def test_high_b12_as_an_unexplained_finding_fails() -> None:
    said = (
        "Total B12 is high without B12 supplements: other conditions, such as liver disease or a "
        "myeloproliferative disorder, can raise it.",
    )
    found = problems(output(said=said), high_b12_attributed_to_b12_taken=True)
    assert len(found) == 3, found  # not attributed, "no longer needed" not said, unexplained


def test_a_work_up_item_fails_even_when_the_injections_are_named() -> None:
    workup = plan_item("Ask for liver tests to look for the cause of the high B12.")
    found = problems(output(workup, said=(ATTRIBUTED,)), high_b12_attributed_to_b12_taken=True)
    assert found and "unexplained" in found[0]


# b12_source_advice_absent


def test_general_food_wording_and_no_regimen_pass() -> None:
    items = (
        plan_item("Eat a varied diet with vegetables, fruit and whole grains."),
        plan_item("No B12 supplement is needed with a high B12."),
    )
    assert not problems(output(*items), b12_source_advice_absent=True)


@pytest.mark.parametrize(
    "given",
    [
        plan_item("Over 50, favour B12-fortified foods."),
        plan_item("Take a daily multivitamin."),
        plan_item(
            "Ask about a tablet.", category=Category.SUPPLEMENT, regimens=(Regimen.ORAL_LOW_DOSE,)
        ),
    ],
)
def test_a_b12_source_or_regimen_fails(given: PlanItem) -> None:
    assert problems(output(given), b12_source_advice_absent=True)


def test_a_protein_supplement_is_not_a_b12_source() -> None:
    item = plan_item(
        "If meals fall short, a protein supplement can help.", category=Category.PROTEIN
    )
    assert not problems(output(item), b12_source_advice_absent=True)


# in_range_not_reassuring

IN_RANGE_OK = (
    "Total B12 230 pmol/L is inside the lab's range, but a B12 within the range does not rule out "
    "deficiency in a baby with these signs; ask for homocysteine and MMA."
)


def test_in_range_not_reassuring_passes() -> None:
    said = (IN_RANGE_OK, "Signs in a child with a B12 status that is not clearly normal need care.")
    assert not problems(output(said=said), in_range_not_reassuring=True)


def test_in_range_called_adequate_fails() -> None:
    a = output(said=(IN_RANGE_OK, "B12 status is adequate."))
    assert problems(a, in_range_not_reassuring=True) == [
        "calls the status reassuring: 'b12 status is adequate.'"
    ]


def test_in_range_with_deficiency_unlikely_and_no_caveat_fails() -> None:
    a = output(level=Level.DEFICIENCY_UNLIKELY, headline="B12 deficiency is unlikely.")
    found = problems(a, in_range_not_reassuring=True)
    assert "level is deficiency_unlikely" in found
    assert any("reassuring" in f for f in found)
    assert any("does not exclude" in f for f in found)


# mother_b12_check_advised

MOTHER_OK = plan_item(
    "Breast milk B12 depends on the mother's own B12: check the mother's B12, diet and "
    "supplements, and treat her if it is low."
)


def test_mother_checked_and_treated_passes() -> None:
    assert not problems(output(MOTHER_OK), mother_b12_check_advised=True)


@pytest.mark.parametrize(
    "text",
    [
        "Keep breastfeeding; ask the paediatric team how to feed.",  # only "breastfeeding"
        "The baby's B12 comes from breast milk: check the baby's B12.",  # only the baby's milk
        # her check without "treated if low"
        "Breast milk depends on the mother's B12, so the mother should have her own B12 checked.",
    ],
)
def test_mother_not_checked_in_full_fails(text: str) -> None:
    assert problems(output(plan_item(text)), mother_b12_check_advised=True)


def test_the_mother_check_must_be_a_plan_item() -> None:
    a = output(said=(MOTHER_OK.text,))
    assert problems(a, mother_b12_check_advised=True)


# earlier_functional_marker_named

EARLIER = Person.model_validate(
    {
        "age": 68,
        "sex": "female",
        "labs": [
            {"analyte": "b12", "value": 190, "unit": "pmol/L", "date": "2026-03-10"},
            {"analyte": "mma", "value": 0.52, "unit": "umol/L", "date": "2026-03-10"},
            {"analyte": "b12", "value": 330, "unit": "pmol/L", "date": "2026-10-28"},
        ],
        "assessed_on": "2026-11-02",
    }
)


def test_earlier_marker_named_untreated_and_not_settled_passes() -> None:
    said = (
        "MMA was raised (0.52 umol/L, 2026-03-10) and was never treated.",
        "The later total B12 alone does not show that the raised MMA has resolved: repeat MMA.",
    )
    assert not problems(output(said=said), EARLIER, earlier_functional_marker_named=True)


def test_evidence_listing_alone_fails() -> None:
    said = ("MMA is raised (0.52 umol/L, 2026-03-10).", "Total B12 330 pmol/L (2026-10-28).")
    found = problems(output(said=said), EARLIER, earlier_functional_marker_named=True)
    assert len(found) == 2, found  # no "never treated", no "does not show resolved"


def test_judgment_on_the_later_b12_alone_fails() -> None:
    said = ("Total B12 330 pmol/L (2026-10-28): deficiency unlikely.",)
    found = problems(output(said=said), EARLIER, earlier_functional_marker_named=True)
    assert "the earlier mma of 2026-03-10 is not named with its date" in found


# protein_weight_basis, protein_g_day_within

HEAVY = Person.model_validate(
    {
        "age": 80,
        "sex": "male",
        "muscle": {"grip_strength_kg": 22, "height_m": 1.70, "weight_kg": 130},
        "assessed_on": "2026-10-05",
    }
)


def protein(text: str) -> PlanItem:
    return plan_item(text, category=Category.PROTEIN)


def test_ideal_weight_basis_passes() -> None:
    item = protein(
        "Aim for 1-1.2 g of protein per kg of ideal body weight a day (about 66-79 g a day)."
    )
    a = output(item)
    assert not problems(
        a, HEAVY, protein_weight_basis="not_actual", protein_g_day_within={"min": 65, "max": 140}
    )


def test_dietitian_with_the_obesity_reason_passes() -> None:
    item = protein(
        "A dietitian should set the protein amount: with obesity, actual weight overstates needs."
    )
    assert not problems(output(item), HEAVY, protein_weight_basis="not_actual")


def test_actual_weight_amount_fails() -> None:
    item = protein(
        "Aim for 1.2-1.5 g of protein per kg of body weight a day (about 156-195 g a day)."
    )
    found = problems(
        output(item),
        HEAVY,
        protein_weight_basis="not_actual",
        protein_g_day_within={"min": 65, "max": 140},
    )
    assert len(found) == 4, found  # no basis named, from actual weight, 156 and 195 out of range


def test_healthy_weight_advice_elsewhere_is_not_a_basis() -> None:
    items = (
        protein("Aim for 1-1.2 g of protein per kg of body weight a day."),
        plan_item("Keep to a healthy weight."),
    )
    assert problems(output(*items), HEAVY, protein_weight_basis="not_actual")


def test_no_gram_amount_passes_and_per_kg_is_not_per_day() -> None:
    assert grams_per_day("aim for 1.2 g of protein per kg of body weight a day") == []
    assert grams_per_day("about 38-46 g a day of protein") == [38.0, 46.0]
    assert grams_per_day("protein: 10 µg a day of b12 and 1 mg a day") == []
    e = InfantWeightExpect(protein_g_day_within=GramsPerDay(min=38, max=75))
    assert not infant_weight_problems(e, HEAVY, output(protein("Aim for 1 g of protein per kg.")))


# malnutrition_flagged


def test_malnutrition_with_bmi_and_dietitian_passes() -> None:
    said = ("BMI 15.8 kg/m2 at 85: malnutrition is likely (GLIM: under 22 over 70).",)
    item = plan_item("Ask for a dietitian's nutrition assessment (MNA or MUST).")
    assert not problems(output(item, said=said), malnutrition_flagged=True)


def test_protein_target_alone_fails() -> None:
    item = protein(
        "Aim for 1.2-1.5 g of protein per kg of body weight a day (about 46-57 g a day)."
    )
    found = problems(output(item), malnutrition_flagged=True)
    assert len(found) == 2, found


def test_malnutrition_without_a_number_or_grip_as_weight_fails() -> None:
    said = ("Grip 12 kg: risk of malnutrition.",)
    item = plan_item("Ask for a dietitian.")
    assert problems(output(item, said=said), malnutrition_flagged=True) == [
        "does not say the low weight/BMI (as a number) means malnutrition (risk)"
    ]
