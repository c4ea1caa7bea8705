"""The menu food table (staples, protein and energy) rebuilt from SR28 and compared byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import b12.data.foods as foods_package
from b12.data.foods.menu_table import (
    NUTRIENTS_FILE,
    STAPLE_PORTIONS_FILE,
    STAPLES_FILE,
    macros_by_ndb,
    staple_foods,
)
from tests.foods_support import sr28_dir

REPO = Path(__file__).resolve().parents[4]
PACKAGE_DATA = Path(foods_package.__file__).parent


def test_rebuilding_the_menu_table_from_sr28_gives_the_committed_files(tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_menu_table.py"
    done = subprocess.run(
        [sys.executable, str(script), str(sr28_dir()), str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "wrote nutrients" in done.stdout
    for name in (STAPLES_FILE, STAPLE_PORTIONS_FILE, NUTRIENTS_FILE):
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), name


def test_every_staple_has_protein_energy_and_a_portion() -> None:
    macros = macros_by_ndb()
    staples = staple_foods()
    assert len(staples) == 25
    for food in staples:
        assert food.ndb in macros and food.portions, food.name
    # SR28 whole milk (01077) as USDA publishes it: 3.15 g protein and 61 kcal per 100 g.
    assert macros["01077"].protein_g_per_100g == 3.15
    assert macros["01077"].energy_kcal_per_100g == 61
