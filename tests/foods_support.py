"""Helpers for the food tests: the real SR28 folder, a small SR28 copy and an FDC-format fixture.

Test modules import these (the tests folder is on sys.path through its conftest.py). The shared data
is required: missing, it skips locally and fails in CI (``conftest.require``).
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from functools import cache
from pathlib import Path

from b12.core.diet.food import Food
from b12.data.foods.sr28 import read_sr28
from tests.conftest import SHARED_DATA, require

SR28 = SHARED_DATA / "usda-sr28"
SR28_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "WEIGHT.txt", "NUTR_DEF.txt")


def sr28_dir() -> Path:
    """The real SR28 ASCII folder (fails in CI when absent)."""
    return require(SR28)


@cache
def _sr28_foods() -> tuple[Food, ...]:
    return tuple(read_sr28(SR28))


def sr28_foods() -> tuple[Food, ...]:
    """All 8,789 SR28 foods, read once per test session."""
    sr28_dir()
    return _sr28_foods()


def small_sr28(target: Path) -> Path:
    """An SR28 folder whose NUT_DATA.txt is the official B12-only extract (fast to import)."""
    source = sr28_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in SR28_FILES:
        shutil.copyfile(source / name, target / name)
    shutil.copyfile(source / "NUT_DATA_vitb12_only.txt", target / "NUT_DATA.txt")
    return target


FDC_FOODS = [
    # fdc_id, description, category id, NDB number, B12, added B12
    (171265, "Milk, whole, 3.25% milkfat, with added vitamin D", "1", "01077", "0.45", "0"),
    (175180, "Mollusks, clam, mixed species, raw", "15", "15157", "11.28", "0"),
    (173944, "Cereals ready-to-eat, fortified flakes", "8", "08999", "6.0", "6.0"),
    (168462, "Seaweed, spirulina, dried", "11", "11667", "0", None),
]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows(rows)


def fdc_folder(target: Path) -> Path:
    """A small FoodData Central CSV download (SR Legacy layout) with four foods."""
    target.mkdir(parents=True, exist_ok=True)
    _write(target / "food.csv", ["fdc_id", "data_type", "description", "food_category_id",
                                 "publication_date"],
           [[f, "sr_legacy_food", d, c, "2019-04-01"] for f, d, c, *_ in FDC_FOODS])  # fmt: skip
    _write(target / "sr_legacy_food.csv", ["fdc_id", "NDB_number"],
           [[f, int(n)] for f, _, _, n, *_ in FDC_FOODS])  # fmt: skip
    _write(target / "food_category.csv", ["id", "code", "description"],
           [["1", "0100", "Dairy and Egg Products"], ["8", "0800", "Breakfast Cereals"],
            ["11", "1100", "Vegetables and Vegetable Products"],
            ["15", "1500", "Finfish and Shellfish Products"]])  # fmt: skip
    _write(target / "nutrient.csv", ["id", "name", "unit_name", "nutrient_nbr", "rank"],
           [[1178, "Vitamin B-12", "UG", "418", 7300],
            [1246, "Vitamin B-12, added", "UG", "578", 7340],
            [1008, "Energy", "KCAL", "208", 300]])  # fmt: skip
    nutrients: list[list[object]] = []
    for n, (fdc_id, *_, b12, added) in enumerate(FDC_FOODS):
        nutrients.append([1000 + n, fdc_id, 1008, "61", "", "", "", "", "", "", ""])
        nutrients.append([2000 + n, fdc_id, 1178, b12, "", "", "", "", "", "", ""])
        if added is not None:
            nutrients.append([3000 + n, fdc_id, 1246, added, "", "", "", "", "", "", ""])
    _write(target / "food_nutrient.csv",
           ["id", "fdc_id", "nutrient_id", "amount", "data_points", "derivation_id", "min", "max",
            "median", "footnote", "min_year_acquired"], nutrients)  # fmt: skip
    _write(target / "measure_unit.csv", ["id", "name"], [[1000, "cup"], [9999, "undetermined"]])
    _write(target / "food_portion.csv",
           ["id", "fdc_id", "seq_num", "amount", "measure_unit_id", "portion_description",
            "modifier", "gram_weight", "data_points", "footnote", "min_year_acquired"],
           [[1, 171265, 1, "1", 1000, "", "", "244", "", "", ""],
            [2, 171265, 2, "1", 9999, "", "fl oz", "30.5", "", "", ""],
            [3, 175180, 1, "3", 9999, "", "oz", "85", "", "", ""]])  # fmt: skip
    return target


def fdc_zip(target: Path) -> Path:
    """The FDC fixture packed like the official archive (files inside a dated folder)."""
    folder = fdc_folder(target.parent / "fdc-src")
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"FoodData_Central_sr_legacy_food_csv_2018-04/{path.name}")
    return target
