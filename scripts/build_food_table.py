"""Rebuild the bundled food table of b12 from the official USDA SR28 ASCII files.

Usage: python scripts/build_food_table.py [SR28_DIR] [OUT_DIR]
Defaults: ../shared/data/usda-sr28 beside the checkout, and src/b12/data/foods.
"""

from __future__ import annotations

import sys
from pathlib import Path

from b12.data.foods.bundled import select_common_foods, write_table
from b12.data.foods.sr28 import read_sr28

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
DEFAULT_OUT = REPO / "src" / "b12" / "data" / "foods"


def build(sr28_dir: Path, out_dir: Path) -> int:
    """Write the table and return the number of foods in it."""
    foods = select_common_foods(read_sr28(sr28_dir))
    write_table(foods, out_dir)
    return len(foods)


def main(argv: list[str]) -> int:
    sr28_dir = Path(argv[0]) if argv else DEFAULT_SR28
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    count = build(sr28_dir, out_dir)
    print(f"wrote {count} foods to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
