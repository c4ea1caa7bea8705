"""Rebuild the menu planner's food tables from the official USDA SR28 ASCII files.

Usage: python scripts/build_menu_table.py [SR28_DIR] [OUT_DIR]
Defaults: ../shared/data/usda-sr28 beside the checkout, and src/b12/data/foods.

Writes ``menu_staples.csv`` / ``menu_staple_portions.csv`` (plant staples the bundled B12 table leaves
out: breads, grains, legumes, nuts, fruit and vegetables, in the bundled table's layout) and
``menu_nutrients.csv`` (protein, SR28 nutrient 203, g, energy, 208, kcal, and sodium, 307, mg, per
100 g) for every bundled food and staple; a food SR28 gives no sodium value has an empty sodium
cell (the planner then never suggests it new). The staple list is a data-selection choice, not a clinical one.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

from b12.data.foods.bundled import bundled_foods, write_table
from b12.data.foods.sr28 import parse_line, read_sr28

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
DEFAULT_OUT = REPO / "src" / "b12" / "data" / "foods"
PROTEIN, ENERGY, SODIUM = "203", "208", "307"
STAPLES = (
    "08120",  # oats, dry
    "09003",  # apples
    "09040",  # bananas
    "09200",  # oranges
    "11091",  # broccoli, boiled
    "11124",  # carrots, raw
    "11313",  # green peas, boiled
    "11365",  # potatoes, boiled
    "11457",  # spinach, raw
    "11529",  # tomatoes, raw
    "12036",  # sunflower seeds
    "12061",  # almonds
    "12166",  # tahini
    "16015",  # black beans, boiled
    "16028",  # kidney beans, boiled
    "16057",  # chickpeas, boiled
    "16070",  # lentils, boiled
    "16126",  # tofu, firm
    "16398",  # peanut butter
    "18069",  # white bread
    "18075",  # whole-wheat bread
    "20037",  # brown rice, cooked
    "20045",  # white rice, cooked
    "20121",  # pasta, cooked
    "20137",  # quinoa, cooked
)


def _nutrients(sr28_dir: Path, wanted: set[str]) -> dict[str, dict[str, str]]:
    import py7zr

    values: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with py7zr.SevenZipFile(sr28_dir / "NUT_DATA.7z", mode="r") as seven:
            seven.extractall(tmp)
        path = next(Path(tmp).rglob("NUT_DATA.txt"))
        with path.open(encoding="latin-1", newline="") as handle:
            for number, line in enumerate(handle, 1):
                record = parse_line(line, "NUT_DATA", f"line {number}")
                ndb, nutrient, value = record[0], record[1], record[2]
                if ndb in wanted and nutrient in (PROTEIN, ENERGY, SODIUM) and value is not None:
                    values.setdefault(ndb, {})[nutrient] = value
    return values


def build(sr28_dir: Path, out_dir: Path) -> int:
    """Write the three files and return the number of foods with nutrients."""
    staples = [f for f in read_sr28(sr28_dir) if f.ndb in STAPLES]
    with tempfile.TemporaryDirectory() as tmp:
        foods_csv, portions_csv = write_table(staples, Path(tmp))
        (out_dir / "menu_staples.csv").write_bytes(foods_csv.read_bytes())
        (out_dir / "menu_staple_portions.csv").write_bytes(portions_csv.read_bytes())
    ndbs = sorted({f.ndb for f in (*bundled_foods(), *staples) if f.ndb})
    values = _nutrients(sr28_dir, set(ndbs))
    with (out_dir / "menu_nutrients.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("ndb", "protein_g_per_100g", "energy_kcal_per_100g", "sodium_mg_per_100g"))
        for ndb in ndbs:
            got = values.get(ndb, {})
            if PROTEIN in got and ENERGY in got:
                writer.writerow((ndb, got[PROTEIN], got[ENERGY], got.get(SODIUM, "")))
    return len(values)


def main(argv: list[str]) -> int:
    sr28_dir = Path(argv[0]) if argv else DEFAULT_SR28
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    count = build(sr28_dir, out_dir)
    print(f"wrote nutrients for {count} foods to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
