"""b12.core.screening.surgery's has_malabsorption against IOM 1998 p.342 (B12 "under a physician's
direction" after "gastrectomy, gastric bypass surgery, or ileal resection"; lack of intrinsic factor
in pernicious anaemia): the intrinsic-factor route the intake and the menu read."""

from __future__ import annotations

import pytest

from b12.core.person import Person
from b12.core.screening.surgery import has_malabsorption


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        (["Pernicious anemia"], True),
        (["total gastrectomy 2019"], True),
        (["Roux-en-Y gastric bypass"], True),
        (["ileal resection"], True),
        (["hypertension", "type 2 diabetes"], False),
        (["family history of pernicious anaemia"], False),
        ([], False),
    ],
)
def test_conditions_that_remove_the_if_route(conditions: list[str], expected: bool) -> None:
    person = Person.model_validate({"age": 60, "sex": "female", "conditions": conditions})
    assert has_malabsorption(person) is expected


@pytest.mark.parametrize(
    "fields",
    [
        {"surgery": [{"procedure": "total_gastrectomy"}]},
        {"surgery": [{"procedure": "sleeve_gastrectomy"}]},
        {"surgery": [{"procedure": "ileal_resection", "extent": "total"}]},
        {"labs": [{"analyte": "intrinsic_factor_antibody", "value": "positive"}]},
    ],
)
def test_the_same_cause_counts_however_it_was_recorded(fields: dict[str, object]) -> None:
    # The menu and the intake read this: a red team found the surgery field ignored (2026-12-05).
    person = Person.model_validate({"age": 60, "sex": "female", **fields})
    assert has_malabsorption(person) is True
