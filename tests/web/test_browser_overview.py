"""The person page opens with the overview (issue 16 item 1), in Chromium at 1280×800 and 390×844.

A person imported through the API shows the judgment at once (nobody presses "assess"); its level,
urgency and next action lie inside the first viewport (Playwright bounding boxes); the values the
judgment used are shown as the lab printed them with their dates; age in whole years; the screening
section is there; the section links reach each section. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from b12.core.plan import treatment as tx
from b12.services.followup import add_months
from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, Page, expect
from tests.web.test_browser import page as page  # the browser fixture, re-exported

EXAMPLE = "older-adult-probable-sarcopenia-low-b12.yaml"
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
FIRST_VIEW = ("#overview-level", "#overview-urgency", "#overview-next")


def _imported(client: httpx.Client, label: str) -> int:
    data = file_data(EXAMPLES / EXAMPLE)
    data["age"] = 78.6  # shown as whole years
    data["medications"] = [{"name": "cyanocobalamin", "start_date": "2026-10-20"}]
    response = client.post("/api/persons/import", json={"label": label, "person": data})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


@pytest.mark.parametrize("screen", SCREENS)
def test_the_overview_is_in_the_first_viewport(
    page: Page, server: Server, client: httpx.Client, screen: str
) -> None:
    person_id = _imported(client, f"OVERVIEW-{screen}")
    stored = client.get(f"/api/persons/{person_id}/assessments").json()
    assert len(stored) == 1  # assessed on import, through the API
    judgment = stored[0]["result"]["status"]["judgment"]
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/persons/{person_id}")
    expect(page.locator("#overview-level")).to_have_text(judgment["level"].replace("_", " "))
    expect(page.locator("#overview-urgency")).to_have_text(judgment["urgency"])
    for selector in FIRST_VIEW:
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    expect(page.locator("#person-facts")).to_contain_text("78 years,")
    expect(page.locator("#overview-used")).to_contain_text("120 pmol/L (2026-10-12)")
    expect(page.locator("#overview-muscle")).to_contain_text("Probable sarcopenia (EWGSOP2)")
    expect(page.locator("#overview-screening")).to_contain_text("B12 testing is recommended")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"overview-{screen}.png"))
    page.get_by_role("navigation", name="Sections of this person").get_by_text("Muscle").click()
    box = page.locator("#muscle-h").bounding_box()
    assert box is not None and 0 <= box["y"] < height / 2  # the link scrolled to the section


def test_the_retest_date_counts_from_the_treatment_start(client: httpx.Client) -> None:
    person_id = _imported(client, "OVERVIEW-retest")  # cyanocobalamin from 2026-10-20
    page = client.get(f"/persons/{person_id}").text
    due = add_months(dt.date(2026, 10, 20), tx.RETEST_AFTER_TREATMENT_MONTHS)
    assert due == dt.date(2027, 1, 20)
    assert f"3 months after starting treatment. Due {due.isoformat()}." in page


def test_months_are_added_as_calendar_months() -> None:
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)


def test_a_refused_panel_keeps_the_values_and_marks_the_field(
    page: Page, server: Server, client: httpx.Client
) -> None:
    person = client.post("/api/persons", json={"label": "PANEL-1", "age": 70, "sex": "male"})
    person_id = person.json()["id"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/persons/{person_id}#labs-h")
    form = page.locator("#lab-panel")
    form.locator("#date").fill("2026-06-01")
    form.locator("#b12_value").fill("265")
    form.locator("#b12_unit").select_option("ng/L")
    form.locator("#mma_value").fill("abc")
    form.locator("#hemoglobin_value").fill("118")
    form.get_by_role("button", name="Save results and assess").click()
    expect(page.locator("#mma_value")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#mma_value")).to_have_attribute("aria-describedby", "lab-error")
    expect(page.locator("#lab-error")).to_contain_text("mma")
    expect(page.locator("#mma_value")).to_be_focused()
    expect(page.locator("#b12_value")).to_have_value("265")
    expect(page.locator("#b12_unit")).to_have_value("ng/L")
    expect(page.locator("#hemoglobin_value")).to_have_value("118")
    expect(page.locator("#date")).to_have_value("2026-06-01")
    box = page.locator("#mma_value").bounding_box()
    assert box is not None and 0 <= box["y"] <= 844  # the page went to the field, not the top
    page.screenshot(path=str(ARTIFACTS / "panel-refused-phone.png"))
    page.locator("#mma_value").fill("0.41")
    page.locator("#date").fill("2999-01-01")
    expect(page.locator("#date-warning")).to_be_visible()
    page.locator("#date").fill("2026-06-01")
    expect(page.locator("#date-warning")).to_be_hidden()
    page.get_by_role("button", name="Save results and assess").click()
    expect(page.locator("#labs")).to_contain_text("265 ng/L")
    expect(page.locator("#labs")).to_contain_text("118 g/L")
