"""Hostile input over HTTP, on SQLite and on PostgreSQL (issue 13, items 4 and 10, and the lows).

Each test runs against a real `b12 serve` on both databases: a NUL character is refused with a 422
problem naming the field (PostgreSQL cannot store one: it was a plain-text 500); free-form
measurement data is capped in depth and size (300 levels were stored, then broke the list for
good); lists are paginated; an unchanged person is not stored again on every assessment; every
answer says `Cache-Control: no-store`; a cross-site form cannot POST to the token-free API.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.fixtures.server import Server, b12, start_server

GRIP = {"kind": "grip_strength", "value": 45, "unit": "kg", "date": "2026-03-01"}
HOLOTC = {"analyte": "holotc", "value": 30, "unit": "pmol/L", "date": "2026-03-01"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh records database of each kind."""
    if request.param == "postgresql":
        make: Callable[[], str] = request.getfixturevalue("make_postgres_database")
        return make()
    return f"sqlite:///{tmp_path_factory.mktemp('hardening') / 'b12.sqlite3'}"


@pytest.fixture(scope="module")
def hardened(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, str]]:
    """`b12 serve` on loopback over that database; yields the server and the database URL."""
    running = start_server(database_url, tmp_path_factory.mktemp("log") / "server.log")
    yield running, database_url
    running.stop()


@pytest.fixture
def api(hardened: tuple[Server, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hardened[0].url, timeout=60) as http:
        yield http


def _person(api: httpx.Client, label: str = "H-1") -> int:
    made = api.post("/api/persons", json={"label": label, "age": 60, "sex": "female"})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _problem(answer: httpx.Response, status: int, field: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text[:500]
    assert answer.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = answer.json()
    assert body["field"] == field, body
    return body


# --- item 10: NUL characters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "payload", "field"),
    [
        ("post", "/api/persons", {"label": "N\x00UL", "age": 60, "sex": "male"}, "label"),
        (
            "post",
            "/api/persons",
            {"label": "N", "age": 60, "sex": "male", "conditions": ["a\x00"]},
            "conditions",
        ),
        (
            "post",
            "/api/persons/import",
            {"label": "N\x00", "person": {"age": 60, "sex": "male"}},
            "label",
        ),
        (
            "post",
            "/api/persons/import",
            {"label": "N", "person": {"age": 60, "sex": "male", "symptoms": ["x\x00"]}},
            "person",
        ),
    ],
)
def test_a_nul_character_in_a_person_is_a_422_naming_the_field(
    api: httpx.Client, method: str, path: str, payload: dict[str, Any], field: str
) -> None:
    body = _problem(api.request(method, path, json=payload), 422, field)
    assert "NUL" in body["detail"]


def test_a_nul_character_in_a_unit_or_a_search_is_a_422_naming_the_field(
    api: httpx.Client,
) -> None:
    person = f"/api/persons/{_person(api, 'NUL-U')}"
    _problem(
        api.post(f"{person}/labs", json=[{**HOLOTC, "unit": "pmol/L\x00"}]), 422, "body[0].unit"
    )
    _problem(
        api.post(f"{person}/measurements", json=[{**GRIP, "unit": "k\x00g"}]), 422, "body[0].unit"
    )
    bad_data = [{**GRIP, "data": {"hand\x00": "left"}}]
    _problem(api.post(f"{person}/measurements", json=bad_data), 422, "body[0].data")
    _problem(api.patch(person, json={"label": "x\x00"}), 422, "label")
    _problem(api.get("/api/persons", params={"q": "a\x00b"}), 422, "q")
    assert api.get(f"{person}/labs").json() == []  # nothing half-stored


def test_the_web_search_refuses_a_nul_character(api: httpx.Client) -> None:
    page = api.get("/persons", params={"q": "a\x00b"})
    assert page.status_code == 422, page.text[:300]
    assert "text/html" in page.headers["content-type"]


# --- item 4: free-form measurement data --------------------------------------------------------


def _nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _ in range(depth - 1):
        data = {"a": data}
    return data


def test_deeply_nested_or_large_measurement_data_is_refused(api: httpx.Client) -> None:
    url = f"/api/persons/{_person(api, 'DEEP')}/measurements"
    body = _problem(api.post(url, json=[{**GRIP, "data": _nested(300)}]), 422, "body[0].data")
    assert "deep" in body["detail"] and len(body["detail"]) < 200
    big = {"notes": "x" * 20_000}
    body = _problem(api.post(url, json=[{**GRIP, "data": big}]), 422, "body[0].data")
    assert "characters" in body["detail"] and "xxxxxxxxxx" not in body["detail"]
    assert api.get(url).status_code == 200
    ok = api.post(url, json=[{**GRIP, "data": {"hand": "left", "trials": [40, 44, 45]}}])
    assert ok.status_code == 201, ok.text


def test_measurement_data_already_stored_too_deep_is_listed_not_a_500(
    api: httpx.Client, hardened: tuple[Server, str]
) -> None:
    person_id = _person(api, "DEEP-OLD")
    engine = create_engine(hardened[1])
    with engine.begin() as connection:  # as an older b12 stored it
        connection.execute(
            text(
                "INSERT INTO measurements (person_id, kind, date, value, unit, data, created_at)"
                " VALUES (:p, 'grip_strength', :d, 40, 'kg', :data, :t)"
            ),
            {
                "p": person_id,
                "d": dt.date(2026, 3, 1),
                "data": json.dumps(_nested(300)),
                "t": dt.datetime.now(dt.UTC),
            },
        )
    engine.dispose()
    listed = api.get(f"/api/persons/{person_id}/measurements")
    assert listed.status_code == 200, listed.text[:300]
    assert listed.json()[0]["value"] == 40
    assert len(listed.text) < 2_000
    assert api.get(f"/persons/{person_id}").status_code == 200


# --- lows: pagination, unchanged assessments ---------------------------------------------------


def test_persons_are_paginated_with_a_total_and_a_next_link(api: httpx.Client) -> None:
    before = int(api.get("/api/persons", params={"limit": 1}).headers["x-total-count"])
    for n in range(205):
        _person(api, f"PAGE-{n:03d}")
    first = api.get("/api/persons", params={"q": "PAGE-", "limit": 100})
    assert first.status_code == 200
    assert len(first.json()) == 100
    assert first.headers["x-total-count"] == "205"
    assert 'rel="next"' in first.headers["link"] and "offset=100" in first.headers["link"]
    seen = [p["label"] for p in first.json()]
    for offset in (100, 200):
        page = api.get("/api/persons", params={"q": "PAGE-", "limit": 100, "offset": offset})
        seen += [p["label"] for p in page.json()]
    assert sorted(seen) == [f"PAGE-{n:03d}" for n in range(205)]
    assert "link" not in page.headers  # the last page has no next one
    assert int(api.get("/api/persons").headers["x-total-count"]) == before + 205
    _problem(api.get("/api/persons", params={"limit": 100_000}), 422, "limit")
    _problem(api.get("/api/persons", params={"offset": -1}), 422, "offset")


def test_assessments_are_paginated_and_an_unchanged_person_is_not_stored_again(
    api: httpx.Client,
) -> None:
    url = f"/api/persons/{_person(api, 'ASSESS')}"
    assert api.post(f"{url}/labs", json=[HOLOTC]).status_code == 201
    json_post = {"content-type": "application/json"}
    kept = api.get(f"{url}/assessments").json()  # adding a result keeps its assessment
    assert len(kept) == 1
    again = api.post(f"{url}/assessments", headers=json_post)
    assert again.status_code == 200, again.text  # nothing changed: the same stored assessment
    assert again.json()["id"] == kept[0]["id"]
    for n in range(25):  # each new result changes the input, so each is stored once
        lab = {**HOLOTC, "value": 31 + n, "date": f"2026-04-{n + 1:02d}"}
        assert api.post(f"{url}/labs", json=[lab]).status_code == 201
        # kept with the result when the conclusion changed (then 200 here), else here (201)
        assert api.post(f"{url}/assessments", headers=json_post).status_code in (200, 201)
    page = api.get(f"{url}/assessments")
    assert page.headers["x-total-count"] == "26"
    assert len(page.json()) == 20  # the default page
    assert 'rel="next"' in page.headers["link"]
    rest = api.get(f"{url}/assessments", params={"limit": 20, "offset": 20})
    ids = [a["id"] for a in page.json()] + [a["id"] for a in rest.json()]
    assert ids == sorted(set(ids), reverse=True) and len(ids) == 26
    _problem(api.get(f"{url}/assessments", params={"limit": 1000}), 422, "limit")


# --- lows: caching, cross-site POSTs, the PDF title -------------------------------------------


def test_personal_answers_are_not_cached(api: httpx.Client) -> None:
    person_id = _person(api, "NO-STORE")
    url = f"/api/persons/{person_id}"
    assert api.post(f"{url}/labs", json=[HOLOTC]).status_code == 201
    made = api.post(f"{url}/assessments", headers={"content-type": "application/json"}).json()
    for path in (
        url,
        "/api/persons",
        f"{url}/labs",
        f"{url}/assessments",
        f"{url}/assessments/{made['id']}/report.pdf",
        "/persons",
        f"/persons/{person_id}",
        f"/persons/{person_id}/assessments/{made['id']}/report.html",
        f"/persons/{person_id}/assessments/{made['id']}/report.pdf",
    ):
        answer = api.get(path)
        assert answer.status_code == 200, path
        assert answer.headers.get("cache-control") == "no-store", path


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"content-type": "application/x-www-form-urlencoded"},
        {"content-type": "text/plain"},
        {"content-type": "multipart/form-data; boundary=x"},
    ],
)
def test_a_cross_site_form_post_to_the_api_is_refused(
    api: httpx.Client, headers: dict[str, str]
) -> None:
    url = f"/api/persons/{_person(api, 'CSRF-API')}"
    assert api.post(f"{url}/labs", json=[HOLOTC]).status_code == 201
    kept = api.get(f"{url}/assessments").json()  # the one adding the result kept
    refused = api.post(f"{url}/assessments", headers=headers)
    assert refused.status_code == 415, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert api.get(f"{url}/assessments").json() == kept


def test_a_same_origin_browser_post_without_a_body_is_accepted(api: httpx.Client) -> None:
    # The API docs page (/api/docs) sends "assess now" without a body or a content type; the
    # browser marks it same-origin (a header no page can set). Cross-site is still refused.
    url = f"/api/persons/{_person(api, 'SAME-ORIGIN')}"
    assert api.post(f"{url}/labs", json=[HOLOTC]).status_code == 201
    cross = api.post(f"{url}/assessments", headers={"sec-fetch-site": "cross-site"})
    assert cross.status_code == 415
    same = api.post(f"{url}/assessments", headers={"sec-fetch-site": "same-origin"})
    assert same.status_code == 200, same.text  # accepted: the assessment kept with the result


def _pdf_titles(pdf: bytes) -> list[str]:
    """Every /Title in a PDF (document info and bookmarks), compressed object streams included."""
    text = pdf
    for start in re.finditer(rb"stream\r?\n", pdf):
        with contextlib.suppress(zlib.error):
            text += zlib.decompressobj().decompress(pdf[start.end() :])
    titles = []
    for raw in re.findall(rb"/Title\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)", text):
        if raw.startswith(b"<"):
            titles.append(bytes.fromhex(raw[1:-1].decode()).decode("utf-16"))
        else:
            titles.append(raw[1:-1].decode("latin-1"))
    return titles


def test_the_pdf_title_is_neutral(api: httpx.Client) -> None:
    url = f"/api/persons/{_person(api, 'SECRET-LABEL-PDF')}"
    assert api.post(f"{url}/labs", json=[HOLOTC]).status_code == 201
    made = api.post(f"{url}/assessments", headers={"content-type": "application/json"}).json()
    pdf = api.get(f"{url}/assessments/{made['id']}/report.pdf")
    assert pdf.status_code == 200
    titles = _pdf_titles(pdf.content)
    assert "b12 report" in titles, titles
    assert not [t for t in titles if "SECRET-LABEL-PDF" in t], titles


def test_the_503_problem_does_not_show_the_database_url(tmp_path: Path) -> None:
    records = tmp_path / "records.sqlite3"
    assert b12("db", "upgrade", "--database-url", f"sqlite:///{records}").returncode == 0
    server = start_server(f"sqlite:///file:{records}?mode=ro&uri=true", tmp_path / "log")
    try:
        made = httpx.post(
            f"{server.url}/api/persons", json={"label": "X", "age": 50, "sex": "male"}
        )
        assert made.status_code == 503, made.text
        assert "records.sqlite3" not in made.text and "sqlite" not in made.text
        assert str(tmp_path) not in made.text
    finally:
        server.stop()
