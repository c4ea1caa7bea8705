"""Cohort output: a terminal table and CSV (plots: :mod:`b12.reports.cohort_plot`)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table

from b12.errors import DataFileError

FIELDS = ("n", "prevalence", "mean", "se", "ci_low", "ci_high", "df", "flag", "flag_reason", "note")


# The unit of each canonical column b12 estimates a mean of (docs/cohort.md): the terminal shows
# a mean with it, so a mean is never read as a percentage.
MEAN_UNITS = {
    "grip_max": "kg",
    "body_weight_kg": "kg",
    "bmi": "kg/m²",
    "height_m": "m",
    "age": "years",
    "b12": "pmol/L",
    "holotc": "pmol/L",
    "mma": "µmol/L",
    "hcy": "µmol/L",
    "folate": "nmol/L",
    "creatinine": "µmol/L",
    "egfr": "mL/min/1.73 m²",
    "hemoglobin": "g/L",
    "mcv": "fL",
    "diet_b12_ug": "µg",
    "diet_b12_added_ug": "µg",
}


MISSING = "(missing)"


def _pct(value: Any) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def _value_and_ci(row: dict[str, Any]) -> tuple[str, str]:
    """The estimate with its unit (% for a prevalence) and the CI, as text."""
    if "mean" in row:
        unit = MEAN_UNITS.get(row["indicator"], "")
        value = "" if row["mean"] is None else f"{row['mean']:.2f} {unit}".rstrip()
        ci = "" if row["ci_low"] is None else f"{row['ci_low']:.2f}-{row['ci_high']:.2f}"
        return value, ci
    value = "" if row["prevalence"] is None else f"{_pct(row['prevalence'])} %"
    ci = "" if row["ci_low"] is None else f"{_pct(row['ci_low'])}-{_pct(row['ci_high'])}"
    return value, ci


# What NCHS's data presentation standard (Parker 2017) says to do with a flagged estimate.
_FLAG_ADVICE = {"Px": " (NCHS: do not present)"}


def cohort_table(rows: Sequence[dict[str, Any]], by: Sequence[str]) -> Table:
    """Prevalences in percent and means in their unit, with CI, n and NCHS flags.

    Names fold onto a second line rather than being cut: at 80 columns two cut names could look
    alike (``nice_active_b12_deficiency_…``). An indicator that is empty in every group (NHANES
    never measured holoTC) is named once under the table instead of filling it with empty rows;
    JSON and CSV keep those rows.
    """
    empty = [
        name
        for name in dict.fromkeys(r["indicator"] for r in rows)
        if all(r["n"] == 0 for r in rows if r["indicator"] == name)
    ]
    rows = [r for r in rows if r["indicator"] not in empty]
    lines = [f"No one has the values for: {', '.join(empty)} (see the notes)"] if empty else []
    # Each flag shown is explained under the table, with the row's own reason.
    reasons = dict.fromkeys((r["flag"], r["flag_reason"]) for r in rows if r["flag"])
    lines += [f"{flag}: {reason}{_FLAG_ADVICE.get(flag, '')}" for flag, reason in reasons]
    caption = "\n".join(lines) or None
    table = Table(
        title="Survey-weighted estimates (95 % CI)",
        title_justify="left",
        caption=escape(caption) if caption else None,
        caption_justify="left",
    )
    for column in ("indicator", *by):
        table.add_column(column, overflow="fold")
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("estimate", justify="right", no_wrap=True)
    table.add_column("95 % CI", no_wrap=True)
    table.add_column("flag", overflow="fold")
    for row in rows:
        value, ci = _value_and_ci(row)
        # Group values are data, not Rich markup; a missing one (no creatinine, no age) says so.
        keys = [MISSING if row.get(k) is None else escape(str(row.get(k))) for k in by]
        table.add_row(escape(row["indicator"]), *keys, str(row["n"]), value, ci, row["flag"] or "")
    return table


def regression_table(rows: Sequence[dict[str, Any]]) -> Table:
    """Coefficients with 95 % CIs (and odds ratios for a logistic model)."""
    title = escape(f"{rows[0]['family']} survey regression: {rows[0]['model']}") if rows else ""
    table = Table(title=title, title_justify="left")
    logistic = bool(rows) and "odds_ratio" in rows[0]
    for column in ("term", "estimate", "SE", "95 % CI", "p", *(["OR (95 % CI)"] * logistic)):
        table.add_column(column, justify="left" if column == "term" else "right", no_wrap=True)
    for row in rows:
        cells = [
            escape(row["term"]),  # 'sex[male]' is a term, not Rich markup
            f"{row['estimate']:.4g}",
            f"{row['se']:.3g}",
            f"{row['ci_low']:.4g} to {row['ci_high']:.4g}",
            f"{row['p_value']:.3g}",
        ]
        if logistic:
            cells.append(
                f"{row['odds_ratio']:.3g} ({row['or_ci_low']:.3g}-{row['or_ci_high']:.3g})"
            )
        table.add_row(*cells)
    return table


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a leading ``'``; numbers unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Sequence[dict[str, Any]], by: Sequence[str], path: Path) -> None:
    """One line per estimate; rule ids joined by ';'; text cells safe to open in a spreadsheet."""
    header = ["indicator", *by, *FIELDS, "rules"]
    if rows and "term" in rows[0]:
        header = list(rows[0])
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
            writer.writerow({name: spreadsheet_safe(name) for name in header})
            for row in rows:
                cells = {**row, "rules": ";".join(row.get("rules", []))}
                writer.writerow({k: spreadsheet_safe(v) for k, v in cells.items()})
    except OSError as exc:
        raise DataFileError(f"cannot write {path}: {exc.strerror}") from None
