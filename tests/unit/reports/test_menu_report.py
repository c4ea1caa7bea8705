"""The menu's view for the web page and PDF (issue 19): a menu no food can meet is a clear message
naming the target and why, not an empty page; text is escaped; the lines say what each food brings."""

from __future__ import annotations

from b12.core.person import Person
from b12.reports.menu_report import menu_view, render_menu_html, render_menu_section
from b12.services.menu import plan_menu
from b12.services.menu.document import menu_document


def _vegan_without_b12_foods() -> dict:
    person = Person.model_validate({"age": 30, "sex": "female", "diet": "vegan"})
    exclude = ["soy", "tree_nut", "rice milk", "coconut milk", "fortified", "acai", "cran"]
    return menu_document(plan_menu(person, days=1, exclude=exclude), protein_soft=True)


def test_an_infeasible_menu_says_which_target_and_why() -> None:
    document = _vegan_without_b12_foods()
    assert not document["feasible"] and document["unmet"]
    html = render_menu_section(menu_view(document, subject="S", days=1))
    assert "No menu meets these targets" in html
    assert all(reason.split(":")[0] in html for reason in document["unmet"])
    assert "Day 1" not in html and "Shopping list" not in html
    assert "never &#39;allergen-free&#39;" in html  # the notes are still there, escaped


def test_the_view_states_amounts_contributions_and_escapes_the_label() -> None:
    person = Person.model_validate(
        {"age": 72, "sex": "male", "diet": "omnivore", "muscle": {"weight_kg": 70}}
    )
    document = menu_document(plan_menu(person, days=1), protein_soft=True)
    view = menu_view(document, subject="<script>x</script>", days=1)
    (day,) = view.days
    lines = [x for meal in day.meals for x in meal.lines]
    assert lines and all(" g)" in x.amount and "µg B12" in x.b12 for x in lines)
    assert all("g protein" in x.protein_energy and "kcal" in x.protein_energy for x in lines)
    page = render_menu_html(view)
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "@page { size: A4" in page
