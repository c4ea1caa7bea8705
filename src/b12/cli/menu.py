"""`b12 menu`: a day-by-day menu that meets absorbed B12 and protein, close to the person's diary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from b12.cli.menu_table import day_table
from b12.core.diet.energy import Activity
from b12.services.menu.result import Menu

EXIT_NO_MENU = 1  # the targets cannot all be met with the allowed foods (the reasons are printed)
out = Console()


def show(menu: Menu, out: Console = out) -> None:
    """The menu for a terminal (tables of ``WIDTH`` columns and more), then notes."""
    for line in menu.targets:
        out.print(f"• {line}", highlight=False)
    for line in menu.fixed_lines:
        out.print(f"[bold]Fixed (from the plan, not planned here):[/bold] {line}", highlight=False)
    if not menu.feasible:
        out.print("[bold red]No menu meets every target:[/bold red]")
        for reason in menu.unmet:
            out.print(f"  - {reason}", highlight=False)
    for day in menu.days:
        out.print(day_table(day))
    if menu.binding:
        out.print("Constraints that bind: " + "; ".join(menu.binding), highlight=False)
    if menu.objective is not None:
        o = menu.objective
        out.print(
            f"Objective {o.value_g:g} = {o.grams_moved_g:g} g moved + "
            f"{o.penalty_per_new_food_g:g} × {len(o.new_foods)} new food(s); "
            + ("proven optimal." if o.mip_gap == 0 else f"best found, within {o.mip_gap:.1%}."),
            highlight=False,
        )
    if menu.shopping:
        out.print("[bold]Shopping list[/bold]")
        for item in menu.shopping:
            plural = "" if item.servings == 1 else "s"
            out.print(
                f"  {item.name}: {item.grams:g} g ({item.servings} serving{plural})",
                highlight=False,
            )
    passed = sum(c.passed for c in menu.checks)
    if menu.checks:
        out.print(f"Re-checked with b12's intake code: {passed} of {len(menu.checks)} checks pass.")
    for note in menu.notes:
        out.print(f"[dim]{note}[/dim]", highlight=False)


def menu(
    person_file: Annotated[
        Path,
        typer.Argument(
            help="Person file (YAML or JSON) with age, sex, diet, conditions and, ideally, "
            "weight and height (muscle.weight_kg, muscle.height_m) and a food diary.",
            show_default=False,
        ),
    ],
    days: Annotated[int, typer.Option("--days", min=1, max=7, help="Days to plan (1-7).")] = 7,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            help="A food to leave out: an allergen (milk, egg, fish, shellfish, soy, wheat, "
            "peanut, tree_nut, sesame) or words of a food name. Repeat for more.",
            show_default=False,
        ),
    ] = None,
    activity: Annotated[
        Activity, typer.Option("--activity", help="Activity level for the energy estimate.")
    ] = Activity.SEDENTARY,
    candidates: Annotated[
        int, typer.Option("--candidates", min=1, max=400, help="Candidate foods per meal (K).")
    ] = 40,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """A menu that meets absorbed B12, protein and energy targets, close to how the person eats.

    Targets come from the person's own record: the RDA as absorbed B12 (per-meal absorption),
    mostly from fortified foods over 50 or on a PPI, H2-blocker or metformin; PROT-AGE/ESPEN
    protein; energy from Mifflin-St Jeor. Supplements and injections come from the plan and are
    shown as fixed lines. Exit code 1: no menu meets every target (the reasons are printed).

    Example: b12 menu examples/vegan-low-holotc.yaml --days 3 --exclude peanut
    """
    from b12.data.person_file import load_person
    from b12.extras import require
    from b12.services.intake import person_diary

    require("menu")  # name the menu's own extra, not the first extra that also ships NumPy
    from b12.services.menu.document import menu_document
    from b12.services.menu.service import plan_menu  # loads scipy only when asked

    person = load_person(person_file)
    diary = person_diary(person, person_file) if person.diary is not None else None
    result = plan_menu(
        person, days=days, diary=diary, exclude=exclude or (), activity=activity,
        candidates_per_slot=candidates,
    )  # fmt: skip
    if as_json:
        text = json.dumps(menu_document(result, protein_soft=True), ensure_ascii=False, indent=2)
        typer.echo(text)
    else:
        show(result)
    if not result.feasible:
        raise typer.Exit(EXIT_NO_MENU)
