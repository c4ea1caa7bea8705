"""The one intake verdict (b12.core.diet.verdict), hand-computed, for the red-team findings C3-C5.

Foods are SR28 rows of the bundled table (µg per 100 g): Rice CHEX (all of it added B12), clams
(ndb:15157) 11.28, firm tofu 0. Absorption per IOM 1998 (see
test_absorption_against_iom_1998.py): per meal min(0.5 x food + 0.6 x crystalline, 1.5 | 2.5) + 1 %.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from b12.core.diet.requirements import reference_intake
from b12.core.diet.verdict import (
    IntakeEstimate,
    IntakeLevel,
    fortified_target_ug,
    intake_level,
    verdict_sentence,
)
from b12.errors import InputError
from b12.services.assess import assess_input
from b12.services.intake import intake_file

ADULT, OLDER = reference_intake(40), reference_intake(70)
LABS = [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-02"}]


def _person(tmp_path: Path, diary: dict[str, Any], age: int = 40, **more: Any) -> Path:
    path = tmp_path / "person.yaml"
    doc = {"age": age, "sex": "female", "labs": LABS, "diary": diary, **more}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def _both(path: Path) -> tuple[Any, Any]:
    """`b12 intake --person` and `b12 assess` on the same file."""
    compared = assess_input(path).assessment.intake_vs_target
    assert compared is not None
    return intake_file(None, person_path=path), compared


def test_fortified_cereal_eaten_below_the_rda_but_absorbed_above_its_equivalent(
    tmp_path: Path,
) -> None:
    # C3, i_fort: 39 g Rice CHEX = 2.18 µg added; absorbed 0.6 x 2.18 + 1 % = 1.33 µg >= 1.2
    diary = {"entries": [{"date": "2026-11-01", "meal": "breakfast", "amount": "39 g",
                          "food": "Cereals ready-to-eat, GENERAL MILLS, Rice CHEX"}]}  # fmt: skip
    intake, compared = _both(_person(tmp_path, diary))
    assert intake.level is compared.level is IntakeLevel.MEETS_RDA
    assert intake.verdict == compared.verdict
    assert "2.2 µg/day eaten (below the 2.4 µg RDA), 1.33 µg/day absorbed (at or above" in (
        intake.verdict
    )
    assert "the verdict reads the absorbed amount" in intake.verdict


def test_a_weekly_500_ug_dose_is_below_the_rda_absorbed(tmp_path: Path) -> None:
    # C3, i_weekly500: 500 µg once a week = 71.4 µg/day taken; absorbed (1.5 | 2.5 + 5) / 7 =
    # 0.93 | 1.07, midpoint 1.0 µg < 1.2: below the RDA, though the amount taken is 30 x the RDA
    diary = {
        "entries": [{"date": "2026-11-01", "meal": "lunch", "amount": "100 g",
                     "food": "Tofu, raw, firm, prepared with calcium sulfate"}],
        "supplements": [{"supplement": "B12 500", "ug_per_dose": 500, "doses_per_week": 1}],
    }  # fmt: skip
    intake, compared = _both(_person(tmp_path, diary))
    assert intake.level is compared.level is IntakeLevel.BELOW_RDA
    assert intake.verdict == compared.verdict
    assert intake.estimate.absorbed_ug_per_day == pytest.approx(1.0)
    assert "71.4 µg/day eaten (at or above the 2.4 µg RDA), 1.00 µg/day absorbed (below" in (
        intake.verdict
    )


def test_food_bound_b12_alone_over_50_on_a_ppi_is_not_meets_the_rda(tmp_path: Path) -> None:
    # C4, i_big: 200 g clams, 70 and on omeprazole: absorbed 2.23 µg, but no added B12 against the
    # menu's fortified target of 0.5 x 2.4 = 1.2 µg
    diary = {"entries": [{"date": "2026-11-01", "meal": "dinner", "food": "ndb:15157",
                          "amount": "200 g"}]}  # fmt: skip
    meds = [{"name": "omeprazole", "start_date": "2020-01-01"}]
    intake, compared = _both(_person(tmp_path, diary, age=70, medications=meds))
    assert intake.level is compared.level is IntakeLevel.FOOD_BOUND_ONLY
    assert intake.verdict == compared.verdict
    assert "meets" not in intake.verdict
    assert "over 50 and on omeprazole (proton pump inhibitor), at least 1.2 µg/day" in (
        intake.verdict
    )
    caveat = next(c for c in intake.summary.caveats if "fortified" in c)
    assert caveat.startswith("over 50 and on omeprazole (proton pump inhibitor)")
    assert "diet.requirements.fortified-share" in intake.summary.rules


def test_the_fortified_target_is_the_menus_rule() -> None:
    # IOM 1998 over 50, extended by b12 to the medicines: at least half the RDA as added B12
    assert fortified_target_ug(ADULT, ()) is None
    assert fortified_target_ug(ADULT, ("metformin (metformin)",)) == 1.2
    assert fortified_target_ug(OLDER, ()) == 1.2
    food_only = IntakeEstimate(ug_per_day=20, absorbed_ug_per_day=2.2, crystalline_ug_per_day=0)
    assert intake_level(food_only, OLDER) is IntakeLevel.FOOD_BOUND_ONLY
    assert intake_level(food_only, ADULT) is IntakeLevel.MEETS_RDA
    enough = food_only.model_copy(update={"crystalline_ug_per_day": 1.2})
    assert intake_level(enough, OLDER) is IntakeLevel.MEETS_RDA


def test_an_unmatched_row_is_not_a_zero(tmp_path: Path) -> None:
    # C5, i_water: 'water' is not matched; 0 µg counted must not read as below the EAR
    diary = {"entries": [{"date": "2026-11-01", "meal": "breakfast", "food": "water",
                          "amount": "250 ml"}]}  # fmt: skip
    intake, compared = _both(_person(tmp_path, diary, age=80))
    assert intake.level is compared.level is IntakeLevel.INCOMPLETE
    assert intake.verdict == compared.verdict
    assert "1 diary row(s) not matched to a food and not counted" in intake.verdict
    assert "below the average requirement" not in intake.verdict


def test_unmatched_rows_never_hide_an_intake_that_already_meets() -> None:
    # what was counted already meets the RDA: the missing rows can only add
    counted = IntakeEstimate(ug_per_day=5, absorbed_ug_per_day=2.0, unread_rows=2)
    assert intake_level(counted, ADULT) is IntakeLevel.MEETS_RDA
    assert "2 diary row(s) not matched" in verdict_sentence(counted, ADULT)


def test_a_diary_of_undated_supplements_only_is_counted(tmp_path: Path) -> None:
    # x_1 (with a plausible dose): 1000 µg a day, no food; absorbed 1.5 | 2.5 + 10 = 12 µg
    diary = {"supplements": [{"supplement": "B12 1 mg", "ug_per_dose": 1000, "doses_per_day": 1}]}
    intake, compared = _both(_person(tmp_path, diary, age=70))
    assert intake.level is compared.level is IntakeLevel.MEETS_RDA
    assert intake.summary.days[0].usual and intake.summary.mean_supplement_ug == 1000
    assert "supplements only; food was not recorded" in intake.verdict
    # a small dose alone: food was not recorded, so no deficit is claimed
    small = {"supplements": [{"supplement": "multi", "ug_per_dose": 1, "doses_per_day": 1}]}
    intake, compared = _both(_person(tmp_path, small))
    assert intake.level is compared.level is IntakeLevel.INCOMPLETE


def test_an_empty_diary_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the diary is empty: add food entries or supplements"):
        intake_file(None, person_path=_person(tmp_path, {"entries": []}))
    assert assess_input(_person(tmp_path, {"entries": []})).assessment.intake_vs_target is None
