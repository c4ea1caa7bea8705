"""Properties of the absorption and intake model (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from b12.core.diet.absorption import Dose, absorbed
from b12.core.diet.intake import FoodIntake, SupplementIntake, summarise
from b12.core.diet.requirements import LifeStage, life_stage, reference_intake

amounts = st.floats(min_value=0, max_value=5000, allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_absorbed_is_bounded_and_ordered(food: float, crystalline: float) -> None:
    result = absorbed(Dose(food, crystalline))
    assert 0 <= result.low_ug <= result.high_ug <= food + crystalline + 1e-9


@given(amounts, amounts, st.floats(min_value=0, max_value=100))
def test_more_b12_never_absorbs_less(food: float, crystalline: float, extra: float) -> None:
    base = absorbed(Dose(food, crystalline))
    more = absorbed(Dose(food + extra, crystalline + extra))
    assert more.low_ug >= base.low_ug - 1e-9 and more.high_ug >= base.high_ug - 1e-9


@given(amounts, st.integers(min_value=2, max_value=6))
def test_splitting_a_dose_never_absorbs_less(dose: float, parts: int) -> None:
    whole = absorbed(Dose(crystalline_ug=dose))
    split = absorbed(Dose(crystalline_ug=dose / parts)).scaled(parts)
    assert split.low_ug >= whole.low_ug - 1e-9


@given(amounts)
def test_losing_intrinsic_factor_never_absorbs_more(dose: float) -> None:
    assert absorbed(Dose(dose, dose), intrinsic_factor=False).high_ug <= absorbed(
        Dose(dose, dose)).low_ug + 1e-9  # fmt: skip


@given(st.lists(st.tuples(st.integers(0, 6), amounts, amounts), min_size=1, max_size=20),
       st.floats(min_value=0, max_value=1000))  # fmt: skip
def test_mean_total_is_the_mean_of_days(rows: list[tuple[int, float, float]], supp: float
                                        ) -> None:  # fmt: skip
    start = dt.date(2026, 1, 1)
    items = [FoodIntake(start + dt.timedelta(days=d), "meal", "food", None, n, a)
             for d, n, a in rows]  # fmt: skip
    s = summarise(items, [SupplementIntake("s", supp, 1.0)], reference_intake(40))
    assert abs(s.mean_total_ug - sum(d.total_ug for d in s.days) / len(s.days)) < 1e-6
    assert all(abs(d.total_ug - d.natural_ug - d.added_ug - supp) < 1e-6 for d in s.days)


@given(st.floats(min_value=0, max_value=125, allow_nan=False))
def test_every_age_has_a_life_stage_and_rda(age: float) -> None:
    ref = reference_intake(age)
    assert ref.life_stage is life_stage(age)
    assert ref.life_stage not in (LifeStage.PREGNANCY, LifeStage.LACTATION)
    assert 0.4 <= ref.rda_ug_per_day <= 2.4
