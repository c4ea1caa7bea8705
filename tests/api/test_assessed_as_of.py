"""Stored persons are judged as of the clinic's today (red team round 6, p13/p14), on real servers:
without a visit date (`assessed_on`) a years-old normal B12 is history, never "deficiency unlikely";
a visit date keeps its meaning (moved on by later results); the web page says the date; the date
comes from one clock (B12_TODAY on the test servers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.api.test_api import new_person
from tests.fixtures.server import JSON_POST, TEST_TODAY, Server, start_server

NORMAL_B12 = {"analyte": "b12", "value": 450, "unit": "pg/mL"}
METFORMIN = [{"name": "metformin", "start_date": "2015-01-01"}]
LATER = dt.date(2028, 6, 1)  # the clock of a second server: 19 months after a 2026-11 result


@pytest.fixture(scope="module")
def later_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """b12 serve whose today (B12_TODAY) is LATER."""
    folder = tmp_path_factory.mktemp("later")
    env = {"B12_TODAY": LATER.isoformat()}
    running = start_server(f"sqlite:///{folder / 'b12.sqlite3'}", folder / "server.log", env=env)
    yield running
    running.stop()


def person_with_b12(client: httpx.Client, label: str, day: str, **extra: Any) -> int:
    person_id: int = new_person(client, label, medications=METFORMIN, **extra)["id"]
    lab = client.post(f"/api/persons/{person_id}/labs", json=[NORMAL_B12 | {"date": day}])
    assert lab.status_code == 201, lab.text
    return person_id


def judgment(client: httpx.Client, person_id: int) -> dict[str, Any]:
    stored = client.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST)
    assert stored.is_success, stored.text
    found: dict[str, Any] = stored.json()["result"]["status"]["judgment"]
    return found


def as_of_line(client: httpx.Client, person_id: int) -> str:
    page = client.get(f"/persons/{person_id}")
    assert page.status_code == 200
    line = page.text.split('id="overview-as-of">', 1)[1].split("</p>", 1)[0]
    return line


@pytest.mark.parametrize("day", ["2023-01-10", "2025-03-01"])
def test_an_old_normal_result_is_history_today(client: httpx.Client, day: str) -> None:
    person_id = person_with_b12(client, f"OLD-{day}", day)
    found = judgment(client, person_id)
    assert found["level"] == "cannot_judge"
    assert "unlikely" not in found["headline"]
    assert "total_b12" in [t["test"] for t in found["next_tests"]]
    assert as_of_line(client, person_id) == (
        f"As of {TEST_TODAY.isoformat()} (today): the age of each result counts to this date."
    )


def test_a_recent_normal_result_is_current(client: httpx.Client) -> None:
    person_id = person_with_b12(client, "RECENT", "2026-11-02")
    assert judgment(client, person_id)["level"] == "deficiency_unlikely"
    assert as_of_line(client, person_id).startswith(f"As of {TEST_TODAY.isoformat()} (today)")


def test_a_visit_date_keeps_its_meaning_and_later_results_move_it(client: httpx.Client) -> None:
    person_id = person_with_b12(client, "VISIT", "2024-05-20", assessed_on="2024-06-01")
    assert judgment(client, person_id)["level"] == "deficiency_unlikely"  # current at the visit
    assert as_of_line(client, person_id).startswith("As of 2024-06-01:")
    later = client.post(
        f"/api/persons/{person_id}/labs", json=[NORMAL_B12 | {"date": "2026-11-02"}]
    )
    assert later.status_code == 201, later.text
    assert judgment(client, person_id)["level"] == "deficiency_unlikely"
    assert as_of_line(client, person_id).startswith("As of 2026-11-02:")


def test_the_judgment_follows_the_servers_clock(later_server: Server) -> None:
    with httpx.Client(base_url=later_server.url, timeout=30) as client:
        person_id = person_with_b12(client, "CLOCK", "2026-11-02")
        found = judgment(client, person_id)
        assert found["level"] == "cannot_judge"
        assert as_of_line(client, person_id).startswith(f"As of {LATER.isoformat()} (today)")


def test_a_server_with_a_fixed_date_says_so_when_it_starts(later_server: Server) -> None:
    """B12_TODAY is for tests and demonstrations: a server started with it warns (a production
    server left on a fixed date would read old results as current)."""
    assert f"B12_TODAY is set to {LATER.isoformat()}" in later_server.output()
