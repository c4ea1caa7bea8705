"""Exported CSV is safe to open in a spreadsheet: text that would run as a formula is quoted."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from b12.cli.main import EXIT_DATA_FILE, main
from b12.reports.cohort_report import spreadsheet_safe

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "plain"]


@pytest.mark.parametrize("text", HOSTILE[:-1])
def test_formula_starts_get_a_leading_quote(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


def test_plain_text_and_numbers_are_unchanged() -> None:
    assert spreadsheet_safe("plain") == "plain"
    assert spreadsheet_safe(-0.25) == -0.25  # a negative estimate stays a number
    assert spreadsheet_safe(None) is None


def test_cohort_csv_quotes_hostile_group_values(tmp_path: Path) -> None:
    hostile = [h for h in HOSTILE if h[0] not in "\t\r"]  # DuckDB reads these as blank space
    frame = pd.DataFrame(
        {
            "B12_PG": [100.0, 150, 180, 250, 400, 600] * len(hostile) * 2,
            "AGE": [65.0, 70, 72, 45, 30, 50] * len(hostile) * 2,
            "grp": hostile * 12,
        }
    )
    source, out = tmp_path / "cohort.csv", tmp_path / "out.csv"
    frame.to_csv(source, index=False)
    args = ["cohort", "run", str(source), "--map", "B12_PG=b12:pg/mL", "--map", "AGE=age"]
    code = main([*args, "--indicator", "b12_deficient", "--by", "grp", "--csv", str(out)])
    assert code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    groups = {row["grp"] for row in written}
    assert groups == {"'" + h for h in hostile[:-1]} | {"plain"}
    for row in written:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_an_unreadable_cohort_csv_is_a_data_file_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "broken.csv"
    source.write_text('B12_PG,AGE,grp\n100,65,"a\rb\n200,"70', encoding="utf-8")
    code = main(["cohort", "run", str(source), "--map", "B12_PG=b12:pg/mL", "--csv", "x.csv"])
    assert code == EXIT_DATA_FILE
    assert "cannot read broken.csv" in capsys.readouterr().err
