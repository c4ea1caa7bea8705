"""A serving high in sodium against FDA's Nutrition Facts label guide: "5% DV or less of a nutrient
per serving is considered low; 20% DV or more of a nutrient per serving is considered high", and
"Limit sodium in your diet to less than 2,300 mg per day" (the sodium Daily Value, 21 CFR 101.9,
since FDA's 2016 label rule; 2,400 mg before). 20 % of 2,300 mg = 460 mg."""

from __future__ import annotations

import pytest

from b12.core.diet import sodium
from b12.core.diet.sodium import FDA_NUTRITION_FACTS_LABEL, high_in_sodium
from b12.core.rules import Evidence
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

RULES = {
    "diet.sodium.fda-high-per-serving": (
        FDA_NUTRITION_FACTS_LABEL,
        Evidence.SECONDARY,
        {
            "SODIUM_DAILY_VALUE_MG": 2300.0,
            "HIGH_PERCENT_DAILY_VALUE": 20.0,
            "SODIUM_HIGH_PER_SERVING_MG": 460.0,
        },
    ),
}
test_declares, test_cites = rule_table_tests("b12.core.diet.sodium", RULES)
test_parameters = parameter_tests(RULES, sodium)

EPSILON_MG = 0.01


@pytest.mark.parametrize(
    ("mg", "high"),
    [(460 - EPSILON_MG, False), (460.0, True), (460 + EPSILON_MG, True)],
)
def test_boundary_at_20_percent_of_2300_mg(mg: float, high: bool) -> None:
    # "20% DV or more ... is considered high": the edge itself is high.
    assert high_in_sodium(mg) is high


def test_not_the_pre_2016_daily_value() -> None:
    # The old 2,400 mg DV made 480 mg the edge; 470 mg a serving is high under the current DV.
    assert high_in_sodium(470.0)


def test_a_low_serving_is_not_high() -> None:
    # "5% DV or less ... is considered low": 5 % of 2,300 mg = 115 mg.
    assert not high_in_sodium(115.0)
