"""Malnutrition risk from a low BMI (:mod:`b12.core.diet.glim`) against GLIM 2019.

Cederholm T et al. Clin Nutr 2019;38:1-9, phenotypic criteria as reproduced (medicalcriteria.com;
Eur J Nutr 2024, PMC10948466 Table 2): "Low body mass index (kg/m2): <20 if < 70 years, or <22 if
>70 years"; "BMI < 22 kg/m2 > 70 years, BMI < 20 kg/m2 for < 70 years". 70 itself is not "< 70",
so it takes < 22. Weight loss counts when > 5% within 6 months; a reported loss without a
percentage is named, not scored. Vignette prot-85y-38kg-frail-underweight: BMI 15.8 at 85.
"""

from __future__ import annotations

import pytest

from b12.core import sources
from b12.core.diet import glim
from b12.core.rules import Evidence
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

EPS = 1e-6
RULES = {
    "diet.glim.low-bmi": (
        sources.GLIM_2019,
        Evidence.SECONDARY,
        {
            "GLIM_OLDER_FROM_AGE_YEARS": 70.0,
            "GLIM_LOW_BMI_BELOW_UNDER_70_KG_M2": 20.0,
            "GLIM_LOW_BMI_BELOW_FROM_70_KG_M2": 22.0,
        },
    ),
}
test_declares, test_cites = rule_table_tests("b12.core.diet.glim", RULES)
test_parameters = parameter_tests(RULES, glim)


@pytest.mark.parametrize(
    ("age", "bmi", "low"),
    [
        (50, 20 - EPS, True),
        (50, 20.0, False),  # "< 20": 20 itself is not low
        (69.99, 21.0, False),
        (70, 21.0, True),  # 70 is not "< 70": the older cut-off
        (70, 22.0, False),
        (75, 15.6, True),  # red team U2: 35 kg at 1.50 m
        (85, 15.8, True),  # vignette prot-85y
        (85, 22 - EPS, True),
        (85, None, False),
    ],
)
def test_low_bmi_at_the_age_and_bmi_edges(age: float, bmi: float | None, low: bool) -> None:
    assert glim.low_bmi(age, bmi) is low


def test_the_cut_off_named_for_each_age() -> None:
    assert (glim.low_bmi_below(69), glim.low_bmi_below(70)) == (20.0, 22.0)


@pytest.mark.parametrize(
    ("symptoms", "found"),
    [
        (["weakness", "weight loss"], "weight loss"),
        (["Losing weight"], "Losing weight"),
        (["weight loss surgery last year"], None),
        (["tiredness"], None),
    ],
)
def test_reported_weight_loss(symptoms: list[str], found: str | None) -> None:
    assert glim.reported_weight_loss(symptoms) == found
