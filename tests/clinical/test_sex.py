"""BySex: the one way a sex-specific value is kept and picked."""

from __future__ import annotations

import pytest

from b12.core.sex import BySex, Sex


def test_by_sex_picks_the_value_for_each_sex() -> None:
    cut_off = BySex(male=27.0, female=16.0)
    assert cut_off[Sex.MALE] == 27.0
    assert cut_off[Sex.FEMALE] == 16.0
    assert cut_off[Sex("female")] == 16.0
    assert dict(cut_off) == {Sex.MALE: 27.0, Sex.FEMALE: 16.0}


def test_by_sex_refuses_anything_but_a_sex() -> None:
    with pytest.raises(KeyError):
        BySex(male=1.0, female=2.0)["other"]  # type: ignore[index]


def test_by_sex_lists_both_values_as_rule_parameters() -> None:
    assert BySex(male=34.0, female=33.0).parameters("CALF_LOW_BELOW_CM") == {
        "CALF_LOW_BELOW_CM.male": 34.0,
        "CALF_LOW_BELOW_CM.female": 33.0,
    }
