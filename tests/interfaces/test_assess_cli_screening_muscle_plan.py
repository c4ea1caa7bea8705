"""`b12 assess`: screening, muscle and plan sections, --muscle-criteria, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from b12.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
B12 = Path(sys.executable).parent / "b12"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["assess", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_has_screening_muscle_and_plan_with_cited_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = run_json(capsys, str(EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml"))
    assert {"status", "screening", "muscle", "plan", "rules", "disclaimer"} <= set(doc)
    muscle = doc["muscle"]
    assert isinstance(muscle, dict)
    assert (muscle["criteria"], muscle["stage"]) == ("ewgsop2", "probable")
    plan = doc["plan"]
    assert isinstance(plan, dict)
    for item in plan["items"]:
        assert {"id", "text", "reason", "rules", "sources"} <= set(item)
        assert item["sources"] and all(s["citation"] for s in item["sources"])
    listed = {r["id"] for r in doc["rules"]}  # type: ignore[attr-defined, index]
    assert {r for item in plan["items"] for r in item["rules"]} <= listed


@pytest.mark.parametrize(
    ("criteria", "stage"),
    [("ewgsop2", "no_sarcopenia"), ("awgs2019", "severe"), ("fnih", "no_sarcopenia")],
)
def test_muscle_criteria_option_selects_the_criteria_set(
    capsys: pytest.CaptureFixture[str], criteria: str, stage: str
) -> None:
    doc = run_json(
        capsys, str(EXAMPLES / "awgs-older-woman-bia.yaml"), "--muscle-criteria", criteria
    )
    assert doc["muscle"] == doc["muscle"] | {"criteria": criteria, "stage": stage}  # type: ignore[operator]


def test_terminal_report_has_sections_and_a_patient_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = str(EXAMPLES / "neurological-symptoms-low-b12.yaml")
    assert main(["assess", example, "--verbose"]) == 0
    out = capsys.readouterr().out
    for title in ("In short", "Screening", "Muscle", "Your plan", "Rules and sources"):
        assert title in out
    assert "urgently" in out
    assert "Decision support, not a diagnosis" in out


BAD = {
    "negative-grip.json": (
        {"age": 70, "sex": "male", "muscle": {"grip_strength_kg": -3}},
        "muscle.grip_strength_kg",
    ),
    "pregnant-male.json": ({"age": 30, "sex": "male", "pregnant": True}, "pregnant"),
    "age-200.json": ({"age": 200, "sex": "female"}, "age"),
    "sarc-f-3.json": (
        {
            "age": 70,
            "sex": "female",
            "muscle": {
                "sarc_f": {
                    "strength": 0,
                    "assistance_walking": 0,
                    "rise_from_chair": 3,
                    "climb_stairs": 0,
                    "falls": 0,
                }
            },
        },
        "muscle.sarc_f.rise_from_chair",
    ),
    "unknown-muscle-field.json": (
        {"age": 70, "sex": "female", "muscle": {"grip": 20}},
        "muscle.grip",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data, field = BAD[name]
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["assess", str(path)]) == 2
    assert field in capsys.readouterr().err


def test_unknown_muscle_criteria_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", str(EXAMPLES / "healthy-omnivore.yaml"), "--muscle-criteria", "xyz"])
    assert code == 2


@pytest.mark.skipif(not B12.exists(), reason="console script not installed in this environment")
def test_real_subprocess_run_of_the_installed_command() -> None:
    done = subprocess.run(
        [
            str(B12),
            "assess",
            str(EXAMPLES / "pregnant-vegan-untested.yaml"),
            "--json",
            "--muscle-criteria",
            "awgs2019",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["screening"]["recommendation"] == "offer_test"
    assert doc["muscle"]["criteria"] == "awgs2019"
    assert doc["plan"]["items"][0]["id"] == "referral.pregnancy"


@pytest.mark.skipif(not B12.exists(), reason="console script not installed in this environment")
def test_real_subprocess_bad_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(BAD["negative-grip.json"][0]), encoding="utf-8")
    done = subprocess.run(
        [str(B12), "assess", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "muscle.grip_strength_kg" in done.stderr
