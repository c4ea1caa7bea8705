"""CKD stage and dialysis read from the person file (KDIGO 2012 categories: stage 4-5 = eGFR < 30)."""

from __future__ import annotations

import pytest

from b12.core.kidney_blood.kidney_history import KidneyHistory, kidney_history
from b12.core.person import Person


def history(conditions: list[str], **fields: object) -> KidneyHistory | None:
    p = Person.model_validate({"age": 70, "sex": "male", "conditions": conditions, **fields})
    return kidney_history(p.conditions, p.dialysis)


@pytest.mark.parametrize(
    ("text", "stage", "dialysis"),
    [
        ("CKD stage 4", "4", None),
        ("chronic kidney disease stage 3b", "3b", None),
        ("CKD G5", "5", None),
        ("CKD stage 5, not on dialysis (conservative care)", "5", None),
        ("end-stage kidney disease on haemodialysis", "5", "haemodialysis"),
        ("on hemodialysis three times a week", "5", "haemodialysis"),
        ("peritoneal dialysis", "5", "peritoneal"),
        ("pre-dialysis clinic, CKD 4", "4", None),
    ],
)
def test_stage_and_dialysis_from_text(text: str, stage: str, dialysis: str | None) -> None:
    found = history([text])
    assert found is not None and (found.stage, found.dialysis) == (stage, dialysis)


def test_severe_is_stage_4_or_5_and_the_worst_stage_wins() -> None:
    found = history(["CKD stage 3a", "CKD stage 4"])
    assert found is not None and found.severe and found.stage == "4"
    mild = history(["CKD stage 3a"])
    assert mild is not None and not mild.severe


def test_the_dialysis_field_needs_no_text() -> None:
    found = history([], dialysis={"modality": "peritoneal", "since": "2023-04-01"})
    assert found is not None and found.dialysis == "peritoneal"


def test_unrelated_text_names_no_kidney_disease() -> None:
    assert history(["type 2 diabetes", "kidney stones"]) is None
