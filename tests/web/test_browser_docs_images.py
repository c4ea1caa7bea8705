"""The screenshots docs/api.md and docs/menu.md show (issue 16: "docs show the pages"), made from
example persons.

Made-up persons (the examples/ person files under pseudonyms such as EXAMPLE-A) are imported
through the API; the overview at 1280x800 and 390x844, the worklist, the printable report and the
menu page (reached from the plan's link; 1280 px whole page, 390 px first screen) are saved to
test-artifacts/docs-images/, and copied by hand to docs/images/ after a look (made small with
Pillow's 64-colour palette; the whole menu page cut to its first 1500 px). This test checks that
each page is made with the made-up labels.
"""

from __future__ import annotations

import httpx

from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, Page, expect
from tests.web.test_browser import page as page  # the browser fixture, re-exported

PERSONS = {
    "EXAMPLE-A": "older-adult-probable-sarcopenia-low-b12.yaml",
    "EXAMPLE-B": "neurological-symptoms-low-b12.yaml",
    "EXAMPLE-C": "pregnant-vegan-untested.yaml",
    "EXAMPLE-D": "healthy-omnivore.yaml",
    "EXAMPLE-E": "ckd-egfr40-raised-mma.yaml",
}
OUT = ARTIFACTS / "docs-images"


def _import(client: httpx.Client) -> dict[str, int]:
    ids = {}
    for label, example in PERSONS.items():
        body = {"label": label, "person": file_data(EXAMPLES / example)}
        response = client.post("/api/persons/import", json=body)
        assert response.status_code == 201, response.text
        ids[label] = int(response.json()["id"])
    return ids


def test_the_pages_the_docs_show(page: Page, server: Server, client: httpx.Client) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ids = _import(client)
    first = f"{server.url}/persons/{ids['EXAMPLE-A']}"
    for width, height, name in ((1280, 800, "overview-1280"), (390, 844, "overview-390")):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(first)
        expect(page.locator("#overview-level")).to_be_visible()
        page.screenshot(path=str(OUT / f"{name}.png"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server.url}/persons")
    for label in PERSONS:
        expect(page.locator("body")).to_contain_text(label)
    page.screenshot(path=str(OUT / "worklist.png"))
    page.goto(f"{first}/report.html")
    expect(page.locator("body")).to_contain_text("Plan")
    page.screenshot(path=str(OUT / "report.png"))
    page.goto(first)
    page.locator("#menu-link a").click()  # the plan links to the menu
    page.get_by_label("Days", exact=True).select_option("3")
    page.get_by_role("button", name="Plan the menu").click()
    expect(page.get_by_role("heading", name="Day 3")).to_be_visible()
    page.screenshot(path=str(OUT / "menu-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(OUT / "menu-390.png"))
    made = sorted(p.name for p in OUT.glob("*.png"))
    assert made == [
        "menu-1280.png",
        "menu-390.png",
        "overview-1280.png",
        "overview-390.png",
        "report.png",
        "worklist.png",
    ]
