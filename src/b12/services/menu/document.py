"""The menu as a JSON document: rounded, ordered, the same bytes for the same input."""

from __future__ import annotations

from typing import Any

from b12.core.diet.protein import PROTEIN_PER_MEAL_SOFT_G
from b12.core.diet.sodium import RULE_HIGH_SODIUM_SERVING
from b12.reports.json_report import rule_entries
from b12.services.menu.result import Day, Meal, Menu

OBJECTIVE_STATED = (
    "minimise grams moved away from the diary (or the default day) per meal, plus a penalty once "
    "per food it does not have, over the whole menu; ties go to foods earlier in key order, "
    "then to the latest meal of the day for each food; "
    "variety (2 days or more): a food it does not have is served on one rotation class of days "
    "(1, 4, 7 / 2, 5 / 3, 6), at most once a day; "
    "solved to optimality (HiGHS per rotation class, relative gap 0, no time limit, joined by a "
    "best-first search; fixed node limits are the only stop, and mip_gap then says how far from "
    "optimal the menu can be)"
)

# Rules of the food choice that every menu applies, whatever its targets: listed after them.
FOOD_CHOICE_RULES = (RULE_HIGH_SODIUM_SERVING,)


def _meal(meal: Meal, protein_soft: bool) -> dict[str, Any]:
    absorbed = meal.absorbed
    out: dict[str, Any] = {
        "meal": meal.name,
        "foods": [
            {
                "key": x.key,
                "name": x.name,
                "servings": x.servings,
                "portion": x.portion,
                "grams": round(x.grams, 1),
                "b12_ug": round(x.natural_ug + x.added_ug, 2),
                "added_b12_ug": round(x.added_ug, 2),
                "protein_g": round(x.protein_g, 1),
                "energy_kcal": round(x.energy_kcal),
                "new": x.new,
            }
            for x in meal.lines
        ],
        "absorbed_b12_ug": {"low": round(absorbed.low_ug, 2), "high": round(absorbed.high_ug, 2)},
        "protein_g": round(meal.protein_g, 1),
        "energy_kcal": round(meal.energy_kcal),
    }
    if protein_soft:
        out["protein_per_meal_soft_target"] = {
            "g": PROTEIN_PER_MEAL_SOFT_G,
            "met": meal.protein_g >= PROTEIN_PER_MEAL_SOFT_G,
            "evidence": "unverified",
        }
    return out


def _day(day: Day, protein_soft: bool) -> dict[str, Any]:
    meals = [_meal(m, protein_soft) for m in day.meals]
    return {
        "day": day.number,
        "meals": meals,
        "absorbed_b12_ug": {
            "low": round(sum(m.absorbed.low_ug for m in day.meals), 2),
            "high": round(sum(m.absorbed.high_ug for m in day.meals), 2),
        },
        "protein_g": round(sum(m.protein_g for m in day.meals), 1),
        "energy_kcal": round(sum(m.energy_kcal for m in day.meals)),
    }


def _objective(menu: Menu) -> dict[str, Any] | None:
    o = menu.objective
    if o is None:
        return None
    return {
        "value_g": o.value_g,
        "grams_moved_g": o.grams_moved_g,
        "new_foods": list(o.new_foods),
        "penalty_per_new_food_g": o.penalty_per_new_food_g,
        "stated": OBJECTIVE_STATED,
        "mip_gap": o.mip_gap,
        "nodes": o.nodes,
    }


def menu_document(menu: Menu, protein_soft: bool = False) -> dict[str, Any]:
    """The JSON form of ``menu``; ``protein_soft`` adds the unverified per-meal protein figure."""
    return {
        "feasible": menu.feasible,
        "targets": list(menu.targets),
        "fixed_lines": list(menu.fixed_lines),
        "days": [_day(d, protein_soft) for d in menu.days],
        "binding_constraints": list(menu.binding),
        "unmet": list(menu.unmet),
        "objective_grams_moved": menu.objective_g,
        "objective": _objective(menu),
        "candidates": {
            "per_slot_limit": menu.candidates_per_slot,
            "per_menu_limit": menu.candidates_per_menu,
            "slots": [
                {"meal": meal, "count": count, "by_reason": reasons}
                for meal, count, reasons in menu.candidates
            ],
        },
        "verification": [
            {"check": c.name, "passed": c.passed, "detail": c.detail} for c in menu.checks
        ],
        "shopping_list": [
            {"key": i.key, "name": i.name, "servings": i.servings, "grams": i.grams}
            for i in menu.shopping
        ],
        "notes": list(menu.notes),
        "rules": rule_entries(dict.fromkeys((*menu.rules, *FOOD_CHOICE_RULES))),
    }
