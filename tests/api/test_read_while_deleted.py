"""A person deleted while their record is being read is gone (404), never a menu or an assessment
built from part of the record.

Deterministic, not a race: the app runs under a real uvicorn server in this process, and a hook on
its store's engine holds the request that reads the record just before its last query (the muscle
measurements; each earlier list query checks first that the person exists), until a second, real
HTTP request has deleted the person. Before the fix the held request read no measurements after the
delete and answered 200 from the rest: on SQLite each SELECT ran on its own, on PostgreSQL each
statement took a new snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event

from b12.api.app import create_app
from b12.settings import Settings
from tests.api.in_process import serving
from tests.fixtures.server import JSON_POST
from tests.store.conftest import database_url

SALMON = "ndb:15085"
__all__ = ["database_url"]  # the store tests' fixture: an empty database on each engine

WAIT_S = 30  # a bound, never reached when the code works: the hook is released by the test


class HoldLastRead:
    """Holds the first query of the measurements table until released; later queries pass."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM measurements" in statement and not self.reached.is_set():
            self.reached.set()
            assert self.release.wait(WAIT_S), "the test never released the held read"


@contextmanager
def held_last_read(app: FastAPI) -> Iterator[HoldLastRead]:
    hold = HoldLastRead()
    engine = app.state.store.engine
    event.listen(engine, "before_cursor_execute", hold)
    try:
        yield hold
    finally:
        hold.release.set()
        event.remove(engine, "before_cursor_execute", hold)


def _person_with_a_record(client: httpx.Client) -> str:
    person = {"label": "HELD-1", "age": 72, "sex": "female", "diet": "omnivore"}
    created = client.post("/api/persons", json=person)
    assert created.status_code == 201, created.text
    url = f"/api/persons/{created.json()['id']}"
    entries = [{"date": "2026-03-01", "meal": "lunch", "food": SALMON, "amount": 100}]
    assert client.post(f"{url}/diary", json=entries).status_code == 201
    grip = [{"kind": "grip_strength", "value": 14, "unit": "kg", "date": "2026-03-01"}]
    assert client.post(f"{url}/measurements", json=grip).status_code == 201
    return url


READS = {
    "menu": lambda client, url: client.get(f"{url}/menu", params={"days": 1}),
    "assessment": lambda client, url: client.post(f"{url}/assessments", headers=JSON_POST),
}


@pytest.mark.parametrize("read", sorted(READS))
def test_a_person_deleted_mid_read_is_a_404_not_an_answer_from_part_of_the_record(
    database_url: str, read: str
) -> None:
    app = create_app(Settings(database_url=database_url))
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT_S) as client:
        url = _person_with_a_record(client)
        assert READS[read](client, url).status_code in (200, 201)  # the record reads whole
        with held_last_read(app) as hold, ThreadPoolExecutor(1) as pool:
            answer = pool.submit(READS[read], client, url)
            assert hold.reached.wait(WAIT_S), "the read never reached the measurements"
            assert client.delete(url).status_code == 204  # while the first request is held
            hold.release.set()
            held = answer.result(timeout=WAIT_S)
    assert held.status_code == 404, held.text[:300]
    assert held.headers["content-type"] == "application/problem+json"
    assert held.json()["detail"].startswith("no person with id")
