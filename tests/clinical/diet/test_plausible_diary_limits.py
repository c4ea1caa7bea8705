"""The diary's data-quality limits (b12.core.diet.plausible, rule diet.plausible.diary): wide bounds
that catch typing and unit errors (a dose of 1e12 µg, 5 kg of liver in one row, a dose in mg typed
into the µg field), each refused with the row, field, value and the range."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from b12.core import rules
from b12.core.diet import plausible
from b12.errors import InputError
from b12.services.intake import intake_file


def _person(tmp_path: Path, diary: dict[str, Any]) -> Path:
    path = tmp_path / "person.yaml"
    path.write_text(yaml.safe_dump({"age": 40, "sex": "female", "diary": diary}), "utf-8")
    return path


def test_the_limits_are_registered_as_one_unverified_rule() -> None:
    rule = rules.get(plausible.RULE_PLAUSIBLE_DIARY)
    assert rule.evidence is rules.Evidence.UNVERIFIED
    assert dict(rule.parameters) == {
        "B12_UG_PER_DOSE_MIN": 0.1,
        "B12_UG_PER_DOSE_MAX": 10_000.0,
        "DOSES_PER_DAY_MAX": 10.0,
        "FOOD_GRAMS_PER_ROW_MAX": 3_000.0,
    }
    # the edges themselves are accepted
    assert plausible.dose_problem(0.1) is None and plausible.dose_problem(10_000) is None
    assert plausible.grams_problem(3_000) is None and plausible.grams_problem(3_000.5)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ({"supplement": "x", "ug_per_dose": 1e12, "doses_per_day": 1},
         "supplements[0].ug_per_dose: ug_per_dose 1e+12 µg is outside b12's data-quality limits "
         "(0.1-10000 µg); the dose is in µg (1 mg = 1000 µg)"),
        ({"supplement": "B12 1 mg", "ug_per_dose": 0.001, "doses_per_day": 1},
         "ug_per_dose 0.001 µg is outside b12's data-quality limits (0.1-10000 µg)"),
        ({"supplement": "B12 1 mg", "ug_per_dose": "1 mg", "doses_per_day": 1},
         "supplements[0].ug_per_dose: ug_per_dose '1 mg' is not a number: give the µg per dose "
         "as a number, e.g. 1000 for a 1 mg tablet"),
        ({"supplement": "x", "ug_per_dose": 10, "doses_per_day": 50},
         "supplements[0].doses_per_day: doses_per_day 50 is outside b12's data-quality limit "
         "(at most 10)"),
        ({"supplement": "x", "ug_per_dose": 10, "doses_per_week": 100},
         "doses_per_week 100 is outside b12's data-quality limit (at most 70)"),
    ],
)  # fmt: skip
def test_implausible_supplement_rows_are_refused(
    tmp_path: Path, row: dict[str, Any], words: str
) -> None:
    with pytest.raises(InputError) as refused:
        intake_file(None, person_path=_person(tmp_path, {"supplements": [row]}))
    assert words in str(refused.value)


def test_five_kilograms_of_liver_in_one_row_is_refused(tmp_path: Path) -> None:
    diary = {"entries": [{"date": "2026-11-01", "meal": "lunch", "food": "ndb:13325",
                          "amount": "5 kg"}]}  # fmt: skip
    with pytest.raises(InputError) as refused:
        intake_file(None, person_path=_person(tmp_path, diary))
    message = str(refused.value)
    assert (
        "entries[0].amount: amount 5000 g is outside b12's data-quality limit (at most 3000 g)"
        in (message)
    )
    assert "'5 kg' of Beef, variety meats and by-products, liver, raw" in message
    # 3 kg is the limit itself: accepted
    diary["entries"][0]["amount"] = "3 kg"
    assert intake_file(None, person_path=_person(tmp_path, diary)).rows[0].grams == 3000
