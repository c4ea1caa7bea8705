"""The same server on a real PostgreSQL database (`b12 serve --database-url postgresql+psycopg://`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from tests.fixtures.server import JSON_POST, start_server


def test_records_round_trip_through_a_server_on_postgresql(
    make_postgres_database: Callable[[], str], tmp_path: Path
) -> None:
    server = start_server(make_postgres_database(), tmp_path / "server.log")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            person = client.post("/api/persons", json={"label": "PG-1", "age": 60, "sex": "male"})
            assert person.status_code == 201, person.text
            url = f"/api/persons/{person.json()['id']}"
            panel = [{"analyte": "holotc", "value": 18, "unit": "pmol/L", "date": "2026-01-02"}]
            assert client.post(f"{url}/labs", json=panel).status_code == 201
            assessment = client.post(f"{url}/assessments", headers=JSON_POST).json()
            level = assessment["result"]["status"]["judgment"]["level"]
            assert level == "deficiency_likely"  # holoTC 18 pmol/L: below NG239's 25
            assert client.get(f"{url}/assessments").json() == [assessment]
            assert "PG-1" in client.get("/persons").text
    finally:
        server.stop()
