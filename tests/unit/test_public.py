"""The public Python API (`b12`, `b12.public`): a stable `__all__`, runnable docstrings, and the same
results as the `b12` command for every way of passing a person."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import b12
import b12.public
from b12.cli.main import main
from tests.conftest import EXAMPLES, PERSON_EXAMPLES

SNAPSHOT = Path(__file__).with_name("public_api.txt")
YAML_EXAMPLE = EXAMPLES / "vegan-low-holotc.yaml"


def test_all_matches_the_committed_snapshot() -> None:
    # A name leaves __all__ only after a deprecation release (docs/python-api.md); update the
    # snapshot on purpose, with a CHANGELOG entry, never to make this pass.
    import b12.cohort

    names = sorted(b12.__all__) + [f"cohort.{n}" for n in sorted(b12.cohort.__all__)]
    assert names == SNAPSHOT.read_text(encoding="utf-8").split()


def test_every_public_name_resolves() -> None:
    for name in b12.__all__:
        assert getattr(b12, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'assess_person'"):
        _ = b12.assess_person  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", [b12, b12.public], ids=lambda m: m.__name__)
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


def test_import_b12_loads_no_engine_web_or_pdf() -> None:
    code = (
        "import sys, b12\n"
        "b12.cb12(b12=300, age=60)\n"
        "heavy = ('pandas', 'duckdb', 'ibis', 'scipy', 'fastapi', 'sqlalchemy', 'weasyprint',"
        " 'matplotlib')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("example", PERSON_EXAMPLES, ids=lambda p: p.name)
def test_assess_a_path_equals_the_cli(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    assert b12.as_json(b12.assess(example)) == _cli_json(capsys, "assess", str(example))


def test_assess_a_dict_a_person_and_a_path_agree() -> None:
    import yaml

    data = yaml.safe_load(YAML_EXAMPLE.read_text(encoding="utf-8"))
    by_path = b12.as_json(b12.assess(str(YAML_EXAMPLE)))
    assert b12.as_json(b12.assess(data)) == by_path
    assert b12.as_json(b12.assess(b12.read_person(data))) == by_path


def test_assess_takes_the_muscle_criteria(capsys: pytest.CaptureFixture[str]) -> None:
    example = EXAMPLES / "awgs-older-woman-bia.yaml"
    api = b12.as_json(b12.assess(example, criteria="awgs2019"))
    assert api == _cli_json(capsys, "assess", str(example), "--muscle-criteria", "awgs2019")


def test_assess_reads_a_fhir_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    bundle = sorted((EXAMPLES / "fhir").glob("*.json"))[0]
    assessment = b12.assess(json.loads(bundle.read_text(encoding="utf-8")))
    assert isinstance(assessment, b12.Assessment)
    assert b12.as_json(assessment)["status"] == b12.as_json(b12.assess(bundle))["status"]


ADULT = {"age": 70, "sex": "female"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: b12.assess(42), "person: expected a dict, a file path or a b12.Person; got int"),
        (lambda: b12.read_person([1]), "person: expected a dict, a file path or a b12.Person"),
        (lambda: b12.assess({"age": 70}, criteria="who"), "criteria: unknown criteria 'who'"),
        (lambda: b12.assess({"age": "old"}), "age"),
        (lambda: b12.cb12(b12=True, age=60), "b12: expected a number or text"),
        (lambda: b12.cb12(mma=250.0, age=60), "mma value 250 µmol/L is implausible"),
        (lambda: b12.cb12(b12="300 pg/mL", age=200), "age: age 200 is outside 0-125 years"),
        (lambda: b12.as_json("text"), "expected an assessment, cB12, intake or menu result; got"),
        (lambda: b12.menu(ADULT, activity="lazy"), "activity 'lazy' is not one of"),
        (lambda: b12.menu(ADULT, days=0), "days 0 must be 1 to 7"),
    ],
)
def test_bad_input_is_a_short_input_error(call: object, message: str) -> None:
    with pytest.raises(b12.InputError) as caught:
        call()  # type: ignore[operator]
    assert message in str(caught.value) and len(str(caught.value)) < 400


def test_assess_a_missing_file_is_a_data_file_error() -> None:
    with pytest.raises(b12.DataFileError):
        b12.assess(EXAMPLES / "no-such-person.yaml")


def test_cb12_equals_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    api = b12.as_json(b12.cb12(b12="406 pg/mL", holotc=60, mma="200 nmol/L", hcy=10, age=60))
    cli = _cli_json(
        capsys, "cb12", "--b12", "406 pg/mL", "--holotc", "60", "--mma", "200 nmol/L",
        "--hcy", "10", "--age", "60",
    )  # fmt: skip
    assert api == cli


def test_intake_of_a_file_equals_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    diary = EXAMPLES / "diaries" / "diary-omnivore.csv"
    api = b12.as_json(b12.intake(diary, age=60))
    assert api == _cli_json(capsys, "intake", str(diary), "--age", "60")


def test_intake_of_a_person_uses_their_life_stage() -> None:
    person = {"age": 30, "sex": "female", "pregnant": True}
    entries = [{"date": "2026-01-05", "meal": "lunch", "food": "ndb:15076", "amount": "150 g"}]
    pregnant = b12.intake(entries, person=person).summary.reference
    assert pregnant == b12.intake(entries, age=30, pregnant=True).summary.reference
    assert pregnant != b12.intake(entries, age=30).summary.reference


def test_menu_equals_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    person = EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml"
    api = b12.as_json(b12.menu(person, days=2, exclude=["liver"]))
    cli = _cli_json(capsys, "menu", str(person), "--days", "2", "--exclude", "liver")
    assert api == cli and api["feasible"]


def test_menu_targets_are_the_plans() -> None:
    # Named CKD stage 4 not on dialysis: the plan limits protein, and so does the menu.
    person = {"age": 70, "sex": "male", "conditions": ["CKD stage 4"],
              "muscle": {"weight_kg": 70, "height_m": 1.75}}  # fmt: skip
    plan = b12.assess(person).plan
    assert plan is not None and any(i.id == "protein.kidney" for i in plan.items)
    menu = b12.menu(person, days=1)
    assert any("renal team" in line and "56 g" in line for line in menu.targets)
    assert all(sum(meal.protein_g for meal in day.meals) <= 56 for day in menu.days)
