"""SARC-F (Malmstrom & Morley 2013): five items 0-2, positive at >= 4; SARC-CalF with AWGS 2019 calf
cut-offs (< 34 cm men, < 33 cm women) adds 10 points and is positive at >= 11."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from b12.core.muscle.sarc_f import SarcFItems, case_finding
from b12.core.sex import Sex

ITEMS = ("strength", "assistance_walking", "rise_from_chair", "climb_stairs", "falls")


def items(total: int) -> SarcFItems:
    scores = dict.fromkeys(ITEMS, 0)
    for i in range(total):
        scores[ITEMS[i % 5]] += 1
    return SarcFItems(**scores)


@pytest.mark.parametrize(
    ("total", "positive"), [(3, False), (4, True), (5, True), (0, False), (10, True)]
)
def test_sarc_f_positive_from_4_against_malmstrom_2013(total: int, positive: bool) -> None:
    result = case_finding(items(total), None, Sex.FEMALE)
    assert result.sarc_f == total
    assert result.sarc_f_positive is positive
    assert result.sarc_calf is None


@pytest.mark.parametrize("bad", [-1, 3])
def test_sarc_f_item_outside_0_to_2_is_refused(bad: int) -> None:
    with pytest.raises(ValidationError, match="strength"):
        SarcFItems(strength=bad, assistance_walking=0, rise_from_chair=0, climb_stairs=0, falls=0)


@pytest.mark.parametrize(
    ("sex", "calf", "low"),
    [
        (Sex.MALE, 34 - 1e-6, True),
        (Sex.MALE, 34, False),
        (Sex.MALE, 34 + 1e-6, False),
        (Sex.FEMALE, 33 - 1e-6, True),
        (Sex.FEMALE, 33, False),
        (Sex.FEMALE, 33 + 1e-6, False),
    ],
)
def test_calf_circumference_cutoffs_against_awgs_2019(sex: Sex, calf: float, low: bool) -> None:
    assert case_finding(None, calf, sex).calf_low is low


@pytest.mark.parametrize(
    ("total", "calf", "score", "positive"),
    [(1, 30.0, 11, True), (0, 30.0, 10, False), (3, 36.0, 3, False), (4, 36.0, 4, False)],
)
def test_sarc_calf_adds_10_for_low_calf_and_is_positive_from_11(
    total: int, calf: float, score: int, positive: bool
) -> None:
    result = case_finding(items(total), calf, Sex.MALE)
    assert result.sarc_calf == score
    assert result.sarc_calf_positive is positive
