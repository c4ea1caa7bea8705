"""The personalised plan: what to do about B12, diet, protein, exercise and follow-up, with sources.

Entry point: :func:`build_plan`.

Modules: :mod:`.build` (assembles the plan), :mod:`.b12_items` (urgent care, referral, supplement or
treatment), :mod:`.followup` (medicines to discuss, re-testing), :mod:`.lifestyle` (food, protein,
exercise), :mod:`.intake` (measured intake against the requirement), :mod:`.treatment` (doses,
regimens and intervals with their sources) and :mod:`.model` (the plan item and cause they share).
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.plan.build import Plan, build_plan
    from b12.core.plan.model import Category, PlanItem

__all__ = ["Category", "Plan", "PlanItem", "build_plan"]
__getattr__ = lazy_entry_points(
    __name__, {"model": ["Category", "PlanItem"], "build": ["Plan", "build_plan"]}
)
