"""USDA SR28 ASCII and FoodData Central CSV loaders, on the real SR28 files and an FDC fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.data.foods.fdc import read_fdc
from b12.data.foods.sr28 import parse_line, read_sr28
from b12.errors import DataFileError
from tests.foods_support import FDC_FOODS, fdc_folder, fdc_zip, small_sr28, sr28_dir, sr28_foods


def test_sr28_counts_match_the_sr28_documentation() -> None:
    foods = sr28_foods()
    assert len(foods) == 8789
    assert sum(f.b12_ug_per_100g is not None for f in foods) == 7596
    assert sum((f.b12_ug_per_100g or 0) > 0 for f in foods) == 4654
    assert sum(len(f.portions) for f in foods) == 15438


@pytest.mark.parametrize(
    ("ndb", "name_start", "b12_ug_per_100g"),
    [
        ("15157", "Mollusks, clam, mixed species, raw", 11.28),
        ("13325", "Beef, variety meats and by-products, liver, raw", 59.3),
        ("15076", "Fish, salmon, Atlantic, wild, raw", 3.18),
        ("01077", "Milk, whole, 3.25% milkfat", 0.45),
        ("01123", "Egg, whole, raw, fresh", 0.89),
    ],
)
def test_b12_of_well_known_foods_against_sr28(ndb: str, name_start: str, b12_ug_per_100g: float
                                              ) -> None:  # fmt: skip
    food = {f.ndb: f for f in sr28_foods()}[ndb]
    assert food.name.startswith(name_start)
    assert food.b12_ug_per_100g == pytest.approx(b12_ug_per_100g)


def test_sr28_portions_from_weight_file() -> None:
    milk = {f.ndb: f for f in sr28_foods()}["01077"]
    assert (milk.portions[0].amount, milk.portions[0].unit, milk.portions[0].grams) == (
        1.0, "cup", 244.0)  # fmt: skip
    assert milk.group == "Dairy and Egg Products"


def test_sr28_added_b12_is_part_of_total_b12_up_to_rounding() -> None:
    fortified = [f for f in sr28_foods() if (f.b12_added_ug_per_100g or 0) > 0]
    assert len(fortified) > 100
    # SR28 rounds the two values separately: added may exceed total by 0.01 µg (e.g. 08046).
    assert all((f.b12_added_ug_per_100g or 0) <= (f.b12_ug_per_100g or 0) + 0.011
               for f in fortified)  # fmt: skip


def test_the_b12_only_extract_gives_the_same_values_as_the_7z(tmp_path: Path) -> None:
    small = {f.ndb: f for f in read_sr28(small_sr28(tmp_path / "sr28"))}
    full = {f.ndb: f for f in sr28_foods()}
    assert small.keys() == full.keys()
    assert all(small[k].b12_ug_per_100g == full[k].b12_ug_per_100g for k in full)


def test_parse_line_strips_tildes_and_empty_fields() -> None:
    record = parse_line("~01001~^~418~^0.17^4^^~1~^^^^1^0.13^0.22^^^^~2, 3~^03/2003^\r\n",
                        "NUT_DATA", "x")  # fmt: skip
    assert record[:3] == ["01001", "418", "0.17"]
    assert record[4] is None


def test_a_truncated_sr28_record_names_the_file_and_line(tmp_path: Path) -> None:
    folder = small_sr28(tmp_path / "sr28")
    with (folder / "WEIGHT.txt").open("a", encoding="latin-1") as handle:
        handle.write("~99999~^1^1\r\n")
    with pytest.raises(DataFileError, match=r"WEIGHT.txt line 1543[89]"):
        read_sr28(folder)


def test_a_missing_sr28_file_is_a_data_file_error(tmp_path: Path) -> None:
    folder = small_sr28(tmp_path / "sr28")
    (folder / "NUT_DATA.txt").unlink()
    with pytest.raises(DataFileError, match="NUT_DATA"):
        read_sr28(folder)


def test_a_corrupt_7z_is_a_data_file_error(tmp_path: Path) -> None:
    folder = small_sr28(tmp_path / "sr28")
    (folder / "NUT_DATA.txt").unlink()
    (folder / "NUT_DATA.7z").write_bytes(b"7z\xbc\xaf\x27\x1c not really")
    with pytest.raises(DataFileError, match="7-Zip"):
        read_sr28(folder)


def test_sr28_dir_is_the_shared_folder() -> None:
    assert (sr28_dir() / "NUT_DATA.7z").is_file()


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_fdc_fixture_folder_and_zip(tmp_path: Path, packed: bool) -> None:
    location = fdc_zip(tmp_path / "fdc.zip") if packed else fdc_folder(tmp_path / "fdc")
    foods = {f.fdc_id: f for f in read_fdc(location)}
    assert len(foods) == len(FDC_FOODS)
    milk, clam, cereal, spirulina = (foods[row[0]] for row in FDC_FOODS)
    assert (milk.ndb, milk.b12_ug_per_100g, milk.b12_added_ug_per_100g) == ("01077", 0.45, 0.0)
    assert clam.b12_ug_per_100g == 11.28 and clam.group == "Finfish and Shellfish Products"
    assert cereal.b12_added_ug_per_100g == 6.0
    assert spirulina.b12_added_ug_per_100g is None
    assert [(p.unit, p.grams) for p in milk.portions] == [("cup", 244.0), ("fl oz", 30.5)]
    assert clam.portions[0].label == "3 oz"
    assert milk.key == "ndb:01077"


def test_fdc_bad_number_names_file_and_line(tmp_path: Path) -> None:
    folder = fdc_folder(tmp_path / "fdc")
    text = (folder / "food_nutrient.csv").read_text(encoding="utf-8").replace('"11.28"', '"x"')
    (folder / "food_nutrient.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"food_nutrient.csv line \d+: amount 'x'"):
        read_fdc(folder)


def test_fdc_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "fdc.zip"
    bad.write_text("not a zip")
    with pytest.raises(DataFileError, match="zip"):
        read_fdc(bad)


def test_fdc_without_food_csv(tmp_path: Path) -> None:
    folder = fdc_folder(tmp_path / "fdc")
    (folder / "food.csv").unlink()
    with pytest.raises(DataFileError, match=r"food\.csv not found"):
        read_fdc(folder)
