"""A stored assessment made by older judgment rules is re-assessed on view (issue 12), or marked
stale when its input can no longer be assessed; the stored row itself is never changed."""

from __future__ import annotations

from typing import Any

import httpx

from b12.core.status.judgment import JUDGMENT_VERSION
from b12.data.store import Store
from b12.data.store import repository as repo
from b12.services.assess import assess_file
from tests.api.test_records_api import file_data
from tests.conftest import EXAMPLES
from tests.fixtures.server import JSON_POST, Server

NITROUS = EXAMPLES / "nitrous-oxide-tingling.yaml"
# What b12 stored before the one judgment: a per-marker interpretation (issue 12, case 1).
LEGACY_STATUS = {
    "interpretation": {"conclusion": "adequate", "summary": "Your B12 status looks adequate"},
    "next_tests": [],
}


def _store_legacy(server: Server, person_id: int, input_data: dict[str, Any]) -> int:
    store = Store(f"sqlite:///{server.log.parent / 'b12.sqlite3'}")
    with store.transaction() as session:
        row = repo.add_assessment(
            session,
            person_id,
            b12_version="0.0.9",
            rule_ids=["nice-ng239.total-b12"],
            input_data=input_data,
            result={"b12_version": "0.0.9", "status": LEGACY_STATUS},
        )
        return row.id


def test_an_assessment_from_before_the_one_judgment_is_reassessed_on_view(
    server: Server, client: httpx.Client
) -> None:
    body = {"label": "STALE-1", "person": file_data(NITROUS)}
    person_id = client.post("/api/persons/import", json=body).json()["id"]
    current = client.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST).json()
    assert current["shown"] == "as_stored" and current["stored_result"] is None
    legacy_id = _store_legacy(server, person_id, current["input"])

    shown = client.get(f"/api/persons/{person_id}/assessments/{legacy_id}").json()
    expected = assess_file(NITROUS).status.judgment
    judgment = shown["result"]["status"]["judgment"]
    assert shown["shown"] == "reassessed"
    assert shown["b12_version"] == "0.0.9"  # what stored it is still said
    assert shown["stored_result"]["status"] == LEGACY_STATUS  # and what it said is kept beside
    assert judgment["version"] == JUDGMENT_VERSION
    assert (judgment["level"], judgment["urgency"]) == (expected.level, expected.urgency)
    listed = client.get(f"/api/persons/{person_id}/assessments").json()
    assert {a["id"]: a["shown"] for a in listed}[legacy_id] == "reassessed"

    page = client.get(f"/persons/{person_id}/assessments/{legacy_id}").text
    assert "shown re-assessed from the same results" in page
    assert "looks adequate" not in page and expected.headline in page
    person_page = client.get(f"/persons/{person_id}").text
    assert "(re-assessed with the current rules)" in person_page
    report = client.get(f"/persons/{person_id}/assessments/{legacy_id}/report.html").text
    assert "shown re-assessed from the same results" in report and expected.headline in report


def test_an_old_assessment_whose_input_no_longer_reads_is_marked_stale(
    server: Server, client: httpx.Client
) -> None:
    body = {"label": "STALE-2", "person": file_data(NITROUS)}
    person_id = client.post("/api/persons/import", json=body).json()["id"]
    client.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST)
    legacy_id = _store_legacy(server, person_id, {"age": "not a number", "sex": "female"})

    shown = client.get(f"/api/persons/{person_id}/assessments/{legacy_id}").json()
    assert shown["shown"] == "stale"
    assert shown["result"]["status"] == LEGACY_STATUS  # shown as stored, and marked
    page = client.get(f"/persons/{person_id}/assessments/{legacy_id}").text
    assert "Stale: stored by b12 0.0.9" in page and "looks adequate" not in page
    assert "<strong>stale</strong>" in client.get(f"/persons/{person_id}").text
    report = client.get(f"/persons/{person_id}/assessments/{legacy_id}/report.html")
    assert report.status_code == 409  # the stored assessment, not the request, cannot be used
