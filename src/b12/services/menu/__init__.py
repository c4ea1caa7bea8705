"""The personalised nutrition planner: a menu that meets absorbed B12 and protein, close to the diary.

Entry point: :func:`plan_menu`. Modules: ``targets`` (what the menu must meet, from the core),
``foods`` and ``diary`` (what can be eaten, what is eaten), ``candidates`` (pattern, exclusions,
candidate foods per meal), ``model`` (the mixed-integer program, HiGHS), ``verify`` (the independent
re-check), ``result`` and ``document`` (the menu and its JSON form), ``service`` (the use case).
The names below load on first use, so that importing the package does not import scipy.
``Activity`` is the clinical core's (:mod:`b12.core.diet.energy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from b12.core.diet.energy import Activity
    from b12.services.menu.result import Menu
    from b12.services.menu.service import plan_menu

__all__ = ["Activity", "Menu", "plan_menu"]


def __getattr__(name: str) -> Any:
    if name == "plan_menu":
        from b12.services.menu.service import plan_menu

        return plan_menu
    if name == "Menu":
        from b12.services.menu.result import Menu

        return Menu
    if name == "Activity":
        from b12.core.diet.energy import Activity

        return Activity
    raise AttributeError(name)
