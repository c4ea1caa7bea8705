"""Every page in Chromium at 1280 and 390 px (issue 16 item 8): no horizontal overflow, the
Correct/Delete links of every table in view on a phone, and no serious or critical axe-core
violation (axe-playwright-python bundles axe-core). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, Page
from tests.web.test_browser import page as page  # the browser fixture, re-exported
from tests.web.test_diary_pages import SALMON, new_person
from tests.web.test_pages import csrf

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SERIOUS = {"serious", "critical"}


def _seed(client: httpx.Client) -> list[str]:
    """A person with a lab panel, a measurement, a food and a supplement; their pages."""
    token = csrf(client)
    url = new_person(client, token, "LAYOUT-with-a-rather-long-pseudonym-label-to-wrap")
    panel = {"csrf_token": token, "date": "2026-03-01", "b12_value": "150", "b12_unit": "ng/L"}
    assert (
        client.post(
            f"{url}/labs", data={**panel, "mma_value": "0.45", "mma_unit": "µmol/L"}
        ).status_code
        == 303
    )
    grip = {"csrf_token": token, "kind": "grip_strength", "value": "14", "date": "2026-03-01"}
    assert client.post(f"{url}/measurements", data=grip).status_code == 303
    food = {"csrf_token": token, "food": SALMON, "date": "2026-03-01", "amount": "100", "unit": "g"}
    assert client.post(f"{url}/diary", data=food).status_code == 303
    pill = {
        "csrf_token": token,
        "supplement": "cyanocobalamin",
        "ug_per_dose": "1000",
        "doses": "1",
        "per": "day",
        "date": "2026-03-01",
    }
    assert client.post(f"{url}/diary/supplements", data=pill).status_code == 303
    page = client.get(url).text
    lab = re.search(rf'href="({url}/labs/\d+/edit)"', page)
    history = re.search(rf'href="({url}/assessments/\d+)"', page)
    assert lab and history
    return [
        "/persons",
        url,
        lab.group(1),
        lab.group(1).replace("/edit", "/delete"),
        history.group(1),
        f"{url}/report.html",
        "/audit",
    ]


@pytest.mark.parametrize("screen", WIDTHS)
def test_no_page_overflows_and_axe_finds_nothing_serious(
    page: Page, server: Server, client: httpx.Client, screen: str
) -> None:
    paths = _seed(client)
    width, height = WIDTHS[screen]
    page.set_viewport_size({"width": width, "height": height})
    axe, problems = Axe(), []
    for path in paths:
        page.goto(f"{server.url}{path}")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{path}: scrolls sideways by {overflow}px")
        for link in page.get_by_role("link", name=re.compile(r"^(Correct|Delete…|Remove…)$")).all():
            box = link.bounding_box()
            if box is None or box["x"] < 0 or box["x"] + box["width"] > width:
                problems.append(f"{path}: a {link.inner_text()} link is out of view")
        found = axe.run(page).response["violations"]
        problems += [
            f"{path}: axe {v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
            for v in found
            if v["impact"] in SERIOUS
        ]
        name = path.strip("/").replace("/", "-") or "home"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"layout-{screen}-{name}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
