"""The one judgment on the web page in a real browser (issue 12), at desktop and phone width.

For the nitrous-oxide and the pernicious-anaemia examples: the assessment page shows the headline,
level, confidence and urgency of ``assess_person`` and every evidence item with its mark; nothing
scrolls sideways on a phone; the person page shows that judgment once (its overview card), with the
evidence below it. Screenshots of the page and of the PDF report go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from b12.services.assess import assess_file
from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.fixtures.server import JSON_POST, Server
from tests.web.test_browser import ARTIFACTS, Page, expect
from tests.web.test_browser import page as page  # the browser fixture, re-exported

EXAMPLES_SHOWN = ["nitrous-oxide-tingling.yaml", "pernicious-anaemia-on-injections.yaml"]


def _stored(client: httpx.Client, example: Path) -> tuple[int, int]:
    body = {"label": f"JUDG-{example.stem}"[:80], "person": file_data(example)}
    person_id = client.post("/api/persons/import", json=body).json()["id"]
    assessment = client.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST).json()
    return person_id, assessment["id"]


@pytest.mark.parametrize("name", EXAMPLES_SHOWN)
def test_the_assessment_page_shows_the_judgment(
    page: Page,
    server: Server,
    client: httpx.Client,
    name: str,
) -> None:
    judgment = assess_file(EXAMPLES / name).status.judgment
    person_id, assessment_id = _stored(client, EXAMPLES / name)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server.url}/persons/{person_id}/assessments/{assessment_id}")
    expect(page.locator(".conclusion")).to_have_text(judgment.headline)
    expect(page.locator("#judgment-level")).to_have_text(judgment.level.value.replace("_", " "))
    expect(page.locator("#judgment-confidence")).to_have_text(judgment.confidence.value)
    expect(page.locator("#judgment-urgency")).to_have_text(judgment.urgency.value)
    expect(page.locator("#evidence > li")).to_have_count(len(judgment.evidence))
    for item, li in zip(judgment.evidence, page.locator("#evidence > li").all(), strict=True):
        expect(li).to_have_class(item.direction.value)
        if item.printed:
            expect(li.locator(".value")).to_contain_text(item.printed)
    expect(page.locator("#next-tests > li")).to_have_count(len(judgment.next_tests))
    stem = Path(name).stem
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"judgment-{stem}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=str(ARTIFACTS / f"judgment-{stem}-phone.png"), full_page=True)
    page.goto(f"{server.url}/persons/{person_id}")
    expect(page.locator(".history li").first).to_contain_text(judgment.headline)
    # the person page shows the judgment once, in the overview card, as `b12 assess` gives it
    expect(page.locator(".conclusion")).to_have_count(1)
    expect(page.locator("#overview .conclusion")).to_have_text(judgment.headline)
    expect(page.locator("#overview-level")).to_have_text(judgment.level.value.replace("_", " "))
    expect(page.locator("#overview-confidence")).to_have_text(judgment.confidence.value)
    expect(page.locator("#overview-urgency")).to_have_text(judgment.urgency.value)
    expect(page.locator("#assessment .levels")).to_have_count(0)
    expect(page.locator("#plan-summary")).not_to_contain_text(judgment.headline)
    expect(page.locator("#evidence > li")).to_have_count(len(judgment.evidence))
    page.screenshot(path=str(ARTIFACTS / f"person-{stem}-phone.png"), full_page=True)
    pdf = client.get(f"/persons/{person_id}/assessments/{assessment_id}/report.pdf")
    assert pdf.content.startswith(b"%PDF-")
    (ARTIFACTS / f"judgment-{stem}.pdf").write_bytes(pdf.content)
