"""Muscle health: sarcopenia case-finding and staging by a selectable criteria set.

Entry point: :func:`assess_muscle` (EWGSOP2 by default, or AWGS 2019, or FNIH).

Modules, one per instrument: :mod:`.ewgsop2` (Cruz-Jentoft 2019), :mod:`.awgs2019` (Chen 2020),
:mod:`.fnih` (Studenski 2014), :mod:`.sarc_f` (SARC-F and SARC-CalF); :mod:`.measurements` (what the
person file accepts), :mod:`.model` (the result types they share) and :mod:`.cut_offs` (how each
module declares its cut-offs as band data).
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.muscle.assess import DEFAULT_CRITERIA, assess_muscle
    from b12.core.muscle.model import Criteria, MuscleResult, Stage

__all__ = ["DEFAULT_CRITERIA", "Criteria", "MuscleResult", "Stage", "assess_muscle"]
__getattr__ = lazy_entry_points(
    __name__,
    {
        "model": ["Criteria", "MuscleResult", "Stage"],
        "assess": ["DEFAULT_CRITERIA", "assess_muscle"],
    },
)
