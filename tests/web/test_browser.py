"""The main journey in a real browser: Playwright driving Debian's Chromium, headless.

Create a person, add two lab panels months apart and a grip strength, see the assessment and the
trend chart with two points per marker, download the PDF report; then, for a second person, record
grip strength twice and see it charted against the EWGSOP2 cut-off, and add foods to the diary with
the food search (suggestions as you type, and the plain search form) and see the intake chart.
Screenshots and the PDF are saved in test-artifacts/.
Without Chromium the test skips locally and fails in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fixtures.server import Server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    """A fresh browser page."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1000, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def add_person(
    page: Page, server: Server, label: str, age: str, sex: str, diet: str | None = None
) -> None:
    """Add a person with the form on the person list, submitted by keyboard; see their page."""
    page.goto(f"{server.url}/persons")
    form = page.get_by_role("form", name="Add a person")
    form.get_by_label("Label (pseudonym, not a name)").fill(label)
    form.get_by_label("Age (years)").fill(age)
    form.get_by_label("Sex").select_option(sex)
    if diet is not None:
        form.get_by_label("Diet").select_option(diet)
    form.get_by_label("Label (pseudonym, not a name)").press("Enter")
    expect(page.get_by_role("heading", name=label)).to_be_visible()


def add_panel(page: Page, date: str, values: dict[str, tuple[str, str]]) -> None:
    page.get_by_label("Sample date").fill(date)
    for analyte, (value, unit) in values.items():
        page.locator(f"#{analyte}_value").fill(value)
        page.locator(f"#{analyte}_unit").select_option(unit)
    page.get_by_role("button", name="Save results and assess").click()


def test_create_person_add_two_panels_and_see_the_trend(page: Page, server: Server) -> None:
    add_person(page, server, "BROWSER-1", "68", "female", diet="vegan")

    add_panel(
        page,
        "2025-09-15",
        {
            "b12": ("160", "pg/mL"),
            "holotc": ("22", "pmol/L"),
            "mma": ("520", "nmol/L"),
            "hcy": ("19", "µmol/L"),
        },
    )
    conclusion = page.locator("#overview .conclusion")
    expect(page.locator("#assessment")).to_contain_text("cB12")
    first = conclusion.inner_text()
    add_panel(
        page,
        "2026-03-10",
        {
            "b12": ("420", "pmol/L"),
            "holotc": ("85", "pmol/L"),
            "mma": ("0.2", "µmol/L"),
            "hcy": ("9", "µmol/L"),
        },
    )
    expect(page.locator("#labs tbody tr")).to_have_count(8)
    chart = page.locator("svg.trend")
    expect(chart).to_be_visible()
    expect(chart.locator("circle.point")).to_have_count(8)
    expect(chart.locator("line.cutoff")).to_have_count(6)
    expect(conclusion).not_to_have_text(first)  # the newer panel gives a new assessment
    page.get_by_label("Measurement", exact=True).select_option("grip_strength")
    page.locator("#m_value").fill("17.5")
    page.locator("#m_date").fill("2026-03-10")
    page.get_by_role("button", name="Save measurement").click()
    expect(page.locator("#measurements")).to_contain_text("17.5 kg")
    expect(page.get_by_role("heading", name="Assessment history")).to_be_visible()
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select')]
              .filter(el => !document.querySelector(`label[for="${el.id}"]`)).length"""
    )
    assert unlabelled == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "person-page.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=str(ARTIFACTS / "person-page-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1000, "height": 900})
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF (A4)").click()
    saved = ARTIFACTS / "report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")


def test_grip_chart_and_a_diary_through_the_food_search(page: Page, server: Server) -> None:
    add_person(page, server, "BROWSER-2", "72", "male")

    for date, value in (("2025-10-01", "29"), ("2026-04-01", "24.5")):
        page.get_by_label("Measurement", exact=True).select_option("grip_strength")
        page.locator("#m_value").fill(value)
        page.locator("#m_date").fill(date)
        page.locator("#m_date").press("Enter")
        expect(page.locator("#measurements")).to_contain_text(f"{value} kg")
    grip = page.locator("#grip-chart")
    expect(grip.locator("circle.point")).to_have_count(2)
    expect(grip).to_contain_text("EWGSOP2: low strength below 27 kg")
    grip.screenshot(path=str(ARTIFACTS / "grip-chart.png"))

    # As you type: the suggestions list fills from the food search with names (never an id in
    # the field); the chosen food's own portions are then offered in the unit field.
    food = page.locator("#d_food")
    food.press_sequentially("salmon sock", delay=30)
    options = page.locator("#food-options option")
    expect(options.first).to_have_attribute("value", "Fish, salmon, sockeye, raw")
    food.fill(options.first.get_attribute("value") or "")
    food.dispatch_event("change")
    portions = page.locator("#portion-options option")
    expect(portions).to_have_count(4)  # grams and USDA's three measures of this salmon
    expect(portions.nth(2)).to_have_attribute("value", "fillet")
    page.get_by_label("Date eaten").fill("2026-04-01")
    page.get_by_label("Meal").select_option("lunch")
    page.get_by_label("Amount").fill("0.5")
    page.locator("#d_unit").fill("fillet")
    page.get_by_label("Amount").press("Enter")
    expect(page.locator("#diary tbody tr")).to_have_count(1)
    expect(page.locator("#diary")).to_contain_text("Fish, salmon, sockeye, raw")
    expect(page.locator("#diary")).to_contain_text("0.5 fillet")

    # A food the table lacks is said to be missing, never replaced by a near match.
    page.get_by_label("Food name (or part of one)").fill("nutritional yeast")
    page.get_by_label("Food name (or part of one)").press("Enter")
    expect(page.locator("#food-results")).to_contain_text("0 food(s) match")
    expect(page.locator("#food-note")).to_contain_text("not in the food table")

    # Without the script: the search form turns the food field into a list of matches.
    page.get_by_label("Food name (or part of one)").fill("beef liver")
    page.get_by_label("Food name (or part of one)").press("Enter")
    expect(page.locator("#food-results")).to_contain_text("choose one below")
    expect(page.locator("select#d_food option").first).to_contain_text("liver")
    page.get_by_label("Date eaten").fill("2026-04-02")
    page.get_by_label("Amount").fill("50")
    page.get_by_label("Amount").press("Enter")
    expect(page.locator("#diary tbody tr")).to_have_count(2)
    intake = page.locator("#intake-chart")
    expect(intake.locator("circle.point")).to_have_count(2)
    expect(intake).to_contain_text("IOM RDA 2.4 µg")
    expect(page.locator("#assessment")).to_be_visible()
    intake.screenshot(path=str(ARTIFACTS / "intake-chart.png"))
    page.screenshot(path=str(ARTIFACTS / "person-diary.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=str(ARTIFACTS / "person-diary-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1000, "height": 900})
