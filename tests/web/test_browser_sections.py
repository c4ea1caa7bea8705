"""The section links of a well-filled person page are in the first screen of a phone (390×844) and
of a desktop (1280×800), and stay in view while the page scrolls (issue 16).

The person has years of labs with flags, many measurements, a diary of many days, many medicines,
conditions and operations, and so a long plan: a page many screens long. Playwright's bounding boxes
decide; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, Page, expect
from tests.web.test_browser import page as page  # the browser fixture, re-exported

SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
LINKS = ("Reasons and plan", "Labs", "Muscle", "Diet", "History", "Symptoms and medicines")
DATES = [dt.date(2022, 1, 10) + dt.timedelta(days=120 * n) for n in range(10)]
PANEL = [("b12", 160, "pmol/L", "L"), ("holotc", 24, "pmol/L", "L"), ("mma", 0.55, "umol/L", "H")]
PANEL += [
    ("hcy", 17, "umol/L", "H"),
    ("folate", 14, "nmol/L", None),
    ("ferritin", 60, "ug/L", None),
]


def _labs() -> list[dict[str, Any]]:
    return [
        {"analyte": a, "value": v, "unit": u, "date": d.isoformat(), **({"flag": f} if f else {})}
        for d in DATES
        for a, v, u, f in PANEL
    ]


def well_filled(client: httpx.Client, label: str) -> int:
    """A person with every kind of record, many of each; their id."""
    data = file_data(EXAMPLES / "low-b12-despite-diary-intake.yaml")  # a diary of many days
    data |= {
        "labs": _labs(),
        "conditions": ["type 2 diabetes", "CKD stage 3", "hypothyroidism", "atrophic gastritis"],
        "symptoms": ["tiredness", "tingling in both feet", "memory problems", "sore tongue"],
        "medications": [
            {"name": "metformin", "start_date": "2015-01-01", "dose": "1 g twice daily"},
            {"name": "omeprazole", "start_date": "2018-05-01", "route": "oral"},
            {"name": "levothyroxine", "start_date": "2019-02-01"},
            {"name": "cyanocobalamin", "start_date": "2024-03-01", "dose": "1 mg daily"},
            {"name": "ramipril", "start_date": "2020-07-01"},
        ],
        "surgery": [{"procedure": "ileal_resection", "date": "2019-05-02"}],
    }
    answer = client.post("/api/persons/import", json={"label": label, "person": data})
    assert answer.status_code == 201, answer.text
    person_id = int(answer.json()["id"])
    kinds = [("grip_strength", "kg", 18), ("gait_speed", "m/s", 0.7), ("weight", "kg", 58)]
    measured = [
        {"kind": k, "unit": u, "value": v, "date": d.isoformat()}
        for d in DATES
        for k, u, v in kinds
    ]
    added = client.post(f"/api/persons/{person_id}/measurements", json=measured)
    assert added.status_code == 201, added.text
    return person_id


@pytest.mark.parametrize("screen", SCREENS)
def test_the_section_links_are_in_the_first_screen_of_a_long_page(
    page: Page, server: Server, client: httpx.Client, screen: str
) -> None:
    width, height = SCREENS[screen]
    person_id = well_filled(client, f"SECTIONS-{screen}")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/persons/{person_id}")
    long = page.evaluate("() => document.documentElement.scrollHeight")
    assert long > 8 * height, f"the page is only {long}px: not a well-filled person"
    nav = page.get_by_role("navigation", name="Sections of this person")
    box = nav.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height / 4, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sections-{screen}.png"))
    for name in LINKS:  # each link works, and the bar stays at the top above its section
        link = nav.get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()  # on a phone the row scrolls sideways within itself
        link.click()
        target = page.locator(str(link.get_attribute("href")))
        expect(target).to_be_in_viewport()
        bar, heading = nav.bounding_box(), target.bounding_box()
        assert bar is not None and heading is not None
        assert bar["y"] == 0 or bar["y"] + bar["height"] <= height / 4, (name, bar)
        assert heading["y"] >= bar["y"] + bar["height"] - 1, f"{name}: hidden under the bar"
    page.screenshot(path=str(ARTIFACTS / f"sections-{screen}-scrolled.png"))
