"""Property of EWGSOP2's clinical-suspicion route: a measured low-performance (or low muscle mass)
finding is suspicion, so without a strength measurement it never gives "no sarcopenia", whatever
SARC-F says; a measured low strength never does either."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from b12.core.muscle import ewgsop2
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Stage
from b12.core.muscle.sarc_f import SarcFItems
from b12.core.sex import Sex

item = st.integers(0, 2)
sarc_f = st.none() | st.builds(
    SarcFItems,
    strength=item,
    assistance_walking=item,
    rise_from_chair=item,
    climb_stairs=item,
    falls=item,
)
unmeasured_strength = st.builds(
    MuscleMeasurements,
    sarc_f=sarc_f,
    asm_kg=st.none() | st.floats(5, 40),
    height_m=st.none() | st.floats(1.2, 2.1),
    gait_speed_m_s=st.none() | st.floats(0.05, 2.5),
    sppb_score=st.none() | st.integers(0, 12),
    tug_s=st.none() | st.floats(3, 60),
)


@given(m=unmeasured_strength, sex=st.sampled_from(list(Sex)))
@settings(max_examples=200)
def test_measured_low_performance_or_mass_is_never_no_sarcopenia(
    m: MuscleMeasurements, sex: Sex
) -> None:
    if ewgsop2.low_performance(
        m,
    ) or ewgsop2.low_quantity(m, sex):
        assert ewgsop2.assess(m, sex).stage is not Stage.NO_SARCOPENIA


@given(m=unmeasured_strength, sex=st.sampled_from(list(Sex)), grip=st.floats(0, 80))
@settings(max_examples=200)
def test_measured_low_strength_is_never_no_sarcopenia(
    m: MuscleMeasurements, sex: Sex, grip: float
) -> None:
    with_grip = m.model_copy(update={"grip_strength_kg": grip})
    if ewgsop2.low_strength(with_grip, sex):
        assert ewgsop2.assess(with_grip, sex).stage is not Stage.NO_SARCOPENIA
