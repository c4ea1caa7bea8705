"""A fault of b12 (an answer 500) is logged with its traceback, without the request's data.

The app runs under a real uvicorn server in a thread of this process (so its log is captured),
with two extra routes that fail on purpose: one raises a plain exception, one a ``B12Error`` that
has no status of its own (as the menu's self-check does). Each answers a 500 problem, and the log
holds a traceback naming the handler, but not the exception's text nor the URL's record id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from b12.api.app import create_app
from b12.errors import B12Error
from b12.settings import Settings
from tests.api import in_process

SECRET = "QX-FAULT-7731"  # stands for a label or value that reached an exception's text
RECORD_ID = 48151623


def _plain_fault(person_id: int) -> None:
    raise RuntimeError(f"person {person_id} labelled {SECRET}") from KeyError(SECRET)


def _b12_fault(person_id: int) -> None:
    raise B12Error(f"self-check failed for {SECRET} ({person_id})")


class Lines(logging.Handler):
    """Collects the records of uvicorn's error log and b12's API log."""

    LOGGERS = ("uvicorn.error", "b12.api")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def attach(self) -> None:
        """Called once uvicorn has started: its logging set-up removes the handlers it finds."""
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)

    def detach(self) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)  # with exc_info, the traceback and the exception's text
        self.lines.append(f"{record.name} {record.levelname} {text}")


@contextmanager
def serving(app: FastAPI, log: Lines) -> Iterator[str]:
    """``app`` under uvicorn in a thread, logging to ``log``."""
    with in_process.serving(app) as url:
        log.attach()  # once uvicorn has started: its logging set-up removes the handlers it finds
        try:
            yield url
        finally:
            log.detach()


@pytest.mark.parametrize(
    ("handler", "kind"),
    [(_plain_fault, "builtins.RuntimeError"), (_b12_fault, "b12.errors.B12Error")],
)
def test_a_fault_is_a_500_problem_logged_with_its_traceback_and_no_data(
    tmp_path: Path, handler: object, kind: str
) -> None:
    log = Lines()
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'b12.sqlite3'}"))
    app.add_api_route("/api/fault/{person_id}", handler, methods=["GET"])  # type: ignore[arg-type]
    with serving(app, log) as url:
        answer = httpx.get(f"{url}/api/fault/{RECORD_ID}", timeout=30)
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["detail"] == "internal error in b12; please report it"
    assert SECRET not in answer.text
    text = "\n".join(log.lines)
    assert "Traceback (most recent call last)" in text, text
    assert f"internal error: {kind.rsplit('.', 1)[1]} in GET /api/fault/{{person_id}}" in text
    assert f"{handler.__name__}" in text  # type: ignore[attr-defined]
    assert f"{kind} (text not logged)" in text
    assert SECRET not in text and str(RECORD_ID) not in text, text
    assert "Exception in ASGI application" not in text  # uvicorn's own record, with the text
    if handler is _plain_fault:  # the cause is logged too, before the fault it caused
        assert text.index("builtins.KeyError") < text.index("builtins.RuntimeError")
