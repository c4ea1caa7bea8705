"""The plan links to the menu planner (issue 19): in the terminal plan and in the HTML report, when
the plan gives food or protein advice and nothing is urgent; the plan's JSON does not change."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from b12.data.person_file import load_person
from b12.reports.json_report import assessment_document
from b12.reports.plain_words import MENU_LINK, menu_link
from b12.reports.report import render_html
from b12.reports.terminal_brief import brief_report
from b12.services.assess import assess_file
from b12.services.reports import person_report
from tests.conftest import EXAMPLES

OLDER = EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml"
URGENT = EXAMPLES / "neurological-symptoms-low-b12.yaml"


def _terminal(path: Path) -> str:
    console = Console(width=200, record=True)
    console.print(brief_report(assess_file(path)))
    return " ".join(console.export_text().split())


def items(*categories: str) -> list[tuple[str, str]]:
    return [(c, f"{c}.x") for c in categories]


def test_the_link_needs_food_or_protein_and_nothing_urgent() -> None:
    assert menu_link(items("protein")) == MENU_LINK
    assert menu_link(items("food", "retest")) == MENU_LINK
    assert menu_link(items("test", "retest")) == ""
    assert menu_link(items("urgent", "food")) == ""


def test_a_child_s_plan_does_not_link_to_the_adult_menu_planner() -> None:
    # Red team round 8: the planner served a 9-month-old soymilk and chickpeas.
    assert menu_link([*items("food"), ("referral", "referral.paediatric")]) == ""


def test_a_stored_person_gets_their_menu_page_not_a_file_argument() -> None:
    stored = menu_link(items("food"), person_id=7)
    assert stored.endswith(
        "the person's Menu page in b12 (/persons/7/menu), or REST: GET /api/persons/7/menu."
    )
    assert "PERSON_FILE" not in stored
    assert menu_link(items("urgent", "food"), person_id=7) == ""


def test_the_terminal_plan_links_to_the_menu() -> None:
    assert "b12 menu PERSON_FILE" in _terminal(OLDER)
    assert "b12 menu" not in _terminal(URGENT)


def test_the_html_report_links_to_the_menu_and_the_json_does_not() -> None:
    document = assessment_document(assess_file(OLDER))
    html = render_html(person_report(load_person(OLDER), document, "label", None))
    assert "b12 menu PERSON_FILE" in html
    assert "b12 menu" not in str(document)
