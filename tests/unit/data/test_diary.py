"""Diary input: b12 CSV/JSON/YAML layout, Cronometer export, portions; errors name row and value."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from b12.core.diet.food import Food, Portion
from b12.data.diary import DiaryRow, load_diary, parse_amount, parse_diary_data
from b12.data.foods.portions import grams_of
from b12.errors import DataFileError, InputError

D = dt.date(2026, 11, 2)
MILK = Food("bundled", "01077", "Milk, whole", ndb="01077", b12_ug_per_100g=0.45,
            portions=(Portion(1, "cup", 244), Portion(1, "fl oz", 30.5),
                      Portion(2, "tbsp", 30)))  # fmt: skip


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_diary(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.csv", "Date,Meal,Food,Amount\n2026-11-02,breakfast,milk,1 cup\n"
                  "2026-11-02,,ndb:15076,150 g\n")  # fmt: skip
    diary = load_diary(path)
    assert diary.layout == "b12"
    first, second = diary.rows
    assert (first.day, first.meal, first.food, first.amount, first.unit) == (
        D, "breakfast", "milk", 1.0, "cup")  # fmt: skip
    assert (second.meal, second.food, second.amount, second.unit) == ("", "ndb:15076", 150, "g")


def test_csv_with_a_separate_unit_column_and_supplement_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.csv", "date,food,amount,unit,supplement,ug_per_dose,doses_per_week\n"
                  "2026-11-02,Egg,2,large,,,\n,,,,B12 spray,1000,2\n")  # fmt: skip
    egg, spray = load_diary(path).rows
    assert (egg.amount, egg.unit) == (2.0, "large")
    assert spray.supplement and spray.day is None
    assert spray.b12_ug == 1000 and spray.doses_per_day == pytest.approx(2 / 7)


def test_json_and_yaml_diaries(tmp_path: Path) -> None:
    data = {"entries": [{"date": "2026-11-02", "meal": "lunch", "food": "salmon",
                         "amount": "1/2 fillet"}],
            "supplements": [{"product": "B12", "ug_per_dose": 50, "doses_per_day": 1}]}  # fmt: skip
    from_json = load_diary(_write(tmp_path, "d.json", json.dumps(data)))
    yaml_text = (
        "entries:\n  - {date: 2026-11-02, meal: lunch, food: salmon, amount: 1/2 fillet}\n"
        "supplements:\n  - {product: B12, ug_per_dose: 50, doses_per_day: 1}\n"
    )
    from_yaml = load_diary(_write(tmp_path, "d.yaml", yaml_text))

    def strip(rows: tuple[DiaryRow, ...]) -> list[tuple[object, ...]]:
        return [(r.day, r.meal, r.food, r.amount, r.unit, r.b12_ug, r.supplement) for r in rows]

    assert strip(from_json.rows) == strip(from_yaml.rows)
    assert from_json.rows[0].amount == 0.5 and from_json.rows[0].unit == "fillet"
    assert parse_diary_data([data["entries"][0]]).rows[0].food == "salmon"


CRONOMETER = (
    "Day,Time,Group,Food Name,Amount,Category,Energy (kcal),B12 (Cobalamin) (µg)\n"
    '2026-11-02,08:00,Breakfast,"Oatmeal, fortified",1.00 cup,Cereals,150,1.2\n'
    "2026-11-02,,Supplements,Cyanocobalamin 250 µg,1.00 tablet,Supplements,0,250\n"
    "2026-11-03,12:00,Lunch,Apple,1.00 medium,Fruits,95,\n"
)


def test_cronometer_servings_export(tmp_path: Path) -> None:
    diary = load_diary(_write(tmp_path, "servings.csv", CRONOMETER))
    assert diary.layout == "cronometer"
    oats, pill, apple = diary.rows
    assert (oats.meal, oats.b12_ug, oats.supplement, oats.unit) == ("Breakfast", 1.2, False, "cup")
    assert pill.supplement and pill.b12_ug == 250 and pill.day == D
    assert apple.b12_ug == 0 and apple.b12_missing


def test_cronometer_without_b12_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.csv", "Day,Food Name,Amount\n2026-11-02,Apple,1 medium\n")
    with pytest.raises(InputError, match="B12"):
        load_diary(path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("date,food,amount\n2026-13-02,milk,1 cup\n", r"d.csv row 2.date: date '2026-13-02'"),
        ("date,food,amount\n2026-11-02,milk,lots\n", r"d.csv row 2.amount: amount 'lots'"),
        ("date,food,amount\n2026-11-02,milk,150\n", r"row 2.amount: .*needs a unit"),
        ("date,food,amount\n2026-11-02,milk,-1 cup\n", r"row 2.amount: amount '-1 cup'"),
        ("date,food\n2026-11-02,milk\n", r"row 2: amount is missing"),
        ("date,food,amount,colour\n2026-11-02,milk,1 cup,red\n", "unknown column 'colour'"),
        ("supplement,ug_per_dose\nB12,100\n", "give doses_per_day or doses_per_week"),
        ("supplement,ug_per_dose,doses_per_day\nB12,lots,1\n", r"ug_per_dose 'lots'"),
    ],
)
def test_bad_rows_name_the_row_field_and_value(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        load_diary(_write(tmp_path, "d.csv", text))


def test_bad_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        load_diary(_write(tmp_path, "d.json", "{"))
    with pytest.raises(InputError, match="entries"):
        load_diary(_write(tmp_path, "d.json", '{"meals": []}'))
    with pytest.raises(DataFileError):
        load_diary(tmp_path / "absent.csv")


def test_parse_amount() -> None:
    assert parse_amount("150 g", "x") == (150.0, "g")
    assert parse_amount("1/2 cup", "x") == (0.5, "cup")
    assert parse_amount(".5", "x") == (0.5, None)


@pytest.mark.parametrize(
    ("amount", "unit", "grams"),
    [(150, "g", 150), (0.2, "kg", 200), (1, "oz", 28.349523125), (2, "cups", 488),
      (1, "Cup", 244), (3, "fl oz", 91.5), (1, "tablespoon", 15),
     (100, "ml", 100 / 29.5735295625 * 30.5)],
)  # fmt: skip
def test_grams_from_units_and_usda_portions(amount: float, unit: str, grams: float) -> None:
    assert grams_of(MILK, amount, unit, "row") == pytest.approx(grams)


def test_an_unknown_portion_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"row 3.amount: unit 'slice' .*known: 1 cup, 1 fl oz"):
        grams_of(MILK, 1, "slice", "row 3.amount")
