"""Reader for the USDA FoodData Central (FDC) CSV download (SR Legacy, Foundation, FNDDS).

Layout (FDC "Download Datasets", CSV):

* ``food.csv``: fdc_id, data_type, description, food_category_id;
* ``food_nutrient.csv``: fdc_id, nutrient_id, amount (per 100 g);
* ``food_portion.csv``: fdc_id, seq_num, amount, measure_unit_id, portion_description, modifier,
  gram_weight; ``measure_unit.csv``: id, name;
* optional ``nutrient.csv`` (id, nutrient_nbr), ``food_category.csv`` (id, description) and, for
  SR Legacy, ``sr_legacy_food.csv`` (fdc_id, NDB_number).

Vitamin B12 is nutrient id 1178 (SR number 418) and added B12 is 1246 (SR 578), both µg per 100 g.
The files may sit in a folder or in the official zip archive, at any depth.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from b12.core.diet.food import Food, Portion
from b12.errors import DataFileError

SOURCE = "fdc"
NUTRIENT_B12 = 1178
NUTRIENT_B12_ADDED = 1246
UNDETERMINED_UNIT = "undetermined"

Progress = Callable[[str, int], None]


class _Files:
    """CSV members of an FDC download, by file name, from a folder or a zip archive."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, str] = {}
        if location.is_dir():
            for path in location.rglob("*.csv"):
                self.members.setdefault(path.name.lower(), str(path))
        elif location.is_file():
            try:
                self.zip = zipfile.ZipFile(location)
            except (zipfile.BadZipFile, OSError) as exc:
                raise DataFileError(f"{location.name}: not a readable zip archive") from exc
            for name in self.zip.namelist():
                if name.lower().endswith(".csv"):
                    self.members.setdefault(Path(name).name.lower(), name)
        else:
            raise DataFileError(f"{location}: no such folder or zip archive")

    def has(self, name: str) -> bool:
        return name in self.members

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        if name not in self.members:
            raise DataFileError(
                f"{self.location.name}: {name} not found (is this an FDC CSV download?)"
            )
        try:
            with self._open(self.members[name]) as handle:
                yield from enumerate(csv.DictReader(handle), start=2)
        except (OSError, UnicodeDecodeError, zipfile.BadZipFile, csv.Error) as exc:
            raise DataFileError(f"{name}: cannot read ({exc})") from exc

    def _open(self, member: str) -> io.TextIOBase:
        if self.zip is not None:
            return io.TextIOWrapper(self.zip.open(member), encoding="utf-8-sig", newline="")
        return Path(member).open(encoding="utf-8-sig", newline="")

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _get(row: dict[str, str], column: str, where: str) -> str:
    value = row.get(column)
    if value is None:
        raise DataFileError(f"{where}: column {column!r} is missing")
    return value.strip()


def _float(row: dict[str, str], column: str, where: str) -> float | None:
    text = _get(row, column, where)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise DataFileError(f"{where}: {column} {text!r} is not a number") from None


def _int(row: dict[str, str], column: str, where: str) -> int:
    value = _float(row, column, where)
    if value is None or value != int(value):
        raise DataFileError(f"{where}: {column} must be a whole number")
    return int(value)


def _nutrient_ids(files: _Files) -> tuple[int, int]:
    b12, added = NUTRIENT_B12, NUTRIENT_B12_ADDED
    if files.has("nutrient.csv"):
        for number, row in files.rows("nutrient.csv"):
            nbr = (row.get("nutrient_nbr") or "").strip()
            if nbr in ("418", "418.0"):
                b12 = _int(row, "id", f"nutrient.csv line {number}")
            elif nbr in ("578", "578.0"):
                added = _int(row, "id", f"nutrient.csv line {number}")
    return b12, added


def _portions(files: _Files) -> dict[int, list[Portion]]:
    units: dict[str, str] = {}
    if files.has("measure_unit.csv"):
        for number, row in files.rows("measure_unit.csv"):
            units[_get(row, "id", f"measure_unit.csv line {number}")] = row.get("name", "")
    out: dict[int, list[tuple[int, Portion]]] = {}
    if not files.has("food_portion.csv"):
        return {}
    for number, row in files.rows("food_portion.csv"):
        where = f"food_portion.csv line {number}"
        grams = _float(row, "gram_weight", where)
        amount = _float(row, "amount", where) or 1.0
        unit_name = units.get((row.get("measure_unit_id") or "").strip(), "")
        unit = (row.get("modifier") or "").strip() or (row.get("portion_description") or "").strip()
        if unit_name and unit_name != UNDETERMINED_UNIT:
            unit = f"{unit_name} {unit}".strip() if unit and unit != unit_name else unit_name
        if grams is None or grams <= 0 or not unit:
            continue
        seq = int(_float(row, "seq_num", where) or 0)
        out.setdefault(_int(row, "fdc_id", where), []).append((seq, Portion(amount, unit, grams)))
    return {k: [p for _, p in sorted(v, key=lambda t: t[0])] for k, v in out.items()}


def read_fdc(location: Path, progress: Progress | None = None) -> list[Food]:
    """Every food of an FDC CSV download (folder or zip) with its B12, added B12 and portions."""
    files = _Files(location)
    try:
        b12_id, added_id = _nutrient_ids(files)
        categories = {}
        if files.has("food_category.csv"):
            for number, row in files.rows("food_category.csv"):
                where = f"food_category.csv line {number}"
                categories[_get(row, "id", where)] = row.get("description", "")
        ndb_numbers: dict[int, str] = {}
        if files.has("sr_legacy_food.csv"):
            for number, row in files.rows("sr_legacy_food.csv"):
                where = f"sr_legacy_food.csv line {number}"
                ndb_numbers[_int(row, "fdc_id", where)] = _get(row, "NDB_number", where).zfill(5)
        values: dict[int, dict[int, float | None]] = {}
        for number, row in files.rows("food_nutrient.csv"):
            if progress is not None and number % 100_000 == 0:
                progress("food_nutrient.csv", number)
            where = f"food_nutrient.csv line {number}"
            nutrient = _int(row, "nutrient_id", where)
            if nutrient in (b12_id, added_id):
                values.setdefault(_int(row, "fdc_id", where), {})[nutrient] = _float(
                    row, "amount", where
                )
        portions = _portions(files)
        foods = []
        for number, row in files.rows("food.csv"):
            where = f"food.csv line {number}"
            fdc_id = _int(row, "fdc_id", where)
            found = values.get(fdc_id, {})
            foods.append(
                Food(
                    source=SOURCE,
                    food_id=str(fdc_id),
                    name=_get(row, "description", where),
                    group=categories.get((row.get("food_category_id") or "").strip(), ""),
                    ndb=ndb_numbers.get(fdc_id),
                    fdc_id=fdc_id,
                    b12_ug_per_100g=found.get(b12_id),
                    b12_added_ug_per_100g=found.get(added_id),
                    portions=tuple(portions.get(fdc_id, ())),
                )
            )
    finally:
        files.close()
    if not foods:
        raise DataFileError(f"{location.name}: food.csv holds no foods")
    return foods
