"""Muscle health: dispatch to the selected sarcopenia criteria set (EWGSOP2 by default).

Sources: :mod:`b12.core.muscle.ewgsop2` (Cruz-Jentoft 2019), :mod:`b12.core.muscle.awgs2019` (Chen 2020) and
:mod:`b12.core.muscle.fnih` (Studenski 2014); DECISIONS.md makes EWGSOP2 the default. No thresholds here.
"""

from __future__ import annotations

from collections.abc import Callable

from b12.core.muscle import awgs2019, ewgsop2, fnih
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Builder, Criteria, MuscleResult, Stage
from b12.core.sex import Sex

DEFAULT_CRITERIA = Criteria.EWGSOP2

_ASSESS: dict[Criteria, Callable[[MuscleMeasurements, Sex], MuscleResult]] = {
    Criteria.EWGSOP2: ewgsop2.assess,
    Criteria.AWGS2019: awgs2019.assess,
    Criteria.FNIH: fnih.assess,
}


def assess_muscle(
    measurements: MuscleMeasurements | None, sex: Sex, criteria: Criteria = DEFAULT_CRITERIA
) -> MuscleResult:
    """Sarcopenia case-finding and staging by ``criteria`` from whatever is measured."""
    if measurements is None:
        b = Builder(criteria)
        b.need("sarc_f", "grip_strength_kg")
        return b.result(Stage.INSUFFICIENT_DATA, "no muscle measurements", None, (None, None, None))
    return _ASSESS[criteria](measurements, sex)
