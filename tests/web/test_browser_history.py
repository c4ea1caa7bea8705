"""Corrections in a real browser (Playwright driving Debian's Chromium, headless): a lab result's
printed reference range, an entry of the clinical history and a medicine edited in place, and the
400 m walk's completion chosen as yes or no. A refused correction keeps what was typed and marks
the field it names. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, add_panel, add_person, page

__all__ = ["page"]


def _api_person(client: httpx.Client, page: Page) -> dict:
    person_id = page.url.split("/persons/")[1].split("#")[0].split("?")[0]
    return client.get(f"/api/persons/{person_id}").json()


def test_a_lab_correction_edits_the_printed_reference_range(
    page: Page, server: Server, client: httpx.Client
) -> None:
    add_person(page, server, "BROWSER-RANGE", "66", "female")
    add_panel(page, "2026-02-01", {"mma": ("0.30", "µmol/L")})
    person_id = _api_person(client, page)["id"]
    page.get_by_role("link", name="Correct mma of 2026-02-01").click()
    low, high = page.get_by_label("reference range: from"), page.get_by_label("reference range: to")
    expect(low).to_have_value("")
    low.fill("0.05")
    high.fill("abc")  # refused: the form comes back with what was typed, the range marked
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.get_by_role("alert")).to_contain_text("reference_range")
    expect(high).to_have_attribute("aria-invalid", "true")
    expect(low).to_have_value("0.05")
    expect(high).to_have_value("abc")
    page.screenshot(path=str(ARTIFACTS / "correct-lab-range-error.png"), full_page=True)
    high.fill("0.27")  # the lab printed an upper limit below this result: raised against it
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.get_by_role("heading", name="BROWSER-RANGE")).to_be_visible()
    (lab,) = client.get(f"/api/persons/{person_id}/labs").json()
    assert (lab["reference_low"], lab["reference_high"]) == (0.05, 0.27)
    page.get_by_role("link", name="Correct mma of 2026-02-01").click()
    expect(page.get_by_label("reference range: to")).to_have_value("0.27")
    page.get_by_label("reference range: from").fill("")
    page.get_by_label("reference range: to").fill("")
    page.get_by_role("button", name="Save the correction and assess").click()
    (lab,) = client.get(f"/api/persons/{person_id}/labs").json()
    assert (lab["reference_low"], lab["reference_high"]) == (None, None)  # cleared


def test_history_entries_and_medicines_are_edited_in_place(
    page: Page, server: Server, client: httpx.Client
) -> None:
    add_person(page, server, "BROWSER-HISTORY", "71", "male")
    page.get_by_text("Operations (0)").click()
    page.get_by_label("Operation", exact=True).select_option("ileal_resection")
    page.locator("#surgery_date").fill("2019-05-02")
    page.get_by_role("button", name="Add operation and assess").click()
    page.get_by_text("Add a medicine or supplement").click()
    page.locator("#med_name").fill("metformin")
    page.locator("#med_start").fill("2020-01-01")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#medication-list")).to_contain_text("metformin, from 2020-01-01")

    page.get_by_role("link", name="Correct ileal resection, 2019-05-02").click()
    expect(page.get_by_label("Operation")).to_have_value("ileal_resection")  # prefilled
    expect(page.get_by_label("Date (optional)")).to_have_value("2019-05-02")
    page.get_by_label("Extent (ileal resection only)").select_option("partial")
    page.get_by_label("Operation").select_option("sleeve_gastrectomy")  # no extent: refused
    page.get_by_label("Date (optional)").fill("2018-04-03")
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.get_by_role("alert")).to_contain_text("extent")
    expect(page.get_by_label("Extent (ileal resection only)")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_label("Operation")).to_have_value("sleeve_gastrectomy")  # as typed
    expect(page.get_by_label("Date (optional)")).to_have_value("2018-04-03")
    page.screenshot(path=str(ARTIFACTS / "correct-history-error.png"), full_page=True)
    page.get_by_label("Operation").select_option("ileal_resection")
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.locator("#surgery-list li")).to_have_count(1)  # in place, not added
    expect(page.locator("#surgery-list")).to_contain_text("ileal resection (partial), 2018-04-03")

    page.get_by_role("link", name="Correct metformin").click()
    expect(page.get_by_label("Name")).to_have_value("metformin")
    page.get_by_label("Stopped on (optional; empty while still taken)").fill("2025-06-30")
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.locator("#medication-list li")).to_have_count(1)
    expect(page.locator("#medication-list")).to_contain_text("stopped 2025-06-30")
    person = _api_person(client, page)
    assert person["medications"][0]["stop_date"] == "2025-06-30"
    assert person["surgery"] == [
        {"procedure": "ileal_resection", "date": "2018-04-03", "extent": "partial"}
    ]
    page.screenshot(path=str(ARTIFACTS / "history-edited.png"), full_page=True)

    page.get_by_role("link", name="Delete metformin").click()  # deleting still asks first
    expect(page.get_by_role("heading", name="Delete: metformin")).to_be_visible()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#medication-list")).to_have_count(0)
    assert _api_person(client, page)["medications"] == []


def test_the_400_m_walk_is_completed_yes_or_no(
    page: Page, server: Server, client: httpx.Client
) -> None:
    add_person(page, server, "BROWSER-WALK", "80", "female")
    expect(page.locator("#m_kind option[value=walk_400m_completed]")).to_have_count(0)
    walk = page.get_by_role("group", name="400 m walk: completed?")
    walk.get_by_label("No, not completed").check()
    walk.get_by_label("Date").fill("2026-03-01")
    page.get_by_role("button", name="Save the walk and assess").click()
    expect(page.locator("#measurements")).to_contain_text("no")
    person_id = _api_person(client, page)["id"]
    (stored,) = client.get(f"/api/persons/{person_id}/measurements").json()
    assert (stored["kind"], stored["value"], stored["unit"]) == ("walk_400m_completed", 0, "yes/no")
    page.get_by_role("link", name="Correct 400 m walk completed of 2026-03-01").click()
    heading = page.get_by_role("heading", name="Correct: 400 m walk completed: no on 2026-03-01")
    expect(heading).to_be_visible()
    choice = page.get_by_label("400 m walk completed", exact=True)
    expect(choice.locator("option:checked")).to_have_text("no")
    choice.select_option(label="yes")
    page.get_by_role("button", name="Save the correction and assess").click()
    (stored,) = client.get(f"/api/persons/{person_id}/measurements").json()
    assert stored["value"] == 1
