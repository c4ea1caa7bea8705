"""The terminal cohort table explains each NCHS flag it shows, with the row's own reason (a new
user met "Px" with no legend)."""

from __future__ import annotations

import io

from rich.console import Console

from b12.reports.cohort_report import cohort_table


def _row(indicator: str, n: int, flag: str | None, reason: str | None) -> dict[str, object]:
    return {
        "indicator": indicator, "sex": "male", "n": n, "prevalence": 0.046, "se": 0.01,
        "ci_low": 0.021, "ci_high": 0.086, "df": 15, "flag": flag, "flag_reason": reason,
        "note": None,
    }  # fmt: skip


def _text(rows: list[dict[str, object]]) -> str:
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(cohort_table(rows, ["sex"]))
    return console.export_text()


def test_each_flag_shown_is_explained_once_under_the_table() -> None:
    text = _text(
        [
            _row("b12_deficient", 804, "Px", "relative CI width > 130 %"),
            _row("mma_elevated", 804, "Px", "relative CI width > 130 %"),
            _row("b12_low", 804, "Pdf", "degrees of freedom < 8"),
        ]
    )
    assert text.count("Px: relative CI width > 130 % (NCHS: do not present)") == 1
    assert "Pdf: degrees of freedom < 8" in text


def test_no_flag_no_legend() -> None:
    assert "Px:" not in _text([_row("b12_deficient", 884, None, None)])
