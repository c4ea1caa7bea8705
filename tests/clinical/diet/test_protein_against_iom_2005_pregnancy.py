"""Protein in pregnancy against IOM 2005 (Dietary Reference Intakes for macronutrients, as
summarised): "no additional protein is needed in trimester 1, but for the last two trimesters ...
a total of 1.1 g/kg/day is recommended"."""

from __future__ import annotations

import pytest

from b12.core import rules
from b12.core.diet import protein
from b12.core.rules import Evidence

EPS = 1e-9


@pytest.mark.parametrize(
    ("weeks", "low"),
    [(14 - EPS, 0.8), (14, 1.1), (30, 1.1), (None, 1.1)],  # unknown weeks: the larger need
)
def test_the_pregnancy_rda_applies_from_the_second_trimester(
    weeks: float | None, low: float
) -> None:
    target = protein.protein_target(30, 70, False, None, pregnant=True, pregnancy_weeks=weeks)
    assert target.low_g_kg_day == low
    assert target.low_g_day == round(low * 70)


def test_kidney_limits_stay_with_the_renal_team_in_pregnancy() -> None:
    target = protein.protein_target(30, 70, False, 25, pregnant=True, pregnancy_weeks=30)
    assert target.limit_for_kidneys


def test_the_rule_cites_iom_2005_as_secondary() -> None:
    rule = rules.get(protein.RULE_PREGNANCY)
    assert rule.evidence is Evidence.SECONDARY
    assert dict(rule.parameters) == {
        "PROTEIN_PREGNANCY_RDA_G_KG_DAY": 1.1,
        "SECOND_TRIMESTER_FROM_WEEK": 14.0,
    }
