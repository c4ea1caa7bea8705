"""The cohort cache: cached and fresh results are identical, every key change invalidates, and
entries are private (0700 folder, 0600 files), atomic and never beside the source."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from b12.cli.main import app
from b12.data.cohort import cache, nhanes
from b12.services.cohort import CohortOptions, analyse_nhanes, cache_entries, clear_cache

# The files b12 reads for 2013-2014 without blood-count or dietary variables.
FILES = ("DEMO_H.XPT", "VITB12_H.XPT", "MMA_H.XPT", "MGX_H.XPT", "BMX_H.XPT", "BIOPRO_H.XPT")


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache" / "b12"
    monkeypatch.setenv("B12_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def cycle(nhanes_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the 2013-2014 files, so the test may touch them."""
    folder = tmp_path / "2013-2014"
    folder.mkdir()
    for name in FILES:
        shutil.copy2(nhanes_dir / "2013-2014" / name, folder / name)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real reads of the XPT files (a cache miss reads them, a hit does not)."""
    count: list[int] = []
    real = nhanes.read_nhanes

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(nhanes, "read_nhanes", counted)
    return count


@pytest.mark.parametrize(
    "options",
    [
        CohortOptions(where="age >= 60", by=["age_band", "sex"]),
        CohortOptions(indicators=["b12_deficient"], means=["grip_max"], by=["b12_band"]),
        CohortOptions(where="age >= 60", regress="grip_max ~ b12_deficient + age + sex + bmi"),
    ],
    ids=["prevalence", "mean", "regression"],
)
def test_cached_results_equal_fresh_ones(
    cache_folder: Path, cycle: Path, reads: list[int], options: CohortOptions
) -> None:
    fresh = analyse_nhanes([cycle], CohortOptions(**{**options.__dict__, "cache": False}))
    first = analyse_nhanes([cycle], options)  # reads and stores
    again = analyse_nhanes([cycle], options)  # from the cache
    assert len(reads) == 2  # the uncached run and the first cached one; never the third
    _close(first.rows, fresh.rows)
    _close(again.rows, fresh.rows)
    assert again.notes == fresh.notes and again.rules == fresh.rules
    assert len(cache_entries()) == 1


def _read(cycle: Path, **kwargs: Any) -> None:
    nhanes.read_nhanes_cached([cycle], **kwargs)


def test_every_key_change_invalidates(
    cache_folder: Path, cycle: Path, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _read(cycle)
    _read(cycle)
    assert len(reads) == 1
    demo = cycle / "DEMO_H.XPT"
    os.utime(demo, ns=(demo.stat().st_atime_ns, demo.stat().st_mtime_ns + 1_000_000_000))
    _read(cycle)  # modification time
    assert len(reads) == 2
    extra = cycle / "readme.txt"
    extra.write_text("a")
    _read(cycle)  # a file more
    assert len(reads) == 3
    mtime = extra.stat().st_mtime_ns
    extra.write_text("ab")
    os.utime(extra, ns=(mtime, mtime))
    _read(cycle)  # the size alone
    assert len(reads) == 4
    _read(cycle, diet=False, need=["egfr"])  # what the analysis needs
    assert len(reads) == 5
    moved = cycle.parent / "moved" / "2013-2014"
    shutil.copytree(cycle, moved)  # same content and times, another path
    _read(moved)
    assert len(reads) == 6
    monkeypatch.setattr(cache, "rule_version", lambda: "another rule set")
    _read(cycle)  # b12's rules changed
    assert len(reads) == 7
    _read(cycle)
    assert len(reads) == 7


def test_rule_version_follows_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from b12.core import rules

    before = cache.rule_version()
    rule = next(iter(rules.REGISTRY.values()))
    changed = {**rule.parameters, "test_only": 1.0}
    monkeypatch.setitem(
        rules._REGISTRY, rule.id, rule.__class__(**{**rule.__dict__, "parameters": changed})
    )
    assert cache.rule_version() != before


def test_entries_are_private_atomic_and_never_beside_the_source(
    cache_folder: Path, cycle: Path
) -> None:
    before = sorted(p.name for p in cycle.iterdir())
    _read(cycle)
    assert sorted(p.name for p in cycle.iterdir()) == before
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700
    files = list(cache_folder.iterdir())
    assert {p.suffix for p in files} == {".parquet", ".json"}  # no temporary file left
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def test_a_damaged_entry_is_rebuilt(cache_folder: Path, cycle: Path, reads: list[int]) -> None:
    _read(cycle)
    (entry,) = cache_entries()
    entry.path.write_bytes(b"not parquet")
    _read(cycle)
    assert len(reads) == 2
    assert cache_entries()[0].size_bytes > 100


def test_list_and_clear(cache_folder: Path, cycle: Path) -> None:
    assert clear_cache() == 0  # nothing yet, and no folder made
    _read(cycle)
    _read(cycle, need=["egfr"])
    assert [e.description for e in cache_entries()] == ["NHANES 2013-2014"] * 2
    runner = CliRunner()
    listed = runner.invoke(app, ["cohort", "cache", "list"])
    assert listed.exit_code == 0
    assert f"2 prepared cohort(s) in {cache_folder}" in listed.output
    cleared = runner.invoke(app, ["cohort", "cache", "clear"])
    assert cleared.exit_code == 0 and "removed 2 prepared cohort(s)" in cleared.output
    assert cache_entries() == [] and list(cache_folder.iterdir()) == []


def _csv_cohort(path: Path, rows: int = 400) -> None:
    """A small mapped cohort as CSV: 4 strata x 2 PSUs, every marker, some missing."""
    lines = ["AGE,SEX,SB12,HOLO,MMA_N,HCY,W,STR,PSU"]
    for i in range(rows):
        b12 = "" if i % 17 == 0 else f"{90 + (i * 37) % 600}.5"
        lines.append(
            f"{20 + i % 70},{'female' if i % 3 else 'male'},{b12},{20 + i % 90},"
            f"{0.1 + (i % 23) / 40:.3f},{6 + i % 19},{1000 + (i * 53) % 9000},{i % 4},{(i // 4) % 2}"
        )
    path.write_text("\n".join(lines) + "\n")


CSV_MAP = [
    "AGE=age", "SEX=sex", "SB12=b12:pg/mL", "HOLO=holotc", "MMA_N=mma", "HCY=hcy",
    "W=weight", "STR=stratum", "PSU=psu",
]  # fmt: skip


def _close(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    """Equal rows: counts, labels, flags and rules exactly, floats to 1e-12 relative (and absolute
    near zero). DuckDB adds in parallel, so even two fresh runs may differ in the last bits: a
    regression intercept of 52.68 kg differed by 1.5e-12 (2.8e-14 relative) between two runs."""
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.keys() == y.keys()
        for key, value in x.items():
            if isinstance(value, float):
                assert value == pytest.approx(y[key], abs=1e-12, rel=1e-12)
            else:
                assert value == y[key]


def test_a_csv_cohort_is_parsed_once(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from b12.data.cohort.engine import CohortEngine
    from b12.services.cohort import analyse_file

    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    parsed: list[int] = []
    real = CohortEngine.read_source

    def counted(self: CohortEngine, src: str) -> Any:
        parsed.append(1)
        return real(self, src)

    monkeypatch.setattr(CohortEngine, "read_source", counted)
    options = CohortOptions(by=["age_band", "sex"], where="age >= 40", suppress=False)
    fresh = analyse_file(
        str(source), CSV_MAP, CohortOptions(**{**options.__dict__, "cache": False})
    )
    first = analyse_file(str(source), CSV_MAP, options)
    later = analyse_file(str(source), CSV_MAP, options)
    assert len(parsed) == 2  # the uncached run and the first cached one
    _close(first.rows, fresh.rows)
    _close(later.rows, fresh.rows)
    mtime = source.stat().st_mtime_ns
    os.utime(source, ns=(mtime, mtime + 1_000_000_000))
    analyse_file(str(source), CSV_MAP, options)  # the file changed: parsed again
    assert len(parsed) == 3
    newest = cache_entries()[0]
    newest.path.write_bytes(b"not arrow")
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)  # damaged: parsed again
    assert len(parsed) == 4
    newest.path.unlink()  # gone, its plan kept: parsed and classified again
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    assert len(parsed) == 5
    parsed.pop()
    assert len(parsed) == 4
    assert [e.description for e in cache_entries()] == ["cohort.csv (classified)"] * 2
    assert all(stat.S_IMODE(e.path.stat().st_mode) == 0o600 for e in cache_entries())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.csv", "user-cache"]


def test_a_csv_entry_holds_the_classified_rows_only(cache_folder: Path, tmp_path: Path) -> None:
    """An estimate's entry holds one row per person with only what its sums read: the groups
    (integer codes where b12 has them, sex too; an unmapped column as it is), the design
    (narrowed to 16 bits), the proportions' states (packed into one code) or the targets'
    values, the domain and the weight; no laboratory value and none of the extract's other
    columns. Another request or mapping is
    another entry, and each gives the results of a fresh parse."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from b12.services.cohort import analyse_file

    source = _wider_csv(tmp_path)
    states = CohortOptions(by=["age_band", "REGION"], where="notnull(REGION)", suppress=False,
                           indicators=["b12_deficient", "cb12_low"])  # fmt: skip
    filtered = CohortOptions(by=["sex"], means=["hcy"], where="age >= 40", suppress=False)
    narrower = [m for m in CSV_MAP if not m.startswith("HCY=")]
    for options, mapping in ((states, CSV_MAP), (filtered, CSV_MAP), (states, narrower)):
        fresh = analyse_file(
            str(source), mapping, CohortOptions(**{**options.__dict__, "cache": False})
        )
        _close(analyse_file(str(source), mapping, options).rows, fresh.rows)
        _close(analyse_file(str(source), mapping, options).rows, fresh.rows)
    entries = cache_entries()
    assert len(entries) == 3  # one per request and mapping
    schemas = {ipc.open_file(pa.memory_map(str(e.path))).schema for e in entries}
    fields = {tuple((f.name, str(f.type)) for f in schema) for schema in schemas}
    design = (("stratum", "int16"), ("psu", "int16"))
    proportions = tuple((f"_v{i}", "bool") for i in range(16))  # every standard indicator
    assert fields == {
        (("age_band", "int8"), ("REGION", "string"), *design, ("_wt", "double"),
         ("_st", "int16")),  # two states packed into one code
        (("age_band", "int8"), ("REGION", "string"), *design, ("_y0", "bool"),
         ("_wt", "double")),  # no homocysteine: cB12 is empty and left out
        (("sex", "int8"), *design, *proportions, ("_v16", "double"), ("_wt", "double"),
         ("_in", "bool")),  # sex coded: female 0, male 1
    }  # fmt: skip
    assert all(e.path.suffix == ".arrow" for e in entries)
    assert all(stat.S_IMODE(e.path.stat().st_mode) == 0o600 for e in entries)
    assert clear_cache() == 3 and not any(cache_folder.glob("*.arrow"))


def _wider_csv(tmp_path: Path) -> Path:
    """The small cohort with a free-text column and a region."""
    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    lines = source.read_text().splitlines()
    regions = ("north", "south")
    wider = [f"{lines[0]},NOTE,REGION"] + [
        f"{line},free text {i},{regions[i % 2]}" for i, line in enumerate(lines[1:])
    ]
    source.write_text("\n".join(wider) + "\n")
    return source


def test_design_codes_beyond_16_bits_are_kept_as_parsed(cache_folder: Path, tmp_path: Path) -> None:
    """A PSU number that does not fit 16 bits stops the narrowing cast: the entry keeps the
    parsed type, and the results are a fresh parse's."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from b12.services.cohort import analyse_file

    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    lines = source.read_text().splitlines()
    source.write_text("\n".join([lines[0], *(f"{x[: x.rindex(',')]},{70000 + int(x[-1])}"
                                              for x in lines[1:])]) + "\n")  # fmt: skip
    options = CohortOptions(by=["sex"], suppress=False)
    fresh = analyse_file(
        str(source), CSV_MAP, CohortOptions(by=["sex"], suppress=False, cache=False)
    )
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    (entry,) = cache_entries()
    schema = ipc.open_file(pa.memory_map(str(entry.path))).schema
    assert str(schema.field("psu").type) == "int64" and str(schema.field("stratum").type) == "int64"


def test_a_csv_regression_keeps_the_parsed_columns_it_names(
    cache_folder: Path, tmp_path: Path
) -> None:
    """A regression (several passes over the classification) keeps the parsed file instead: the
    mapped columns and the unmapped ones the request names, no other."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from b12.services.cohort import analyse_file

    source = _wider_csv(tmp_path)
    options = CohortOptions(regress="hcy ~ age + sex", where="notnull(REGION)", suppress=False)
    fresh = analyse_file(
        str(source), CSV_MAP, CohortOptions(**{**options.__dict__, "cache": False})
    )
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    _close(analyse_file(str(source), CSV_MAP, options).rows, fresh.rows)
    (entry,) = cache_entries()
    assert entry.description == "cohort.csv"
    assert ipc.open_file(pa.memory_map(str(entry.path))).schema.names == [
        "AGE", "SEX", "SB12", "HOLO", "MMA_N", "HCY", "W", "STR", "PSU", "REGION",
    ]  # fmt: skip


def test_only_the_data_is_flushed_and_a_damaged_metadata_file_costs_no_result(
    cache_folder: Path, cycle: Path, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Parquet data is fsynced before the metadata names it; the metadata and a kept plan
    are not (a crash may leave them empty: the entry is then unlisted, its data still right)."""
    flushed: list[str] = []
    real_fsync = os.fsync

    def recorded(fd: int) -> None:
        flushed.append(Path(f"/proc/self/fd/{fd}").readlink().name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recorded)  # the module the cache calls it from
    options = CohortOptions(where="age >= 60", by=["age_band", "sex"])
    fresh = analyse_nhanes([cycle], CohortOptions(**{**options.__dict__, "cache": False}))
    analyse_nhanes([cycle], options)  # stores the entry and the plan
    assert len(flushed) == 1 and flushed[0].startswith(".tmp-")  # one file, before its rename
    assert {p.suffix for p in cache_folder.iterdir()} == {".parquet", ".json", ".plan"}
    (meta,) = cache_folder.glob("*.json")
    meta.write_text("")  # as a crash may leave a file that was never flushed
    (plan,) = cache_folder.glob("*.plan")
    plan.write_text("")
    assert cache_entries() == []  # unlisted
    again = analyse_nhanes([cycle], options)  # the data is read from the cache, the plan rebuilt
    assert len(reads) == 2
    _close(again.rows, fresh.rows)
    assert clear_cache() == 1 and list(cache_folder.iterdir()) == []


def test_packed_states_decode_to_every_combination() -> None:
    """Three proportions' states (true, false, missing) packed into one code and decoded after
    the aggregation give back each of the 27 combinations with its own count."""
    import itertools

    import ibis
    import pyarrow as pa

    from b12.data.cohort.pipeline import RowLayout, packed_states, sums_over

    combos = list(itertools.product((True, False, None), repeat=3))
    rows = [c for i, c in enumerate(combos) for _ in range(i + 1)]  # combination i: i + 1 rows
    table = pa.table({"g": [1] * len(rows), **{f"_y{j}": [r[j] for r in rows] for j in range(3)},
                      "_wt": [1.0] * len(rows)})  # fmt: skip
    layout = RowLayout(("g", "_y0", "_y1", "_y2"), (), domain=False, srs=False, keyed=True)
    t = ibis.memtable(table)
    packed, packed_layout = packed_states({name: t[name] for name in t.columns}, layout)
    assert packed_layout.keys == ("g", "_st") and packed_layout.packed == ("_y0", "_y1", "_y2")
    sums = ibis.duckdb.connect().execute(sums_over(t.select(**packed), packed_layout))

    def state(value: Any) -> bool | None:
        return None if value is None or value != value else bool(value)  # NaN: missing

    records = sums.astype(object).to_dict("records")
    counts = {tuple(state(r[f"_y{j}"]) for j in range(3)): r["_n"] for r in records}
    assert counts == {c: i + 1 for i, c in enumerate(combos)}
