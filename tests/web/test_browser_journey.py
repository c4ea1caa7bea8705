"""A dietitian's whole journey in one run at 1280x800 and at 390x844 (issue 16, "Done when").

Add a person; a lab panel with a refused value, fixed on the same form; the person's details and an
operation changed afterwards; muscle measurements; a diary entry; the plan; the report as HTML and
PDF (the PDF's text read back with poppler's pdftotext); a value corrected; a record deleted after
its confirmation page; the worklist. A screenshot of the viewport at each step goes to
test-artifacts/journey-<width>/, numbered in order. Without Chromium the test skips locally and fails
in CI (tests/web/test_browser.py).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from tests.fixtures.server import Server
from tests.web.test_browser import ARGS, ARTIFACTS, CHROMIUM, add_person

VIEWPORTS = {"1280": (1280, 800), "390": (390, 844)}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> Iterator[tuple[str, Page]]:
    """A browser page at one of the journey's two sizes."""
    width, height = VIEWPORTS[request.param]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        yield request.param, context.new_page()
        context.close()
        browser.close()


class Shots:
    """Numbered screenshots of one journey, each of the viewport with ``at`` scrolled into view."""

    def __init__(self, page: Page, width: str) -> None:
        self.page, self.n = page, 0
        self.folder = ARTIFACTS / f"journey-{width}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)

    def take(self, name: str, at: Locator | None = None) -> Path:
        self.n += 1
        if at is not None:
            at.scroll_into_view_if_needed()
        path = self.folder / f"{self.n:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def _panel(page: Page, b12: str) -> None:
    page.locator("#date").fill("2026-03-01")
    page.locator("#b12_value").fill(b12)
    page.locator("#b12_unit").select_option("ng/L")
    page.locator("#mma_value").fill("0.45")
    page.locator("#mma_unit").select_option("µmol/L")
    page.locator("#ferritin_value").fill("35")
    page.get_by_role("button", name="Save results and assess").click()


def _report_text(page: Page, url: str) -> str:
    pdf = page.request.get(url)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        return ""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.body(), capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_whole_journey(viewport: tuple[str, Page], server: Server) -> None:
    width, page = viewport
    shots = Shots(page, width)
    label = f"JOURNEY-{width}"

    # 1. add a person (a made-up pseudonym) from the worklist
    add_person(page, server, label, "72", "female", diet="lacto_ovo_vegetarian")
    expect(page.locator("#person-facts")).to_contain_text("lacto-ovo vegetarian")
    shots.take("person-added")
    _no_sideways_scroll(page)

    # 2. a lab panel with a refused value: marked, focused, the other values kept; then fixed
    _panel(page, "-160")
    b12 = page.locator("#b12_value")
    expect(page.get_by_role("alert")).to_contain_text("b12")
    expect(b12).to_have_attribute("aria-invalid", "true")
    expect(b12).to_be_focused()
    expect(page.locator("#mma_value")).to_have_value("0.45")
    shots.take("panel-refused", b12)
    b12.fill("160")
    page.get_by_role("button", name="Save results and assess").click()
    expect(page.locator("#labs")).to_contain_text("160 ng/L")
    expect(page.locator("#labs")).to_contain_text("ferritin")
    shots.take("panel-saved", page.locator("#overview"))

    # 3. details changed after adding: age and diet; an operation added
    page.get_by_text("Age, sex, diet, pregnancy and conditions").click()
    gestation = page.locator("#d_gestation")
    expect(gestation).to_be_hidden()  # asked only while "Pregnant" is ticked
    page.locator("#d_pregnant").check()
    expect(gestation).to_be_visible()
    page.locator("#d_pregnant").uncheck()
    expect(gestation).to_be_hidden()
    page.locator("#d_age").fill("73")
    page.locator("#d_diet").select_option("vegan")
    shots.take("details-form", page.locator("#d_age"))
    page.get_by_role("button", name="Save details and assess").click()
    expect(page.locator("#person-facts")).to_contain_text("73 years, female, vegan")
    page.get_by_text("Operations (0)").click()
    page.locator("#procedure").select_option("ileal_resection")
    page.locator("#surgery_date").fill("2015-06-01")
    page.locator("#extent").select_option("partial")
    page.get_by_role("button", name="Add operation and assess").click()
    expect(page.locator("#surgery-list")).to_contain_text("ileal resection (partial), 2015-06-01")
    shots.take("operation-added", page.locator("#surgery-list"))

    # 4. muscle measurements
    for kind, value in (("grip_strength", "14.5"), ("gait_speed", "0.7")):
        page.locator("#m_kind").select_option(kind)
        page.locator("#m_value").fill(value)
        page.locator("#m_date").fill("2026-03-01")
        page.get_by_role("button", name="Save measurement").click()
    expect(page.locator("#measurements")).to_contain_text("0.7 m/s")
    expect(page.locator("#muscle-result")).to_contain_text("sarcopenia")
    shots.take("muscle", page.locator("#measurements"))

    # 5. a diary entry: the food picked from the suggestions as it is typed, with its own portion
    food = page.locator("#d_food")
    food.press_sequentially("salmon sock", delay=30)
    option = page.locator("#food-options option").first
    expect(option).to_have_attribute("value", "Fish, salmon, sockeye, raw")
    food.fill(option.get_attribute("value") or "")
    food.dispatch_event("change")
    expect(page.locator("#portion-options option").nth(2)).to_have_attribute("value", "fillet")
    page.locator("#d_date").fill("2026-03-01")
    page.locator("#d_amount").fill("0.5")
    page.locator("#d_unit").fill("fillet")
    page.get_by_role("button", name="Add to diary and assess").click()
    expect(page.locator("#diary")).to_contain_text("0.5 fillet")
    shots.take("diary", page.locator("#diary"))

    # 6. the plan
    plan = page.locator("#plan-summary")
    expect(plan).not_to_be_empty()
    shots.take("plan", plan)
    _no_sideways_scroll(page)

    # 7. the report: the printable page and the PDF hold the plan
    pdf_url = page.get_by_role("link", name="PDF (A4)").get_attribute("href")
    assert pdf_url is not None
    text = _report_text(page, server.url + pdf_url)
    if text:  # pdftotext is there (poppler-utils); tests/unit/reports checks every section
        assert "Plan" in text and "urgen" in text.lower()
    page.get_by_role("link", name="printable page").first.click()
    expect(page.locator("body")).to_contain_text("Plan")
    shots.take("report-html")
    _no_sideways_scroll(page)
    page.go_back()

    # 8. correct a value: the B12 was 260, not 160
    page.get_by_role("link", name="Correct b12 of 2026-03-01").click()
    value = page.get_by_label("Value (a censored result as printed, e.g. >1476)")
    expect(value).to_have_value("160")
    value.fill("260")
    shots.take("correct-lab", value)
    page.get_by_role("button", name="Save the correction and assess").click()
    expect(page.locator("#labs")).to_contain_text("260 ng/L")
    expect(page.locator("#labs")).not_to_contain_text("160 ng/L")

    # 9. delete a record, after its confirmation page
    page.get_by_role("link", name="Delete Gait speed").first.click()
    expect(page.get_by_role("heading", name="Delete: Gait speed")).to_be_visible()
    shots.take("delete-confirm")
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#measurements")).not_to_contain_text("0.7 m/s")
    expect(page.locator("#measurements")).to_contain_text("14.5 kg")
    shots.take("deleted", page.locator("#measurements"))

    # 10. back on the worklist: the person with their judgment, urgency and re-test date
    page.get_by_role("link", name="Persons").first.click()
    expect(page.locator("body")).to_contain_text(label)
    shots.take("worklist")
    _no_sideways_scroll(page)
    assert shots.n == 13
