"""Correcting a record in a real browser (Playwright driving Debian's Chromium, headless).

A clinician types a grip strength of 45 kg instead of 14.5, sees it charted and read as normal
strength, corrects it (a value out of b12's limits is refused on the form, naming the field, the
value and the limit), sees the chart, the muscle reading and the plan change, then deletes it
after a confirmation page. Screenshots go to test-artifacts/. Without Chromium the test skips
locally and fails in CI.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, add_person, page

__all__ = ["page"]


def test_add_correct_and_delete_a_grip_strength(page: Page, server: Server) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    add_person(page, server, "BROWSER-GRIP", "74", "male")

    page.get_by_label("Measurement", exact=True).select_option("grip_strength")
    page.locator("#m_value").fill("45")
    page.locator("#m_date").fill("2026-03-01")
    page.get_by_role("button", name="Save measurement").click()
    expect(page.locator("#measurements")).to_contain_text("45 kg")
    point = page.locator("#grip-chart circle.point title")
    expect(point).to_have_text("2026-03-01: 45 kg")
    expect(page.locator("#muscle-result")).to_contain_text("muscle strength not low")
    plan_before = page.locator("#plan-summary").inner_text()

    page.get_by_role("link", name="Correct Grip strength (best hand) of 2026-03-01").click()
    expect(page.get_by_role("heading", name="Correct: Grip strength")).to_be_visible()
    value = page.get_by_label("Value (kg)")
    expect(value).to_have_value("45")
    value.fill("400")  # a slip of the other kind: refused, with the limit named
    value.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "value: grip_strength 400 kg: Input should be less than or equal to 150"
    )
    expect(value).to_have_attribute("aria-invalid", "true")
    expect(value).to_have_value("400")
    page.screenshot(path=str(ARTIFACTS / "correct-measurement-error.png"), full_page=True)
    value.fill("14.5")
    page.get_by_role("button", name="Save the correction and assess").click()

    expect(page.get_by_role("heading", name="BROWSER-GRIP")).to_be_visible()
    expect(page.locator("#measurements")).to_contain_text("14.5 kg")
    expect(page.locator("#measurements")).not_to_contain_text("45 kg")
    expect(point).to_have_text("2026-03-01: 14.5 kg")  # the chart moved
    expect(page.locator("#muscle-result")).to_contain_text("probable sarcopenia")
    expect(page.locator("#plan-summary")).not_to_have_text(plan_before)
    expect(page.locator("#plan-summary")).to_contain_text("protein and strength exercise")
    page.locator("#grip-chart").screenshot(path=str(ARTIFACTS / "grip-chart-corrected.png"))

    delete = page.get_by_role("link", name="Delete Grip strength (best hand) of 2026-03-01")
    delete.click()
    expect(page.get_by_role("heading", name="Delete: Grip strength")).to_contain_text("14.5 kg")
    page.get_by_role("link", name="No, keep it").click()  # changing one's mind keeps it
    expect(page.locator("#measurements")).to_contain_text("14.5 kg")
    delete.click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.get_by_text("No measurements yet.")).to_be_visible()
    expect(page.locator("#grip-chart")).to_contain_text("no values yet")
    expect(page.locator("#muscle-result")).to_contain_text("no muscle measurements")
    page.screenshot(path=str(ARTIFACTS / "measurement-deleted.png"), full_page=True)
