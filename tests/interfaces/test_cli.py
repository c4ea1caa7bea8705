"""The `b12` command: every example in text and JSON, the cb12 command, and every class of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from b12.cli.main import main
from b12.core.status.judgment import JUDGMENT_VERSION
from tests.conftest import EXAMPLES, PERSON_EXAMPLES

EXAMPLE_FILES = PERSON_EXAMPLES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_assess_every_example_in_text(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, err = run(capsys, "assess", str(example))
    assert code == 0, err
    assert "B12 judgment" in out and "not a diagnosis" in out and "--verbose" in out
    assert "Rules and sources" not in out
    code, out, err = run(capsys, "assess", str(example), "--verbose")
    assert code == 0, err
    assert "B12 status" in out and "Rules and sources" in out and "not a diagnosis" in out


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_assess_every_example_in_json(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, _ = run(capsys, "assess", str(example), "--json")
    assert code == 0
    data = json.loads(out)
    status = data["status"]
    assert {"judgment", "cb12", "readings", "caveats", "egfr"} <= status.keys()
    judgment = status["judgment"]
    assert {
        "level",
        "confidence",
        "urgency",
        "headline",
        "evidence",
        "next_tests",
    } <= judgment.keys()
    assert judgment["version"] == JUDGMENT_VERSION
    assert {"cb12", "category", "variant", "rules", "reason"} <= status["cb12"].keys()
    sections = [status, data["screening"], data["muscle"], data["plan"]]
    assert {r["id"] for r in data["rules"]} == {r for part in sections for r in part["rules"]}
    assert all(r["evidence"] in {"verified", "secondary", "unverified"} for r in data["rules"])


# The one judgment (issue 12): level, urgency, caveats (what makes a marker unreliable), next tests.
# Changed from the per-marker reading: "adequate" is now "deficiency_unlikely"; a raised MMA is
# never "adequate" (metformin: was "indeterminate"; CKD eGFR 40: was "adequate", now a possible
# functional deficiency at low confidence, kidney function named); in pregnancy a low total B12 is
# not read at face value (pregnant vegetarian: was "deficiency_likely", now "indeterminate" with
# MMA, homocysteine and holoTC to test). Second-line tests only while the status is unsettled: no
# MMA after a likely deficiency (vegan low holoTC), no holoTC once MMA is raised (metformin).
EXPECTED = {
    "healthy-omnivore.yaml": ("deficiency_unlikely", "routine", [], []),
    "vegan-low-holotc.yaml": ("deficiency_likely", "soon", [], []),
    "metformin-74y-borderline.json": (
        "possible_functional_deficiency",
        "soon",
        ["older_age_mma"],
        [],
    ),
    # Routine since round 16 (D9): MMA and homocysteine raised with eGFR 40, B12 390 and holoTC 74
    # both in NG239's "deficiency unlikely" band, no symptoms. Risch 2015 (evidence.md 2.7 [V]):
    # "Hcy and MMA (not holoTC or B12) are affected by kidney function".
    "ckd-egfr40-raised-mma.yaml": (
        "possible_functional_deficiency",
        "routine",
        ["kidney_function"],
        [],
    ),
    "pregnant-vegetarian.yaml": (
        "indeterminate",
        "urgent",  # B12 118 pmol/L in pregnancy: urgent haematology advice (SPS / NICE CKS)
        ["pregnancy"],
        ["mma", "homocysteine", "holotc"],
    ),
}


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_examples_key_outputs(
    capsys: pytest.CaptureFixture[str],
    name: str,
    expected: tuple[str, str, list[str], list[str]],
) -> None:
    level, urgency, caveats, tests = expected
    _, out, _ = run(capsys, "assess", str(EXAMPLES / name), "--json")
    status = json.loads(out)["status"]
    assert (status["judgment"]["level"], status["judgment"]["urgency"]) == (level, urgency)
    assert [c["code"] for c in status["caveats"]] == caveats
    assert [t["test"] for t in status["judgment"]["next_tests"]] == tests


def test_metformin_example_reads_raised_mma(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "assess", str(EXAMPLES / "metformin-74y-borderline.json"), "--json")
    status = json.loads(out)["status"]
    raised = [e for e in status["judgment"]["evidence"] if e["code"] == "mma_raised"]
    assert raised[0]["direction"] == "supports" and "MMA is raised" in raised[0]["message"]
    assert raised[0]["printed"] == "0.42 µmol/L" and raised[0]["date"] == "2026-11-02"
    assert status["egfr_estimated"] is True


def test_cb12_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "cb12",
        "--b12",
        "406.5 pg/mL",
        "--holotc",
        "60",
        "--mma",
        "200 nmol/L",
        "--hcy",
        "10 umol/L",
        "--age",
        "60",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["cb12"] == pytest.approx(0.276, abs=0.001)  # 406.5 pg/mL = 300 pmol/L
    assert data["category"] == "adequate"
    assert data["variant"] == "4cB12(b12,holotc,mma,hcy)"
    assert [r["id"] for r in data["rules"]] == ["cb12.fedosov2015.4marker", "cb12.categories.2015"]
    assert data["rules"][0]["evidence"] == "secondary"


def test_cb12_with_missing_marker_gives_null_and_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "cb12", "--b12", "300", "--mma", "0.2", "--hcy", "10", "--age", "60", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["cb12"] is None and data["category"] is None
    assert "holotc" in data["reason"]


def test_cb12_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "cb12",
        "--b12",
        "300",
        "--holotc",
        "60",
        "--mma",
        "0.2",
        "--hcy",
        "10",
        "--age",
        "60",
    )
    assert code == 0 and "cB12 +0.28" in out and "adequate" in out


def test_schema_is_json_schema_with_person_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "b12 person file"
    assert {
        "age",
        "sex",
        "pregnant",
        "breastfeeding",
        "diet",
        "conditions",
        "medications",
        "labs",
    } <= schema["properties"].keys()
    assert schema["required"] == ["age", "sex"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("b12 ")


def test_rules_lists_registry_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert code == 0 and {"cb12.fedosov2015.4marker", "nice-ng239.total-b12"} <= ids


def test_help_teaches_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cb12", "--help")
    assert code == 0 and "250 pg/mL" in out and "Example" in out


BAD_FILES = {
    "unknown-unit.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "mma", "value": 0.3, "unit": "mg/dL"}]}',
        "labs[0]: unknown unit 'mg/dL' for mma",
    ),
    "mixup.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "mma", "value": 250, "unit": "umol/L"}]}',
        "was it 250 nmol/L?",
    ),
    "implausible.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "b12", "value": 1e9, "unit": "pmol/L"}]}',
        "labs[0]: b12 value 1e+09 pmol/L is implausible",
    ),
    "unknown-analyte.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "vitamin_d", '
        '"value": 50, "unit": "ug/L"}]}',
        "labs[0].analyte",
    ),
    "no-age.json": ('{"sex": "male"}', "age: Field required"),
    "age-200.json": ('{"age": 200, "sex": "male"}', "age: Input should be less than or equal"),
    "bad-sex.json": ('{"age": 50, "sex": "x"}', "sex: Input should be 'female' or 'male'"),
    "pregnant-male.json": (
        '{"age": 50, "sex": "male", "pregnant": true}',
        "pregnant can only be true when sex is 'female'",
    ),
    "extra-field.json": ('{"age": 50, "sex": "male", "weight": 80}', "weight: unknown field"),
    "malformed.json": ('{"age": 50, "sex": ', "not valid JSON (line 1"),
    "malformed.yaml": ("age: [50\nsex: male\n", "not valid YAML (line"),
    "list.json": ("[1, 2]", "must hold one object"),
    "string-value.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "b12", "value": "low", '
        '"unit": "pmol/L"}]}',
        "labs[0].value",
    ),
    "bad-date.json": (
        '{"age": 50, "sex": "male", "labs": [{"analyte": "b12", "value": 300, '
        '"unit": "pmol/L", "date": "yesterday"}]}',
        "labs[0].date",
    ),
}


@pytest.mark.parametrize(("name", "case"), BAD_FILES.items())
def test_bad_person_file_exits_2_with_precise_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, case: tuple[str, str]
) -> None:
    content, expected = case
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "assess", str(path))
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_missing_file_exits_3(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "assess", str(tmp_path / "nobody.json"))
    assert code == 3 and "no such file" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--b12", "lots", "--age", "60"], "--b12: expected a number"),
        (["--mma", "250 umol/L", "--age", "60"], "--mma: mma value 250 µmol/L is implausible"),
        (["--b12", "300 mg", "--age", "60"], "--b12: unknown unit 'mg'"),
        (["--b12", "300", "--age", "0"], "age: age 0 is outside"),
        (["--b12", "300"], "Missing option '--age'"),
        (["--b12", "300", "--age", "sixty"], "Invalid value for '--age'"),
    ],
)
def test_bad_cb12_options_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(capsys, "cb12", *args)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out


def test_installed_command_runs_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "b12", "assess", str(EXAMPLES / "healthy-omnivore.yaml"), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"]["cb12"]["category"] == "adequate"


def test_real_process_bad_input_exit_code_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"age": 50, "sex": "male", "pregnant": true}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "b12", "assess", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "pregnant" in result.stderr
