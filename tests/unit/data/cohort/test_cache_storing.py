"""Writing a cache entry whose data is read before it is in place (``cache.storing``): a CSV
cohort's first analysis adds up its classified rows while they are flushed to disk. The entry
appears only when the block ends without an error, flushed before its rename, private (0700
folder, 0600 files); an error in the block or in the flush leaves no entry and no file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from b12.data.cohort import cache
from b12.services.cohort import CohortOptions, analyse_file, cache_entries
from tests.unit.data.cohort.test_cache import CSV_MAP, _close, _csv_cohort

KEY = "a" * 32


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache" / "b12"
    monkeypatch.setenv("B12_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def flushed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each fsync: the name of the file flushed, and whether an entry's data file (``.arrow``
    or ``.parquet``) was in place at that moment."""
    calls: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def recorded(fd: int) -> None:
        path = Path(f"/proc/self/fd/{fd}").readlink()
        in_place = any(p.suffix in (".arrow", ".parquet") for p in path.parent.iterdir())
        calls.append((path.name, in_place))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recorded)  # the module the cache calls it from
    return calls


def test_an_entry_read_while_flushed_appears_when_the_block_ends(
    cache_folder: Path, flushed: list[tuple[str, bool]]
) -> None:
    with cache.storing(KEY, lambda p: p.write_bytes(b"rows"), "test", suffix=".arrow") as data:
        assert data.read_bytes() == b"rows"  # readable before it is in place
        assert data.parent == cache_folder and data.name.startswith(".tmp-")
        assert stat.S_IMODE(data.stat().st_mode) == 0o600
        assert cache.lookup(KEY, ".arrow") is None and cache_entries() == []
    entry = cache.lookup(KEY, ".arrow")
    assert entry is not None and entry.read_bytes() == b"rows"
    assert flushed == [(data.name, False)]  # the data alone, before its rename
    assert [e.description for e in cache_entries()] == ["test"]
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in cache_folder.iterdir()) == [f"{KEY}.arrow", f"{KEY}.json"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cache_folder.iterdir())


class StopError(Exception):
    pass


def test_an_error_in_the_block_leaves_no_entry(cache_folder: Path) -> None:
    with (
        pytest.raises(StopError),
        cache.storing(KEY, lambda p: p.write_bytes(b"rows"), "test", suffix=".arrow"),
    ):
        raise StopError
    assert cache.lookup(KEY, ".arrow") is None
    assert list(cache_folder.iterdir()) == []  # the temporary file removed too


def test_a_failed_flush_leaves_no_entry(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with (
        pytest.raises(OSError, match="No space"),
        cache.storing(KEY, lambda p: p.write_bytes(b"rows"), "test", suffix=".arrow"),
    ):
        pass
    assert list(cache_folder.iterdir()) == []


def test_a_csv_first_analysis_adds_up_its_entry_before_it_is_in_place(
    cache_folder: Path, tmp_path: Path, flushed: list[tuple[str, bool]]
) -> None:
    """One pass over the file: the first analysis's sums read the written rows while they are
    flushed; its results are the fresh ones, and the data is flushed once, before its rename."""
    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    options = CohortOptions(by=["age_band", "sex"], where="age >= 40", suppress=False)
    fresh = analyse_file(
        str(source), CSV_MAP, CohortOptions(**{**options.__dict__, "cache": False})
    )
    assert flushed == []
    first = analyse_file(str(source), CSV_MAP, options)
    _close(first.rows, fresh.rows)
    assert len(flushed) == 1 and flushed[0][0].startswith(".tmp-") and not flushed[0][1]
    (entry,) = cache_entries()
    assert entry.path.suffix == ".arrow"
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)  # from the entry
    assert len(flushed) == 1


def test_a_csv_first_analysis_that_fails_leaves_no_entry(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sums over the written rows fail (as an interrupted analysis would): no entry, no
    plan, no temporary file; the next analysis classifies afresh."""
    from b12.data.cohort.engine import CohortEngine

    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    options = CohortOptions(by=["sex"], suppress=False)
    real = CohortEngine.fetch_sql

    def interrupted(self: CohortEngine, sql: str) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(CohortEngine, "fetch_sql", interrupted)
    with pytest.raises(KeyboardInterrupt):
        analyse_file(str(source), CSV_MAP, options)
    assert [p.name for p in cache_folder.iterdir()] == []
    monkeypatch.setattr(CohortEngine, "fetch_sql", real)
    fresh = analyse_file(
        str(source), CSV_MAP, CohortOptions(**{**options.__dict__, "cache": False})
    )
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    assert len(cache_entries()) == 1
