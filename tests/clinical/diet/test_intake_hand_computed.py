"""Hand-computed diaries: intake split natural/added/supplement, absorption per meal, reference.

Food values are SR28 (µg per 100 g): whole milk 01077 0.45; Atlantic salmon 15076 3.18; corn
flakes 08020 5.0 total, 5.0 added. Absorption per IOM 1998 (see test_absorption_iom_1998.py).
"""

from __future__ import annotations

import datetime as dt

import pytest

from b12.core.diet.intake import FoodIntake, SupplementIntake, summarise
from b12.core.diet.requirements import reference_intake
from b12.core.diet.verdict import IntakeLevel, intake_level
from b12.data.diary import parse_diary_data
from b12.data.foods import FoodIndex
from b12.data.foods.bundled import bundled_foods
from b12.services.intake import intake_from_diary

D1, D2 = dt.date(2026, 11, 2), dt.date(2026, 11, 3)
ADULT = reference_intake(30)

DIARY = {
    "entries": [
        {"date": "2026-11-02", "meal": "breakfast", "food": "ndb:01077", "amount": "1 cup"},
        {"date": "2026-11-02", "meal": "lunch", "food": "ndb:15076", "amount": "150 g"},
        {"date": "2026-11-03", "meal": "breakfast", "food": "ndb:08020", "amount": "40 g"},
    ],
    "supplements": [{"product": "B12 10 µg", "ug_per_dose": 10, "doses_per_day": 1}],
}


def test_two_day_diary_by_hand() -> None:
    result = intake_from_diary(parse_diary_data(DIARY), FoodIndex(bundled_foods()), age_years=30)
    day1, day2 = result.summary.days
    # day 1: milk 244 g × 0.45/100 = 1.098; salmon 150 g × 3.18/100 = 4.77 → natural 5.868
    assert (day1.natural_ug, day1.added_ug, day1.supplement_ug) == pytest.approx((5.868, 0, 10))
    # breakfast 0.5 × 1.098 = 0.549 + 0.01098; lunch 0.5 × 4.77 = 2.385 → 1.5 | 2.385, + 0.0477;
    # supplement 10 µg → 1.6 | 2.6.  low 0.55998 + 1.5477 + 1.6; high 0.55998 + 2.4327 + 2.6
    assert (day1.absorbed.low_ug, day1.absorbed.high_ug) == pytest.approx((3.70768, 5.59268))
    # day 2: corn flakes 40 g × 5.0/100 = 2.0 µg, all added; 0.6 × 2 = 1.2 + 0.02; + supplement
    assert (day2.natural_ug, day2.added_ug, day2.total_ug) == pytest.approx((0, 2.0, 12.0))
    assert (day2.absorbed.low_ug, day2.absorbed.high_ug) == pytest.approx((2.82, 3.82))
    s = result.summary
    assert s.mean_total_ug == pytest.approx((15.868 + 12.0) / 2)
    assert s.mean_supplement_ug == pytest.approx(10.0)
    assert result.level is IntakeLevel.MEETS_RDA  # absorbed (3.26 + 3.32) / 2 / 0.5 >= 2.4
    assert result.unmatched == ()


def test_weekly_supplement_spreads_over_the_week() -> None:
    # 2000 µg once a week: 2000/7 = 285.714 µg/day taken; absorbed (1.5 + 20) / 7 | (2.5 + 20) / 7
    weekly = SupplementIntake("B12 2000", 2000.0, 1 / 7)
    s = summarise([], [weekly], ADULT, days=[D1])
    assert s.days[0].supplement_ug == pytest.approx(285.714, abs=1e-3)
    assert (s.mean_absorbed.low_ug, s.mean_absorbed.high_ug) == pytest.approx((21.5 / 7, 22.5 / 7))


def test_spirulina_counts_as_zero_active_b12_against_watanabe_2002() -> None:
    rows = [
        FoodIntake(D1, "lunch", "Seaweed, spirulina, dried", 10.0, 3.0),
        FoodIntake(D1, "dinner", "Egg, whole, raw, fresh", 50.0, 0.445),
    ]
    s = summarise(rows, [], ADULT)
    assert s.days[0].natural_ug == pytest.approx(0.445)
    assert s.days[0].pseudo_b12_excluded_ug == pytest.approx(3.0)
    assert "intake.algae-pseudo-b12" in s.rules
    assert any("pseudo-B12" in c for c in s.caveats)


def test_low_intake_is_below_the_ear() -> None:
    # 1.0 µg/day natural for an adult: below the EAR 2.0 and the RDA 2.4
    # absorbed 0.5 + 0.01 = 0.51 µg, below 0.5 x EAR = 1.0 µg
    s = summarise([FoodIntake(D1, "", "Cheese, cheddar", 90.0, 1.0)], [], ADULT)
    assert intake_level(s.estimate(), ADULT) is IntakeLevel.BELOW_EAR
    assert any("one meal per day" in c for c in s.caveats)


def test_malabsorption_absorbs_one_percent() -> None:
    # pernicious anaemia: 1000 µg/day → 10 µg absorbed; 4 µg food → 0.04 µg
    rows = [FoodIntake(D1, "lunch", "Beef liver", 10.0, 4.0)]
    s = summarise(rows, [SupplementIntake("B12 1 mg", 1000.0, 1.0)], ADULT,
                  intrinsic_factor=False)  # fmt: skip
    assert (s.mean_absorbed.low_ug, s.mean_absorbed.high_ug) == pytest.approx((10.04, 10.04))
    assert "absorption.malabsorption-no-if-route" in s.rules


def test_dated_supplement_counts_only_on_its_day() -> None:
    rows = [FoodIntake(D1, "lunch", "Milk", 244.0, 1.098), FoodIntake(D2, "lunch", "Milk", 244.0,
                                                                        1.098)]  # fmt: skip
    s = summarise(rows, [SupplementIntake("B12", 500.0, 1.0, day=D2)], ADULT)
    assert [d.supplement_ug for d in s.days] == [0.0, 500.0]
    assert s.mean_supplement_ug == 250.0


@pytest.mark.parametrize(
    ("daily_ug", "level"),
    [
        # one meal of food-bound B12: absorbed min(0.5 x ug, 1.5 | 2.5) + 1 %, midpoint / 0.5
        (1.9, IntakeLevel.BELOW_EAR),  # 0.95 + 0.019 = 0.969 µg: below 0.5 x EAR 2.0 = 1.0
        (2.0, IntakeLevel.BELOW_RDA),  # 1.0 + 0.02 = 1.02 µg: at least 1.0, below 1.2
        (2.35, IntakeLevel.BELOW_RDA),  # 1.175 + 0.0235 = 1.1985 µg: just below 1.2
        (2.4, IntakeLevel.MEETS_RDA),  # 1.2 + 0.024 = 1.224 µg: at least 0.5 x RDA 2.4 = 1.2
    ],
)
def test_the_verdict_reads_absorbed_b12_against_half_the_requirement(
    daily_ug: float, level: IntakeLevel
) -> None:
    s = summarise([FoodIntake(D1, "lunch", "Fish", 100.0, daily_ug)], [], ADULT)
    assert intake_level(s.estimate(), ADULT) is level
