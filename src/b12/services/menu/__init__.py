"""The personalised nutrition planner: a menu that meets absorbed B12 and protein, close to the diary.

Entry point: :func:`plan_menu`. Modules: ``targets`` (what the menu must meet, from the core),
``foods`` and ``diary`` (what can be eaten, what is eaten), ``candidates`` (pattern, exclusions,
candidate foods per meal), ``model`` (the mixed-integer program, HiGHS), ``verify`` (the independent
re-check), ``result`` and ``document`` (the menu and its JSON form), ``service`` (the use case).
"""

from b12.services.menu.result import Menu
from b12.services.menu.service import plan_menu
from b12.services.menu.targets import Activity

__all__ = ["Activity", "Menu", "plan_menu"]
