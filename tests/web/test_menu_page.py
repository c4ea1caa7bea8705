"""The menu page and its PDF (issue 19) on a real server: the plan links to it, it shows what the
menu API returns (days, meals, targets, the plan's supplement lines, notes, shopping list), the
number of days is a choice of 1 to 7, and the PDF holds the meals, the targets and the shopping
list (read back with poppler's pdftotext)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.web.test_browser import ARTIFACTS

OLDER = EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml"  # food and protein advice


@pytest.fixture(scope="module")
def person(server_client: httpx.Client) -> int:
    body = {"label": "MENU-<b>&-1", "person": file_data(OLDER)}
    created = server_client.post("/api/persons/import", json=body)
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


@pytest.fixture(scope="module")
def server_client(server) -> httpx.Client:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_plan_links_to_the_menu_page_which_shows_the_apis_menu(
    server_client: httpx.Client, person: int
) -> None:
    page = server_client.get(f"/persons/{person}").text
    assert f'href="/persons/{person}/menu"' in page
    assert "Shopping list" not in page  # the person page does not plan a menu
    answer = server_client.get(f"/persons/{person}/menu", params={"days": 2})
    assert answer.status_code == 200
    api = server_client.get(f"/api/persons/{person}/menu", params={"days": 2}).json()
    assert api["feasible"]
    shown = _text(answer.text)
    assert "MENU-<b>&-1" in shown and "<b>&" not in answer.text  # escaped
    assert "Day 1" in shown and "Day 2" in shown and "Day 3" not in shown
    for line in api["targets"] + api["fixed_lines"] + api["notes"] + api["binding_constraints"]:
        assert " ".join(line.split()) in shown, line
    assert "(unverified)" in shown and "never 'allergen-free'" in shown
    for day in api["days"]:
        for meal in day["meals"]:
            for food in meal["foods"]:
                assert food["name"] in shown and f"{food['portion']}" in shown
    assert "Shopping list for 2 days" in shown
    for item in api["shopping_list"]:
        assert item["name"] in shown
    assert '<option value="7">7</option>' in answer.text  # 1 to 7 days
    assert '<option value="2" selected>2</option>' in answer.text


@pytest.mark.parametrize("days", ["0", "8", "two"])
def test_days_outside_1_to_7_are_refused_with_a_page(
    server_client: httpx.Client, person: int, days: str
) -> None:
    answer = server_client.get(f"/persons/{person}/menu", params={"days": days})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "days" in answer.text and "Traceback" not in answer.text


def test_the_menu_pdf_holds_the_meals_targets_and_shopping_list(
    server_client: httpx.Client, person: int, tmp_path: Path
) -> None:
    api = server_client.get(f"/api/persons/{person}/menu", params={"days": 3}).json()
    answer = server_client.get(f"/persons/{person}/menu.pdf", params={"days": 3})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
    assert "MENU" not in answer.headers["content-disposition"]  # no label in the file name
    pdf = tmp_path / "menu.pdf"
    pdf.write_bytes(answer.content)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "menu.pdf").write_bytes(answer.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Menu: MENU-<b>&-1" in flat
    assert "Day 1" in flat and "Day 3" in flat and "Shopping list for 3 days" in flat
    assert "Targets" in flat and "protein at least" in flat
    foods = {f["name"] for d in api["days"] for m in d["meals"] for f in m["foods"]}
    assert foods and all(" ".join(name.split())[:30] in flat for name in foods)
    assert all(i["name"][:30] in flat for i in api["shopping_list"])
    letter = server_client.get(f"/persons/{person}/menu.pdf", params={"days": 1, "paper": "Letter"})
    pdf.write_bytes(letter.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts (letter)" in info.stdout
