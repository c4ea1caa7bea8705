"""Sarcopenia staging is for adults (:mod:`b12.core.muscle.assess`, rule muscle.assess.adults-only).

- EWGSOP2 (Cruz-Jentoft et al. Age Ageing 2019;48:16-31) is a consensus on older people; its grip
  cut-offs (< 27 kg men, < 16 kg women) come from adult normative data (Dodds 2014).
- Bang MJ, Ann Clin Nutr Metab 2024;16:49-56: sarcopenia in children and adolescents has no agreed
  criteria.
- Vignettes ric-child-12y-muscle-and-b12 and ric-adolescent-16y-muscle-and-b12
  (tests/clinical/vignettes/breadth/results_in_context.yaml): a 12-year-old's grip of 20 kg and a
  16-year-old girl's grip of 15 kg must not become "probable sarcopenia"; the output says the adult
  cut-offs are not applied. 18 is the start of adulthood (no EWGSOP2 number).
"""

from __future__ import annotations

import pytest

from b12.core import sources
from b12.core.muscle import assess
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Criteria, Stage
from b12.core.rules import Evidence
from b12.core.sex import Sex
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

EPS = 1e-6
RULES = {
    "muscle.assess.adults-only": (
        sources.CRUZ_JENTOFT_2019,
        Evidence.SECONDARY,
        {"ADULT_FROM_AGE_YEARS": 18.0},
    ),
    # b12's product choice: the 12 months a lab result stays current, for muscle measurements too.
    "muscle.assess.measurement-date": (
        sources.B12_JUDGMENT,
        Evidence.UNVERIFIED,
        {"CURRENT_MEASUREMENT_MONTHS": 12},
    ),
}
test_declares, test_cites = rule_table_tests("b12.core.muscle.assess", RULES)
test_parameters = parameter_tests(RULES, assess)

# Grip below every criteria set's women's cut-off, slow gait: probable sarcopenia in an adult.
WEAK = MuscleMeasurements(grip_strength_kg=15, gait_speed_m_s=0.7, chair_stand_s=16)


@pytest.mark.parametrize("criteria", list(Criteria))
@pytest.mark.parametrize(
    ("age", "staged"), [(12, False), (18 - EPS, False), (18, True), (70, True)]
)
def test_only_adults_are_staged_by_every_criteria_set(
    criteria: Criteria, age: float, staged: bool
) -> None:
    result = assess.assess_muscle(WEAK, Sex.FEMALE, criteria, age)
    assert (result.stage is not Stage.NOT_APPLICABLE) is staged
    if not staged:
        assert result.low_strength is None and not result.at_risk
        assert any("not applied under 18" in f.message for f in result.findings)


def test_without_an_age_the_criteria_are_applied_as_before() -> None:
    assert assess.assess_muscle(WEAK, Sex.FEMALE).stage is Stage.PROBABLE
