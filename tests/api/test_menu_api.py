"""`GET /api/persons/{id}/menu` on a real server: a stored person's menu, and short errors."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from benchmarks.bench_menu import fuzz_like_person

from b12.api.menu_schemas import MenuDocument
from b12.cli.main import main
from tests.fixtures.server import start_server


def test_menu_of_a_stored_person_is_the_cli_document(client: httpx.Client) -> None:
    person = {
        "age": 78,
        "sex": "female",
        "diet": "vegetarian",
        "muscle": {"weight_kg": 58, "height_m": 1.58},
    }
    created = client.post("/api/persons/import", json={"label": "MENU-1", "person": person})
    assert created.status_code == 201, created.text
    person_id = created.json()["id"]
    answer = client.get(
        f"/api/persons/{person_id}/menu", params={"days": 2, "exclude": ["peanut", "egg"]}
    )
    assert answer.status_code == 200, answer.text
    doc = answer.json()
    assert doc["feasible"] is True
    assert len(doc["days"]) == 2
    # The stored weight and height reach the targets: protein floor and Mifflin-St Jeor energy.
    assert any(t.startswith("protein at least 58 g") for t in doc["targets"]), doc["targets"]
    assert any("Mifflin-St Jeor" in t for t in doc["targets"])
    assert all(c["passed"] for c in doc["verification"])
    names = " ".join(f["name"] for d in doc["days"] for m in d["meals"] for f in m["foods"])
    assert "Egg" not in names and "Peanut" not in names
    assert any("Check the label" in n for n in doc["notes"])


def test_bad_days_and_unknown_person_are_short_problems(client: httpx.Client) -> None:
    too_many = client.get("/api/persons/1/menu", params={"days": 40})
    assert too_many.status_code == 422
    assert len(too_many.text) < 2000
    missing = client.get("/api/persons/999999/menu")
    assert missing.status_code == 404


EXAMPLES = sorted(Path("examples").glob("*.json")) + sorted(Path("examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_menu_model_holds_the_cli_json_of_every_example(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`b12 menu --json` of each example validates against MenuDocument, nothing lost or added."""
    code = main(["menu", str(example), "--days", "2", "--json"])
    produced = json.loads(capsys.readouterr().out)
    assert code == (0 if produced["feasible"] else 1)
    model = MenuDocument.model_validate(produced)
    assert model.model_dump(mode="json", exclude_unset=True) == produced


def test_openapi_documents_the_menu_response_with_an_example(client: httpx.Client) -> None:
    document = client.get("/api/openapi.json").json()
    get = document["paths"]["/api/persons/{person_id}/menu"]["get"]
    ok = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/MenuDocument"}
    schema = document["components"]["schemas"]["MenuDocument"]
    assert schema["examples"] and schema["additionalProperties"] is False
    MenuDocument.model_validate(schema["examples"][0])
    for code in ("404", "422"):
        assert list(get["responses"][code]["content"]) == ["application/problem+json"]


def test_the_route_answers_the_cli_document_for_the_same_person(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("examples/metformin-74y-borderline.json")
    person = json.loads(path.read_text())
    created = client.post("/api/persons/import", json={"label": "MENU-2", "person": person})
    assert created.status_code == 201, created.text
    answer = client.get(f"/api/persons/{created.json()['id']}/menu", params={"days": 2})
    assert answer.status_code == 200, answer.text
    assert main(["menu", str(path), "--days", "2", "--json"]) == 0
    assert answer.json() == json.loads(capsys.readouterr().out)
    MenuDocument.model_validate(answer.json())


def test_a_bad_exclusion_is_a_short_problem(client: httpx.Client) -> None:
    created = client.post(
        "/api/persons/import", json={"label": "MENU-3", "person": {"age": 40, "sex": "male"}}
    )
    answer = client.get(f"/api/persons/{created.json()['id']}/menu", params={"exclude": " "})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["field"] == "exclude"


def test_a_busy_server_refuses_more_menus_at_once_and_stays_responsive(
    tmp_path: Path,
) -> None:
    """With one menu slot (B12_MENU_SOLVES=1), a heavy menu being planned: `/api/health` answers
    within 1 s, a second menu is refused at once with 503 and Retry-After, and the heavy menu is
    the same bytes when planned again (the slot limits how many, never what)."""
    url = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    server = start_server(url, tmp_path / "server.log", env={"B12_MENU_SOLVES": "1"})
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            heavy = _stored(http, "HEAVY-1", fuzz_like_person())
            light = _stored(http, "LIGHT-1", {"age": 70, "sex": "female"})
            # A light menu asked just before the heavy one arrives holds the slot and the heavy
            # one is the refused one: then try again (a few times at most).
            for _ in range(ATTEMPTS):
                first, busy, health = _heavy_beside_light(server.url, heavy, light)
                if first.status_code == 200 and busy is not None and health:
                    break
            else:
                pytest.fail(f"no heavy menu held the slot while another was refused: {first}")
            assert busy.headers["retry-after"] == "5"
            assert busy.headers["content-type"].startswith("application/problem+json")
            assert busy.json()["type"].endswith("#busy")
            assert max(health) < 1.0, health
            doc = first.json()
            assert doc["feasible"], first.text
            assert doc["candidates"]["per_menu_limit"] == 480
            assert any("meal names" in n for n in doc["notes"])
            again = http.get(f"/api/persons/{heavy}/menu")
            assert again.content == first.content
            assert http.get(f"/api/persons/{light}/menu", params={"days": 1}).status_code == 200
            # The web page and its PDF take the same slots: an HTML 503, never a second solve.
            for _ in range(ATTEMPTS):
                first, busy, _ = _heavy_beside_light(
                    server.url, heavy, light, f"/persons/{light}/menu"
                )
                if first.status_code == 200 and busy is not None:
                    break
            else:
                pytest.fail(f"the web menu page was not refused while a menu was planned: {first}")
            assert busy.headers["retry-after"] == "5"
            assert busy.headers["content-type"].startswith("text/html")
            assert "Server busy" in busy.text
    finally:
        server.stop()


ATTEMPTS = 5
HEAD_START_S = 0.5  # the heavy request's time to be read and take its slot, at most


def _heavy_beside_light(
    url: str, heavy: int, light: int, light_path: str | None = None
) -> tuple[httpx.Response, httpx.Response | None, list[float]]:
    """The heavy menu's answer, a refused light menu (``light_path``, else its REST menu) asked
    while the heavy one was planned (if any), and the times of health checks that began and ended
    while it was planned."""
    light_path = light_path or f"/api/persons/{light}/menu"
    answers: dict[str, httpx.Response] = {}

    def plan() -> None:
        with httpx.Client(base_url=url, timeout=60) as own:
            answers["heavy"] = own.get(f"/api/persons/{heavy}/menu")

    solving = threading.Thread(target=plan)
    solving.start()
    busy = None
    health: list[float] = []
    with httpx.Client(base_url=url, timeout=60) as other:

        def check_health() -> None:
            start = time.perf_counter()
            assert other.get("/api/health").status_code == 200
            took = time.perf_counter() - start
            if solving.is_alive():  # began and ended while the heavy menu was planned
                health.append(took)

        # Health checks first (they take no menu slot), for the heavy request to reach its slot:
        # a light menu asked before that would take the slot and have the heavy one refused.
        head_start = time.monotonic() + HEAD_START_S
        while solving.is_alive() and time.monotonic() < head_start:
            check_health()
        while solving.is_alive() and busy is None:
            answer = other.get(light_path, params={"days": 1})
            busy = answer if answer.status_code == 503 else None
        while solving.is_alive():
            check_health()
    solving.join()
    return answers["heavy"], busy, health


def _stored(http: httpx.Client, label: str, person: dict[str, object]) -> int:
    created = http.post("/api/persons/import", json={"label": label, "person": person})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])
