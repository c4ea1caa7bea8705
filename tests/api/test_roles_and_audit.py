"""Issue 13 item 8: roles (admin, clinician, read-only), the audit trail, token expiry and rotation.

Any token could read, change and delete every record. Now: **read-only** reads and exports,
**clinician** also creates and corrects, **admin** also deletes persons, manages users and reads
the audit trail. Every read and change is audited with ids only. Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import httpx

from tests.api.access import Clinic, audit, create_user, csrf_of, sign_in
from tests.fixtures.server import b12, start_server

LABEL = "ROLE-TEST-4471"
LAB = {"analyte": "b12", "value": 233.5, "unit": "pg/mL", "date": "2026-01-02"}


def test_each_role_may_do_only_what_it_allows(clinic: Clinic) -> None:
    with httpx.Client(base_url=clinic.server.url, timeout=30) as http:
        reader, clinician, admin = (clinic.bearer(r) for r in ("read-only", "clinician", "admin"))
        person = {"label": LABEL, "age": 61, "sex": "female"}
        refused = http.post("/api/persons", json=person, headers=reader)
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"].endswith("#forbidden")
        assert "clinician" in refused.json()["detail"]
        made = http.post("/api/persons", json=person, headers=clinician)
        assert made.status_code == 201
        pid = made.json()["id"]
        assert http.post(f"/api/persons/{pid}/labs", json=[LAB], headers=clinician).is_success
        assert (
            http.patch(f"/api/persons/{pid}", json={"age": 62}, headers=reader).status_code == 403
        )
        assert http.patch(f"/api/persons/{pid}", json={"age": 62}, headers=clinician).is_success
        assessed = http.post(f"/api/persons/{pid}/assessments", headers=clinician)
        assert assessed.status_code == 201
        report = f"/api/persons/{pid}/assessments/{assessed.json()['id']}/report.pdf"
        assert http.get(report, headers=reader).status_code == 200  # read-only exports
        assert http.get(f"/api/persons/{pid}", headers=reader).status_code == 200
        assert http.delete(f"/api/persons/{pid}", headers=clinician).status_code == 403
        assert http.get(f"/api/persons/{pid}", headers=reader).status_code == 200  # still there
        assert http.delete(f"/api/persons/{pid}", headers=admin).status_code == 204
        assert http.get(f"/api/persons/{pid}", headers=reader).status_code == 404
    events = audit(clinic.database_url, "--record", f"person:{pid}")
    seen = {(e["actor"], e["action"], e["record_type"], e["record_id"]) for e in events}
    assert ("clinician", "create", "person", pid) in seen
    assert ("clinician", "update", "person", pid) in seen
    assert ("readonly", "read", "person", pid) in seen
    assert ("admin", "delete", "person", pid) in seen
    assert not any(e["actor"] == "clinician" and e["action"] == "delete" for e in events)
    lab_events = audit(clinic.database_url, "--user", "clinician", "--action", "create")
    assert any(e["record_type"] == "lab" and e["person_id"] == pid for e in lab_events)
    for event in events:
        assert dt.datetime.fromisoformat(event["at"]).tzinfo is not None
        text = str(event)
        assert LABEL not in text and "233.5" not in text and "2026-01-02" not in text


def test_the_audit_trail_is_exported_as_csv_and_filtered_by_time(clinic: Clinic) -> None:
    since = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).isoformat()
    until = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).date().isoformat()
    httpx.get(f"{clinic.server.url}/api/persons", headers=clinic.bearer("read-only"))
    assert audit(clinic.database_url, "--since", since, "--user", "readonly")
    assert audit(clinic.database_url, "--until", until) == []
    exported = b12("audit", "--csv", "--database-url", clinic.database_url)
    assert exported.returncode == 0, exported.stderr
    header = exported.stdout.splitlines()[0]
    assert header == "id,at,actor,role,action,record_type,record_id,person_id"


def test_only_admins_read_the_audit_page(clinic: Clinic) -> None:
    for role in ("read-only", "clinician"):
        with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
            sign_in(browser, clinic.tokens[role])
            assert browser.get("/audit").status_code == 403
            assert browser.get("/audit.csv").status_code == 403
    with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
        sign_in(browser, clinic.tokens["admin"])
        assert 'href="/audit"' in browser.get("/persons").text
        page = browser.get("/audit", params={"user": "readonly", "action": "read"})
        assert page.status_code == 200 and "readonly" in page.text
        assert "no-store" in page.headers["cache-control"]
        exported = browser.get("/audit.csv", params={"user": "readonly"})
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith("text/csv")
        rows = exported.text.splitlines()
        assert rows[0].startswith("id,at,actor") and all(",readonly," in r for r in rows[1:])


def test_a_rotated_token_replaces_the_old_one_at_once(clinic: Clinic) -> None:
    old = create_user(clinic.database_url, "rota", "read-only")
    url = f"{clinic.server.url}/api/persons"
    assert httpx.get(url, headers={"Authorization": f"Bearer {old}"}).status_code == 200
    rotated = b12("users", "rotate", "rota", "--database-url", clinic.database_url)
    assert rotated.returncode == 0, rotated.stderr
    assert "shown once" in rotated.stdout
    new = rotated.stdout.strip().splitlines()[-1]
    assert new != old and new.startswith("b12_")
    assert httpx.get(url, headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert httpx.get(url, headers={"Authorization": f"Bearer {new}"}).status_code == 200
    listed = b12("users", "list", "--database-url", clinic.database_url).stdout
    assert any(line.split()[:2] == ["rota", "read-only"] for line in listed.splitlines())


def test_a_read_only_user_cannot_change_records_from_the_web(clinic: Clinic) -> None:
    """A read-only user signs in and sees the records; a form that would change them is refused."""
    with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
        sign_in(browser, clinic.tokens["read-only"])
        page = browser.get("/persons")
        assert page.status_code == 200 and 'href="/audit"' not in page.text
        form = {"csrf_token": csrf_of(page.text), "label": "RO", "age": "50", "sex": "male"}
        assert browser.post("/persons", data=form).status_code == 403


def test_tokens_expire_after_the_configured_lifetime(tmp_path: Path) -> None:
    database = tmp_path / "b12.sqlite3"
    url = f"sqlite:///{database}"
    fresh = create_user(url, "fresh", "read-only")
    stale = create_user(url, "stale", "read-only")
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=91)).isoformat(sep=" ")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE users SET token_issued_at = ? WHERE name = 'stale'", (old,))
    for lifetime, stale_status in (("120", 200), ("", 401)):  # "": the default, 90 days
        env = {"B12_TOKEN_LIFETIME_DAYS": lifetime} if lifetime else {}
        server = start_server(url, tmp_path / f"server{lifetime}.log", host="0.0.0.0", env=env)
        try:
            api = f"{server.url}/api/persons"
            assert httpx.get(api, headers={"Authorization": f"Bearer {fresh}"}).status_code == 200
            answer = httpx.get(api, headers={"Authorization": f"Bearer {stale}"})
            assert answer.status_code == stale_status, lifetime
        finally:
            server.stop()
    assert "expired" in answer.json()["detail"]
    listed = b12("users", "list", "--database-url", url).stdout
    assert "expired" in next(line for line in listed.splitlines() if line.startswith("stale"))


def test_on_loopback_every_request_is_the_local_admin_and_audited(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    server = start_server(url, tmp_path / "server.log")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            pid = http.post("/api/persons", json={"label": LABEL, "age": 40, "sex": "male"}).json()[
                "id"
            ]
            assert http.delete(f"/api/persons/{pid}").status_code == 204
    finally:
        server.stop()
    events = audit(url, "--record", f"person:{pid}")
    assert {(e["actor"], e["role"], e["action"]) for e in events} == {
        ("local-admin", "admin", "create"),
        ("local-admin", "admin", "delete"),
    }
