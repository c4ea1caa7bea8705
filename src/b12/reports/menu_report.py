"""The menu as a clinic hands it over (issue 19): a section of HTML shown on the web page and, on
its own, as a printable page and PDF.

Built from the menu's JSON document (:func:`b12.services.menu.document.menu_document`, as
``GET /api/persons/{id}/menu`` returns it), so that the page, the PDF and the API say the same
thing; the document may gain fields, and this view reads only the ones it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict

from b12.reports.report import Paper
from b12.units import plain_number

UNVERIFIED = "(unverified)"  # how the menu's lines mark a number b12 chose without a source


class MenuLine(BaseModel):
    """A food at a meal: what to eat and what it brings."""

    model_config = ConfigDict(frozen=True)
    food: str
    amount: str  # '2 × 1 cup (486 g)'
    b12: str  # '4.74 µg B12 (0 added)'
    protein_energy: str  # '38.5 g protein, 782 kcal'
    new: bool


class MenuMeal(BaseModel):
    """One meal of a day with its totals."""

    model_config = ConfigDict(frozen=True)
    name: str
    lines: tuple[MenuLine, ...]
    totals: str  # absorbed B12 range, protein and energy of the meal


class MenuDay(BaseModel):
    """One day of the menu."""

    model_config = ConfigDict(frozen=True)
    number: int
    meals: tuple[MenuMeal, ...]
    totals: str


class MenuView(BaseModel):
    """Everything the menu page and PDF show, already as text."""

    model_config = ConfigDict(frozen=True)
    subject: str
    days_asked: int
    feasible: bool
    targets: tuple[str, ...]
    fixed_lines: tuple[str, ...]
    binding: tuple[str, ...]
    unmet: tuple[str, ...]
    days: tuple[MenuDay, ...]
    shopping: tuple[str, ...]
    notes: tuple[str, ...]
    checks_failed: tuple[str, ...]
    paper: Paper = "A4"


def _amount(food: dict[str, Any]) -> str:
    servings = int(food["servings"])
    times = f"{servings} × " if servings != 1 else ""
    return f"{times}{food['portion']} ({plain_number(food['grams'])} g)"


def _line(food: dict[str, Any]) -> MenuLine:
    added = food.get("added_b12_ug", 0)
    return MenuLine(
        food=str(food["name"]),
        amount=_amount(food),
        b12=f"{plain_number(food['b12_ug'])} µg B12 ({plain_number(added)} µg added)",
        protein_energy=f"{plain_number(food['protein_g'])} g protein, {food['energy_kcal']} kcal",
        new=bool(food.get("new")),
    )


def _totals(part: dict[str, Any]) -> str:
    absorbed = part["absorbed_b12_ug"]
    return (
        f"absorbed B12 {plain_number(absorbed['low'])}-{plain_number(absorbed['high'])} µg, "
        f"protein {plain_number(part['protein_g'])} g, energy {part['energy_kcal']} kcal"
    )


def _meal(meal: dict[str, Any]) -> MenuMeal:
    totals = _totals(meal)
    soft = meal.get("protein_per_meal_soft_target")
    if soft is not None and not soft["met"]:
        totals += f"; under {plain_number(soft['g'])} g protein {UNVERIFIED}"
    return MenuMeal(
        name=str(meal["meal"]), lines=tuple(_line(f) for f in meal["foods"]), totals=totals
    )


def _shopping(item: dict[str, Any]) -> str:
    servings = int(item["servings"])
    count = f"{servings} serving{'s' if servings != 1 else ''}"
    return f"{item['name']}: {plain_number(item['grams'])} g ({count})"


def menu_view(
    document: dict[str, Any], *, subject: str, days: int, paper: Paper = "A4"
) -> MenuView:
    """The menu page's view of a menu document (as ``menu_document`` builds it)."""
    return MenuView(
        subject=subject,
        days_asked=days,
        feasible=bool(document["feasible"]),
        targets=tuple(document["targets"]),
        fixed_lines=tuple(document["fixed_lines"]),
        binding=tuple(document["binding_constraints"]),
        unmet=tuple(document["unmet"]),
        days=tuple(
            MenuDay(
                number=int(d["day"]),
                meals=tuple(_meal(m) for m in d["meals"]),
                totals=_totals(d),
            )
            for d in document["days"]
        ),
        shopping=tuple(_shopping(i) for i in document["shopping_list"]),
        notes=tuple(document["notes"]),
        checks_failed=tuple(
            f"{c['check']}: {c['detail']}" for c in document["verification"] if not c["passed"]
        ),
        paper=paper,
    )


_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
)


def render_menu_section(view: MenuView, heading_level: int = 2) -> str:
    """The menu as an escaped HTML section, for a page that has its own frame (the web page)."""
    return _ENV.get_template("_menu.html").render(m=view, h=heading_level)


def render_menu_html(view: MenuView) -> str:
    """The menu as a standalone printable page (A4 or Letter), for the browser or the PDF."""
    return _ENV.get_template("menu_report.html").render(m=view, r=view, h=2)


def render_menu_pdf(view: MenuView) -> bytes:
    """The menu as PDF (WeasyPrint), on the view's paper size."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF output needs

    pdf = HTML(string=render_menu_html(view)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
