"""`b12 foods ...` and `b12 intake` through the CLI entry point, plus one real subprocess run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from b12.cli.main import EXIT_DATA_FILE, EXIT_INPUT, EXIT_OK, main
from tests.foods_support import fdc_zip, small_sr28

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = tmp_path / "store" / "foods.sqlite"
    monkeypatch.setenv("B12_FOOD_STORE", str(store))
    return store


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_search_json_uses_the_bundled_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foods", "search", "salmon", "--json", "-n", "3"]) == EXIT_OK
    hits = _json(capsys)
    assert isinstance(hits, list) and len(hits) == 3
    assert all("salmon" in h["name"].lower() and h["id"].startswith("ndb:") for h in hits)
    assert hits[0]["portions"]


def test_search_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foods", "search", "whole milk", "-n", "2"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "ndb:01077" in out and "cup" in out


def test_empty_query_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foods", "search", " "]) == EXIT_INPUT
    assert "query" in capsys.readouterr().err


def test_import_sr28_then_search_the_store(tmp_path: Path, isolated_store: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = small_sr28(tmp_path / "sr28")
    assert main(["foods", "import", "usda-sr28", str(folder)]) == EXIT_OK
    assert "imported 8,789 foods (7,596 with a B12 value)" in capsys.readouterr().out
    assert isolated_store.is_file()
    assert main(["foods", "search", "ndb:15157", "--json"]) == EXIT_OK
    (hit,) = _json(capsys)  # type: ignore[misc]
    assert hit["b12_ug_per_100g"] == 11.28


def test_import_fdc_zip_with_store_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:  # fmt: skip
    store = tmp_path / "other.sqlite"
    archive = fdc_zip(tmp_path / "fdc.zip")
    assert main(["foods", "import", "fdc", str(archive), "--store", str(store)]) == EXIT_OK
    assert "imported 4 foods" in capsys.readouterr().out
    assert main(["foods", "search", "clam", "--store", str(store), "--json"]) == EXIT_OK
    assert _json(capsys)[0]["id"] == "ndb:15157"  # type: ignore[index]


def test_import_of_a_broken_folder_is_a_data_file_error(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:  # fmt: skip
    assert main(["foods", "import", "usda-sr28", str(tmp_path)]) == EXIT_DATA_FILE
    assert "not found" in capsys.readouterr().err


def test_download_from_a_file_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = fdc_zip(tmp_path / "src" / "fdc.zip")
    out_dir = tmp_path / "downloads"
    out_dir.mkdir()
    code = main(["foods", "download", str(out_dir), "--url", archive.as_uri(), "--import"])
    assert code == EXIT_OK
    out = capsys.readouterr().out
    assert "saved" in out and "imported 4 foods" in out


def test_intake_table_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "intake.png"
    code = main(["intake", str(EXAMPLES / "diaries" / "diary-omnivore.csv"), "--age", "60", "--plot",
                 str(chart)])  # fmt: skip
    assert code == EXIT_OK
    out = capsys.readouterr().out
    assert "Vitamin B12 intake" in out and "mean" in out and "RDA 2.4" in out
    assert "'tuna' not found" in out and "did you mean" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_intake_json_with_person_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = tmp_path / "p.yaml"
    person.write_text("age: 31\nsex: female\npregnant: true\nconditions: [pernicious anaemia]\n")
    code = main(
        [
            "intake",
            str(EXAMPLES / "diaries" / "diary-vegan.yaml"),
            "--person",
            str(person),
            "--json",
        ]
    )
    assert code == EXIT_OK
    doc = _json(capsys)
    assert isinstance(doc, dict)
    assert doc["reference"]["life_stage"] == "pregnancy"
    assert doc["reference"]["efsa_ai_ug_per_day"] == 4.5
    assert doc["intrinsic_factor_route"] is False
    assert len(doc["days"]) == 2 and doc["unmatched"] == []
    assert any(r["evidence"] == "unverified" for r in doc["rules"])


def test_intake_bad_row_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:  # fmt: skip
    diary = tmp_path / "d.csv"
    diary.write_text("date,food,amount\n2026-11-02,milk,a lot\n")
    assert main(["intake", str(diary)]) == EXIT_INPUT
    assert "d.csv row 2.amount: amount 'a lot'" in capsys.readouterr().err


def test_real_subprocess_run(tmp_path: Path) -> None:
    env = {**os.environ, "B12_FOOD_STORE": str(tmp_path / "none.sqlite")}
    done = subprocess.run(
        [sys.executable, "-c", "from b12.cli.main import run; run()", "intake",
         str(EXAMPLES / "diaries" / "diary-vegan.yaml"), "--age", "40", "--json"],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["meets_rda"] is True


def test_intake_of_a_cronometer_export(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["intake", str(EXAMPLES / "diaries" / "cronometer-servings.csv"), "--age", "35", "--json"]
    )
    assert code == EXIT_OK
    doc = _json(capsys)
    assert isinstance(doc, dict)
    # day 1: 3.0 natural + 250 supplement; day 2: 4.8 natural (the apple has no value)
    assert [d["total_ug"] for d in doc["days"]] == [253.0, 4.8]
    assert any("Cronometer" in n for n in doc["notes"])


def test_person_file_carries_the_diary_inline_or_as_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inline = tmp_path / "inline.yaml"
    inline.write_text(
        "age: 45\nsex: male\ndiary:\n  entries:\n"
        "    - {date: 2026-11-02, meal: lunch, food: ndb:15076, amount: 100 g}\n"
    )
    assert main(["intake", "--person", str(inline), "--json"]) == EXIT_OK
    doc = _json(capsys)
    assert isinstance(doc, dict)
    assert doc["days"][0]["natural_ug"] == pytest.approx(3.18)  # SR28 salmon 3.18 µg/100 g
    by_path = tmp_path / "by-path.yaml"
    by_path.write_text(f"age: 45\nsex: male\ndiary: {EXAMPLES / 'diaries' / 'diary-vegan.yaml'}\n")
    assert main(["intake", "--person", str(by_path), "--json"]) == EXIT_OK
    assert len(_json(capsys)["days"]) == 2  # type: ignore[index]


def test_intake_needs_a_diary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = tmp_path / "p.yaml"
    person.write_text("age: 45\nsex: male\n")
    assert main(["intake", "--person", str(person)]) == EXIT_INPUT
    assert "no diary" in capsys.readouterr().err
    assert main(["intake"]) == EXIT_INPUT
