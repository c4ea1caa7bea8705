"""Protein while breastfeeding against IOM 2005 (Food and Nutrition Board summary table, as
reproduced): lactation protein RDA "71" g/day, 1.3 g/kg/day. Red team round 12: a breastfeeding
woman's menu was planned at the non-lactating adult 0.8 g/kg."""

from __future__ import annotations

from b12.core import rules
from b12.core.diet import protein
from b12.core.rules import Evidence


def test_breastfeeding_takes_the_lactation_rda() -> None:
    target = protein.protein_target(32, 60, False, None, breastfeeding=True)
    assert target.low_g_kg_day == 1.3
    assert target.low_g_day == round(1.3 * 60)  # 78 g: above the table's 71 g for 55 kg


def test_kidney_limits_stay_with_the_renal_team_while_breastfeeding() -> None:
    assert protein.protein_target(32, 60, False, 25, breastfeeding=True).limit_for_kidneys


def test_the_rule_cites_iom_2005_as_secondary() -> None:
    rule = rules.get(protein.RULE_LACTATION)
    assert rule.evidence is Evidence.SECONDARY
    assert dict(rule.parameters) == {"PROTEIN_LACTATION_RDA_G_KG_DAY": 1.3}
