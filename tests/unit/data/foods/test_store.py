"""The SQLite food store: transactional, idempotent imports; the bundled table as fallback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from b12.data.foods import import_fdc, import_sr28, imports, load_index
from b12.data.foods.store import default_store_path, load_foods, replace_source
from b12.errors import DataFileError
from b12.settings import get_settings
from tests.foods_support import fdc_folder, small_sr28


def _dump(store: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT * FROM food ORDER BY source, food_id").fetchall() + (
            conn.execute("SELECT * FROM portion ORDER BY source, food_id, seq").fetchall()
        )


def test_import_sr28_then_reimport_is_idempotent(tmp_path: Path) -> None:
    folder, store = small_sr28(tmp_path / "sr28"), tmp_path / "store" / "foods.sqlite"
    first = import_sr28(folder, store)
    assert (first.foods, first.with_b12) == (8789, 7596)
    before = _dump(store)
    second = import_sr28(folder, store)
    assert second.foods == 8789
    assert _dump(store) == before
    assert [s.source for s in imports(store)] == ["usda-sr28"]


def test_a_broken_file_leaves_the_store_intact(tmp_path: Path) -> None:
    folder, store = small_sr28(tmp_path / "sr28"), tmp_path / "foods.sqlite"
    import_sr28(folder, store)
    before = _dump(store)
    text = (folder / "FOOD_DES.txt").read_text(encoding="latin-1")
    (folder / "FOOD_DES.txt").write_text(text[: len(text) // 2] + "\r\n~broken", "latin-1")
    with pytest.raises(DataFileError, match=r"FOOD_DES\.txt line"):
        import_sr28(folder, store)
    assert _dump(store) == before


def test_a_failure_while_writing_rolls_back(tmp_path: Path) -> None:
    store = tmp_path / "foods.sqlite"
    import_fdc(fdc_folder(tmp_path / "fdc"), store)
    before = _dump(store)
    good = load_foods(store)[0]
    with pytest.raises(AttributeError):  # the second row fails after the first was written
        replace_source(store, "fdc", "x", [good, object()])  # type: ignore[list-item]
    assert _dump(store) == before


def test_sr28_and_fdc_live_side_by_side(tmp_path: Path) -> None:
    store = tmp_path / "foods.sqlite"
    import_sr28(small_sr28(tmp_path / "sr28"), store)
    import_fdc(fdc_folder(tmp_path / "fdc"), store)
    assert {s.source: s.foods for s in imports(store)} == {"fdc": 4, "usda-sr28": 8789}
    fdc = load_foods(store, "fdc")
    assert {f.fdc_id for f in fdc} == {171265, 175180, 173944, 168462}
    assert next(f for f in fdc if f.fdc_id == 171265).portions[0].unit == "cup"


def test_index_uses_the_store_when_imported_else_the_bundled_table(tmp_path: Path) -> None:
    store = tmp_path / "foods.sqlite"
    assert load_index(store).foods[0].source == "bundled"
    import_fdc(fdc_folder(tmp_path / "fdc"), store)
    index = load_index(store)
    assert len(index) == 4
    assert index.by_id("fdc:175180") is not None
    assert index.by_id("ndb:15157") is not None


def test_not_a_database(tmp_path: Path) -> None:
    store = tmp_path / "foods.sqlite"
    store.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DataFileError, match="food store"):
        load_foods(store)


def test_store_location_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:  # fmt: skip
    monkeypatch.setenv("B12_FOOD_STORE", str(tmp_path / "x.sqlite"))
    assert default_store_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("B12_FOOD_STORE")
    get_settings.cache_clear()  # the settings are read once per process
    assert default_store_path().name == "foods.sqlite"
