"""A full journey with every logger at DEBUG: no label, date of birth, lab value or medicine logged.

The journey: `b12 assess EXAMPLE --json` in-process; a real uvicorn server (in a thread of this
process, so its loggers are captured) driven with httpx: create a person, add labs, assess, fetch
the report; and a CDS Hooks call with the example FHIR record. Root, uvicorn and httpx loggers are
all set to DEBUG and captured with one handler.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from b12.api.app import create_app
from b12.cli.main import main
from b12.settings import Settings
from tests.api.in_process import serving
from tests.cds_hooks.requests import full_prefetch, hook_request
from tests.conftest import EXAMPLES
from tests.fixtures.postgres import free_port
from tests.fixtures.server import JSON_POST

LOGGERS = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "httpcore", "b12"]
EXAMPLE = EXAMPLES / "metformin-74y-borderline.json"
LABEL = "QX-PRIV-8841"
API_LABS = [
    {"analyte": "b12", "value": 187.35, "unit": "pg/mL", "date": "2026-02-17"},
    {"analyte": "holotc", "value": 31.7, "unit": "pmol/L", "date": "2026-02-17"},
]
# From the example person file, the API journey and the FHIR example (birthDate, labs, medicines).
SECRETS = [
    LABEL,
    "187.35",
    "31.7",
    "2026-02-17",
    "63.25",
    "Esomeprazole-Priv",
    "1952-06-15",
    "265",
    "0.42",
    "16.5",
    "8.1",
    "0.95",
    "metformin",
    "ramipril",
    "2020-03-01",
    "2026-11-02",
]


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {self.format(record)}")

    def attach(self) -> None:
        """Set every logger of the journey to DEBUG and send it here (idempotent)."""
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(logging.DEBUG)
            if self not in logger.handlers:
                logger.addHandler(self)


@pytest.fixture
def captured() -> Iterator[Collect]:
    handler = Collect()
    saved = {name: logging.getLogger(name).level for name in LOGGERS}
    handler.attach()
    yield handler
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(saved[name])


@pytest.fixture
def server(tmp_path: Path, captured: Collect) -> Iterator[str]:
    """b12's app under uvicorn in a thread, configured as `b12 serve` does but at DEBUG."""
    port = free_port()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'b12.sqlite3'}", port=port)
    with serving(create_app(settings), log_level="debug", port=port) as url:
        captured.attach()  # uvicorn sets its loggers up at start-up
        yield url


def _journey(url: str) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        person = client.post(
            "/api/persons",
            json={
                "label": LABEL,
                "age": 63.25,
                "sex": "female",
                "medications": [{"name": "Esomeprazole-Priv"}],
            },
        )
        assert person.status_code == 201, person.text
        pid = person.json()["id"]
        assert client.post(f"/api/persons/{pid}/labs", json=API_LABS).status_code == 201
        assessment = client.post(f"/api/persons/{pid}/assessments", headers=JSON_POST)
        assert assessment.is_success, assessment.text  # 200: kept when the labs were added
        aid = assessment.json()["id"]
        report = client.get(f"/persons/{pid}/assessments/{aid}/report.html")
        assert report.status_code == 200 and LABEL in report.text
        bad = client.post(f"/api/persons/{pid}/labs", json=[{**API_LABS[0], "unit": "kg"}])
        assert bad.status_code == 422
        hook = client.post(
            "/cds-services/b12-patient-view", json=hook_request(prefetch=full_prefetch())
        )
        assert hook.status_code == 200, hook.text
        assert client.post("/api/assess", json=json.loads(EXAMPLE.read_text())).status_code == 200


def _whole(token: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(token)}(?![\w.])", re.IGNORECASE)


def test_a_full_journey_logs_no_personal_values(
    captured: Collect, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(EXAMPLE), "--json"]) == 0
    assert "metformin" in capsys.readouterr().out  # the user sees their data; the log does not
    _journey(server)
    lines = captured.lines
    assert any(line.startswith("uvicorn") for line in lines)  # uvicorn's DEBUG lines were captured
    # b12's FHIR client filters httpx's request-URL lines once it is used: httpcore still logs
    assert any(line.startswith(("httpx", "httpcore")) for line in lines)
    assert any(line.startswith("b12.cds_hooks") for line in lines)
    leaks = [(s, line) for s in SECRETS for line in lines if _whole(s).search(line)]
    assert not leaks, leaks
