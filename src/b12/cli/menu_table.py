"""The terminal menu: one table per day, one row per food, a subtotal row per meal, 80 columns.

A long SR28 name wraps onto the next line (cut, "Cereal, GENERAL MILLS,…" did not say which
cereal: new-user walk-through); every number stays on the food's first line. The B12 column is
the food's content; a meal's subtotal row shows the B12 the meal lets through (absorption is
capped per meal, so the foods' amounts do not add up to it).
"""

from __future__ import annotations

from rich import box
from rich.table import Table

from b12.services.menu.result import Day, Line, Meal

WIDTH = 80  # the narrowest terminal b12 is tested at
NAME_WIDTH = 20
PORTION_WIDTH = 14
NEW = "+"  # marks a food new to the diary (or to the default day)


def short_name(name: str) -> str:
    """The food's SR28 name with its longest common prefix shortened (cereals are many)."""
    return name.replace("Cereals ready-to-eat, ", "Cereal, ", 1)


def _food_row(line: Line) -> tuple[str, ...]:
    return (
        f"{NEW if line.new else ' '} {short_name(line.name)}",
        (f"{line.servings} × " if line.servings > 1 else "") + line.portion,
        f"{line.grams:.0f}",
        f"{line.natural_ug + line.added_ug:.2f}",
        f"{line.protein_g:.1f}",
        f"{line.energy_kcal:.0f}",
    )


def _subtotal(meal: Meal) -> tuple[str, ...]:
    b12 = meal.absorbed
    return (
        f"  [italic]{meal.name} total[/italic]",
        "absorbed B12",
        f"{sum(x.grams for x in meal.lines):.0f}",
        ug_range(b12.low_ug, b12.high_ug),
        f"{meal.protein_g:.1f}",
        f"{meal.energy_kcal:.0f}",
    )


def ug_range(low: float, high: float) -> str:
    """'0.80-1.20', or one number when both ends print alike (not '1.49-1.49')."""
    low_text, high_text = f"{low:.2f}", f"{high:.2f}"
    return low_text if low_text == high_text else f"{low_text}-{high_text}"


def day_table(day: Day) -> Table:
    """Day ``day.number``: each meal's foods with portion and grams, then the meal's subtotal."""
    table = Table(
        title=f"Day {day.number}",
        caption=f"{NEW} new to the diary; B12: per food its content, per meal what is absorbed",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=True,
    )
    # The name takes the room the other columns leave (at 80 columns, about 25 characters).
    table.add_column("meal / food", overflow="fold", ratio=1, min_width=NAME_WIDTH)
    table.add_column("amount", no_wrap=True, overflow="ellipsis", max_width=PORTION_WIDTH)
    # The numbers never shrink: the names give way first.
    for header, width in (("g", 4), ("B12 µg", 9), ("prot g", 6), ("kcal", 5)):
        table.add_column(header, justify="right", no_wrap=True, min_width=width)
    for meal in day.meals:
        table.add_row(f"[bold]{meal.name.capitalize()}[/bold]")
        for line in meal.lines:
            table.add_row(*_food_row(line))
        if not meal.lines:
            table.add_row("  -")
        table.add_row(*_subtotal(meal), end_section=True)
    return table
