"""The persons list as the clinic's worklist (issue 16 item 2), on a real server: each filter
gives exactly the persons seeded for it; sorting and paging."""

from __future__ import annotations

import datetime as dt
import re

import httpx

from b12.services.followup import add_months
from tests.fixtures.server import TEST_TODAY

TODAY = TEST_TODAY  # the server's today (B12_TODAY), which the worklist's due dates count to
STARTED = add_months(TODAY, -4)  # treatment started 4 months ago: the 3-month review is due
LOW_B12 = {
    "analyte": "b12",
    "value": 100,
    "unit": "pmol/L",
    "date": (STARTED - dt.timedelta(days=7)).isoformat(),
}
TREATED = {"name": "cyanocobalamin", "start_date": STARTED.isoformat()}


def _person(
    client: httpx.Client, label: str, body: dict[str, object], labs: list[dict[str, object]]
) -> None:
    made = client.post("/api/persons", json={"label": label, **body})
    assert made.status_code == 201, made.text
    url = f"/api/persons/{made.json()['id']}"
    if labs:
        assert client.post(f"{url}/labs", json=labs).status_code == 201
    assert client.post(
        f"{url}/assessments", headers={"content-type": "application/json"}
    ).is_success


def seed(client: httpx.Client) -> None:
    older = {"age": 72, "sex": "female"}
    _person(client, "WL-URGENT", {**older, "symptoms": ["tingling feet"]}, [LOW_B12])
    _person(client, "WL-TREATED", {**older, "medications": [TREATED]}, [LOW_B12])
    after = {**LOW_B12, "value": 300, "date": TODAY.isoformat()}
    _person(client, "WL-FOLLOWED", {**older, "medications": [TREATED]}, [LOW_B12, after])
    # at risk (over 50), never tested, and never assessed: the worklist assesses for the row
    assert client.post("/api/persons", json={"label": "WL-UNTESTED", **older}).status_code == 201
    young = {"analyte": "b12", "value": 400, "unit": "pmol/L", "date": TODAY.isoformat()}
    _person(client, "WL-FINE", {"age": 30, "sex": "male", "diet": "omnivore"}, [young])


def labels(client: httpx.Client, query: str) -> list[str]:
    page = client.get(f"/persons?q=WL-&{query}")
    assert page.status_code == 200, page.text
    return re.findall(r'<a href="/persons/\d+">(WL-[A-Z]+)</a>', page.text)


EXPECTED = {
    "urgent": {"WL-URGENT"},
    # the follow-up result (300 pmol/L) leaves WL-FOLLOWED's plan without a re-test
    "retest_due": {"WL-TREATED"},
    "at_risk_untested": {"WL-UNTESTED"},
    "treated_no_follow_up": {"WL-TREATED"},
    "all": {"WL-URGENT", "WL-TREATED", "WL-FOLLOWED", "WL-UNTESTED", "WL-FINE"},
}


def test_each_filter_finds_exactly_its_persons_sorted_and_paged(client: httpx.Client) -> None:
    seed(client)
    for show, expected in EXPECTED.items():
        found = labels(client, f"show={show}")
        assert sorted(found) == sorted(expected), show
    assert labels(client, "sort=urgency")[0] == "WL-URGENT"
    assert labels(client, "sort=label") == sorted(EXPECTED["all"])
    page = client.get("/persons?q=WL-&show=retest_due").text
    assert f"{add_months(STARTED, 3).isoformat()} <strong>(due)</strong>" in page
    refused = client.get("/persons?show=everyone-now")
    assert refused.status_code == 422 and len(refused.text) < 20_000
