"""Read a food diary: b12's own CSV, JSON or YAML layout, or a Cronometer servings export.

b12 layout (CSV header, or the keys of each JSON/YAML entry; names are case-insensitive):

* food rows: ``date`` (YYYY-MM-DD), ``meal`` (optional), ``food`` (a name, or an id such as
  ``ndb:01077`` or ``fdc:171265``), ``amount`` ("150 g", "1 cup", or a number with ``unit``);
* supplement rows: ``supplement`` (product), ``ug_per_dose`` (µg), and ``doses_per_day`` or
  ``doses_per_week``; with a ``date`` the dose counts on that day only, without one on every day.

JSON/YAML: ``{"entries": [...], "supplements": [...]}`` or a bare list of entries.

Cronometer "servings" export (CSV): ``Day``, ``Food Name``, ``Amount``, a B12 column (its header
starts with ``B12`` or ``Vitamin B12``, unit µg or mcg), optional ``Group`` (the meal) and
``Category`` (rows whose category or group mentions "supplement" are supplements). Cronometer gives
µg per row, so no food look-up is needed. See docs/intake.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b12.core.diet import plausible
from b12.data.person_file import MAX_BYTES, read_document
from b12.errors import DataFileError, InputError, shown

_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)(?:\s*/\s*(\d+))?\s*(.*?)\s*$")
UG_PER_DOSE_HINT = ": give the µg per dose as a number, e.g. 1000 for a 1 mg tablet"
CRONOMETER_B12 = re.compile(r"^(vitamin\s+)?b12\b.*\((µg|mcg|ug)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DiaryRow:
    """One food or supplement row as written (``where`` names the file row for messages)."""

    where: str
    day: dt.date | None
    meal: str
    food: str
    amount: float | None = None
    unit: str | None = None
    b12_ug: float | None = None  # µg given by the tracker (Cronometer); None: look the food up
    supplement: bool = False
    doses_per_day: float = 1.0
    doses_per_week: float | None = None  # as written, when the row gave doses per week
    b12_missing: bool = False  # a tracker row with an empty B12 cell (counted as 0)


@dataclass(frozen=True)
class Diary:
    """A parsed diary."""

    rows: tuple[DiaryRow, ...]
    layout: str  # "b12" or "cronometer"

    @property
    def dated(self) -> bool:
        """Whether any row has a day: undated supplements alone give no day to count."""
        return any(row.day for row in self.rows)


def parse_amount(text: str, where: str) -> tuple[float, str | None]:
    """'150 g' -> (150, 'g'); '1/2 cup' -> (0.5, 'cup'); '2' -> (2, None)."""
    match = _AMOUNT.match(text)
    if match is None:
        raise InputError(
            f"amount {shown(text)} is not a number with a unit, e.g. '150 g' or '1 cup'",
            field=where,
        )
    denominator = float(match.group(2)) if match.group(2) else 1.0
    if denominator == 0:
        raise InputError(f"amount {shown(text)} divides by zero", field=where)
    value = float(match.group(1)) / denominator
    if value <= 0:
        raise InputError(f"amount {shown(text)} must be positive", field=where)
    return value, match.group(3) or None


def _number(value: Any, name: str, where: str, hint: str = "") -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} {shown(value)} is not a number{hint}", field=where) from None
    if not number > 0 or number != number or number == float("inf"):
        raise InputError(f"{name} {shown(value)} must be a positive number", field=where)
    return number


def _refuse(problem: str | None, where: str) -> None:
    """A data-quality limit (``diet.plausible.diary``) refused the value: stop, naming the row."""
    if problem is not None:
        raise InputError(problem, field=where)


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"date {shown(value)} is not a date (YYYY-MM-DD)", field=where) from None


def _entry(raw: Any, where: str) -> DiaryRow:
    if not isinstance(raw, dict):
        raise InputError("each entry must be an object with date, food and amount", field=where)
    row = {str(k).strip().lower(): v for k, v in raw.items() if v not in (None, "")}
    if "supplement" in row or "product" in row:
        return _supplement(row, where)
    unknown = set(row) - {"date", "meal", "food", "amount", "unit", "note"}
    if unknown:
        raise InputError(f"unknown column {shown(sorted(unknown)[0])}", field=where)
    for name in ("date", "food", "amount"):
        if name not in row:
            raise InputError(f"{name} is missing", field=where)
    amount, unit = parse_amount(str(row["amount"]), f"{where}.amount")
    if "unit" in row:
        if unit is not None:
            raise InputError(f"amount {shown(row['amount'])} already has a unit", field=where)
        unit = str(row["unit"]).strip()
    if unit is None:
        raise InputError(
            f"amount {shown(row['amount'])} needs a unit or portion, e.g. '150 g'",
            field=f"{where}.amount",
        )
    return DiaryRow(
        where,
        _date(row["date"], f"{where}.date"),
        str(row.get("meal", "")).strip(),
        str(row["food"]).strip(),
        amount,
        unit,
    )


def _supplement(row: dict[str, Any], where: str) -> DiaryRow:
    product = str(row.get("supplement") or row.get("product") or "").strip()
    unknown = set(row) - {
        "supplement",
        "product",
        "ug_per_dose",
        "doses_per_day",
        "doses_per_week",
        "date",
        "meal",
        "note",
    }
    if unknown:
        raise InputError(f"unknown supplement field {shown(sorted(unknown)[0])}", field=where)
    if "ug_per_dose" not in row:
        raise InputError(f"supplement {shown(product)}: ug_per_dose is missing", field=where)
    dose = _number(row["ug_per_dose"], "ug_per_dose", f"{where}.ug_per_dose", UG_PER_DOSE_HINT)
    _refuse(plausible.dose_problem(dose), f"{where}.ug_per_dose")
    if ("doses_per_day" in row) == ("doses_per_week" in row):
        raise InputError(
            f"supplement {shown(product)}: give doses_per_day or doses_per_week", field=where
        )
    per_week = (
        _number(row["doses_per_week"], "doses_per_week", f"{where}.doses_per_week")
        if "doses_per_week" in row
        else None
    )
    per_day = (
        _number(row["doses_per_day"], "doses_per_day", f"{where}.doses_per_day")
        if per_week is None
        else per_week / 7
    )
    frequency = "doses_per_day" if per_week is None else "doses_per_week"
    written = per_day if per_week is None else per_week
    _refuse(plausible.doses_problem(frequency, per_day, written), f"{where}.{frequency}")
    day = _date(row["date"], f"{where}.date") if "date" in row else None
    return DiaryRow(
        where,
        day,
        str(row.get("meal", "")).strip(),
        product,
        b12_ug=dose,
        supplement=True,
        doses_per_day=per_day,
        doses_per_week=per_week,
    )


def _cronometer(reader: csv.DictReader[str], name: str, b12_column: str) -> Diary:
    rows = []
    for number, raw in enumerate(reader, start=2):
        where = f"{name} row {number}"
        food = (raw.get("Food Name") or "").strip()
        if not food:
            raise InputError("Food Name is empty", field=where)
        value = (raw.get(b12_column) or "").strip()
        try:
            b12 = float(value) if value else 0.0
        except ValueError:
            raise InputError(f"{b12_column} {shown(value)} is not a number", field=where) from None
        if b12 < 0:
            raise InputError(f"{b12_column} {shown(value)} must not be negative", field=where)
        _refuse(plausible.tracker_b12_problem(b12_column, b12), where)
        group = (raw.get("Group") or "").strip()
        category = (raw.get("Category") or "").strip()
        amount_text = (raw.get("Amount") or "").strip()
        amount, unit = parse_amount(amount_text, f"{where}.Amount") if amount_text else (None, None)
        rows.append(
            DiaryRow(
                where,
                _date(raw.get("Day"), f"{where}.Day"),
                group,
                food,
                amount,
                unit,
                b12_ug=b12,
                b12_missing=not value,
                supplement="supplement" in f"{category} {group}".lower(),
            )
        )
    return Diary(tuple(rows), "cronometer")


def _csv(text: str, name: str) -> Diary:
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in reader.fieldnames or []]
    if "Food Name" in headers and "Day" in headers:
        b12_columns = [h for h in headers if CRONOMETER_B12.match(h)]
        if not b12_columns:
            raise InputError(
                "Cronometer export without a 'B12 (µg)' column; export servings "
                "with vitamin B12 included",
                field=name,
            )
        reader.fieldnames = headers
        return _cronometer(reader, name, b12_columns[0])
    return Diary(
        tuple(_entry(raw, f"{name} row {n}") for n, raw in enumerate(reader, start=2)), "b12"
    )


def parse_diary_data(data: Any, name: str = "diary") -> Diary:
    """A diary from parsed JSON/YAML data: a list of entries or {entries, supplements}."""
    if isinstance(data, list):
        data = {"entries": data}
    if not isinstance(data, dict) or not set(data) <= {"entries", "supplements"}:
        raise InputError(
            "a diary is a list of entries or an object with 'entries' and 'supplements'", field=name
        )
    entries, supplements = data.get("entries") or [], data.get("supplements") or []
    if not isinstance(entries, list) or not isinstance(supplements, list):
        raise InputError("'entries' and 'supplements' must be lists", field=name)
    rows = [_entry(e, f"{name}: entries[{i}]") for i, e in enumerate(entries)]
    for i, s in enumerate(supplements):
        where = f"{name}: supplements[{i}]"
        if not isinstance(s, dict):
            raise InputError("a supplement must be an object", field=where)
        rows.append(_supplement({str(k).lower(): v for k, v in s.items()}, where))
    return Diary(tuple(rows), "b12")


def load_diary(path: Path) -> Diary:
    """Read a diary file (.csv, .json, .yaml or .yml)."""
    suffix = path.suffix.lower()
    if suffix != ".csv":
        return parse_diary_data(read_document(path), path.name)
    if not path.is_file():
        raise DataFileError(f"{path.name}: no such file")
    if path.stat().st_size > MAX_BYTES * 10:
        raise InputError("diary file is too large", field=path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("file is not UTF-8 text", field=path.name) from None
    try:
        return _csv(text, path.name)
    except csv.Error as exc:
        raise InputError(f"not valid CSV ({exc})", field=path.name) from None
