"""Kept plans (b12.data.cohort.plans): a repeated analysis runs the kept SQL and gives what a
fresh one gives; every part of the key compiles afresh; plans are private and go with
`cohort cache clear`. A CSV file keeps its classified rows with the plan: the same tests run on
both (a later CSV analysis neither parses nor classifies)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from b12.data.cohort import cache, plans
from b12.services.cohort import CohortOptions, analyse_file, analyse_nhanes, clear_cache
from b12.services.cohort import analyse as analyse_module
from b12.settings import get_settings

from .test_cache import _close


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("B12_CACHE_DIR", str(folder))
    get_settings.cache_clear()
    return folder


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the analyses that build and compile their expression (a kept plan skips it)."""
    count: list[int] = []
    real = analyse_module._plan

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(analyse_module, "_plan", counted)
    return count


def _cohort(path: Path, rows: int = 600, shift: float = 0.0) -> None:
    """A small cohort (Parquet, or CSV by the suffix): 4 strata x 2 PSUs, every marker, some
    missing."""
    data: dict[str, list[Any]] = {k: [] for k in ("AGE", "SEX", "SB12", "HOLO", "MMA", "HCY")}
    data |= {"W": [], "STR": [], "PSU": []}
    for i in range(rows):
        data["AGE"].append(float(20 + i % 70))
        data["SEX"].append("female" if i % 3 else "male")
        data["SB12"].append(None if i % 17 == 0 else 90.5 + (i * 37) % 600 + shift)
        data["HOLO"].append(float(20 + i % 90))
        data["MMA"].append(0.1 + (i % 23) / 40)
        data["HCY"].append(float(6 + i % 19))
        data["W"].append(float(1000 + (i * 53) % 9000))
        data["STR"].append(i % 4)
        data["PSU"].append((i // 4) % 2)
    if path.suffix == ".csv":
        pa_csv.write_csv(pa.table(data), path)
    else:
        pq.write_table(pa.table(data), path)


SUFFIXES = pytest.mark.parametrize("suffix", [".parquet", ".csv"])

MAP = ["AGE=age", "SEX=sex", "SB12=b12:pg/mL", "HOLO=holotc", "MMA=mma", "HCY=hcy",
       "W=weight", "STR=stratum", "PSU=psu"]  # fmt: skip
OPTIONS = CohortOptions(by=["age_band", "sex"], where="age >= 40", suppress=False)


def _run(source: Path, mapping: list[str] = MAP, **changes: Any) -> list[dict[str, Any]]:
    options = CohortOptions(**{**OPTIONS.__dict__, **changes})
    return analyse_file(str(source), mapping, options).rows


@pytest.mark.parametrize(
    "options",
    [
        OPTIONS,
        CohortOptions(
            indicators=["b12_deficient", "cb12_low"], means=["hcy"], by=["nice_b12"], suppress=False
        ),
        CohortOptions(by=["sex"], suppress=False),  # every standard indicator: filtered sums
    ],
    ids=["state-keyed", "mean-and-codes", "filtered"],
)
@SUFFIXES
def test_a_kept_plan_gives_the_fresh_results(
    cache_folder: Path, tmp_path: Path, compiles: list[int], options: CohortOptions, suffix: str
) -> None:
    source = (tmp_path / "cohort").with_suffix(suffix)
    _cohort(source)
    fresh = analyse_file(str(source), MAP, CohortOptions(**{**options.__dict__, "cache": False}))
    first = analyse_file(str(source), MAP, options)  # compiles and keeps the plan
    later = analyse_file(str(source), MAP, options)  # runs the kept SQL
    assert len(compiles) == 2  # the uncached run and the first; never the later one
    _close(first.rows, fresh.rows)
    _close(later.rows, fresh.rows)
    assert later.rules == fresh.rules and later.notes == fresh.notes
    assert len(list(cache_folder.glob("*.plan"))) == 1
    assert len(list(cache_folder.glob("*.arrow"))) == (suffix == ".csv")  # the classified rows


def test_a_kept_plan_on_nhanes_equals_a_fresh_analysis(
    cache_folder: Path, nhanes_dir: Path, compiles: list[int]
) -> None:
    options = CohortOptions(where="age >= 60", by=["age_band", "sex"])
    cycle = [nhanes_dir / "2013-2014"]
    fresh = analyse_nhanes(cycle, CohortOptions(**{**options.__dict__, "cache": False}))
    analyse_nhanes(cycle, options)
    later = analyse_nhanes(cycle, options)
    assert len(compiles) == 2
    _close(later.rows, fresh.rows)
    assert later.notes == fresh.notes and later.rules == fresh.rules


@SUFFIXES
def test_every_key_part_compiles_afresh(
    cache_folder: Path,
    tmp_path: Path,
    compiles: list[int],
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    source = (tmp_path / "cohort").with_suffix(suffix)
    _cohort(source)
    expected = _run(source)
    _run(source)
    assert len(compiles) == 1

    def recompiles(run: Any) -> None:
        before = len(compiles)
        run()
        assert len(compiles) == before + 1
        run()  # and is kept under the new key
        assert len(compiles) == before + 1

    mtime = source.stat().st_mtime_ns
    os.utime(source, ns=(mtime, mtime + 1_000_000_000))
    recompiles(lambda: _run(source))  # modification time
    _cohort(source, rows=601)
    os.utime(source, ns=(mtime, mtime + 1_000_000_000))
    recompiles(lambda: _run(source))  # size (same time as before)
    moved = (tmp_path / "elsewhere").with_suffix(suffix)
    shutil.copy2(source, moved)
    recompiles(lambda: _run(moved))  # path
    _cohort(source)  # the first content again, under a new time: the first results
    os.utime(source, ns=(mtime, mtime + 2_000_000_000))
    recompiles(lambda: _close(_run(source), expected))
    canonical = [m.replace("SB12=b12:pg/mL", "SB12=b12") for m in MAP]
    recompiles(lambda: _run(source, canonical))  # unit of a mapped column
    fewer = [m for m in MAP if not m.startswith("HOLO")]
    recompiles(lambda: _run(source, fewer))  # mapping (and so the markers)
    for change in (
        {"where": "age >= 50"},
        {"by": ["sex"]},
        {"indicators": ["b12_deficient"]},
        {"means": ["hcy"]},
        {"singleton": "certainty"},
    ):
        recompiles(lambda change=change: _run(source, **change))  # the request
    monkeypatch.setattr(cache, "rule_version", lambda: "another rule set")
    recompiles(lambda: _run(source))  # b12's rules
    monkeypatch.setattr(plans, "code_digest", lambda: "other code")
    recompiles(lambda: _run(source))  # the code that writes the SQL
    monkeypatch.setattr(duckdb, "__version__", "0.0.0")
    recompiles(lambda: _run(source))  # the engine's version


@SUFFIXES
def test_plans_are_private_cleared_and_rebuilt_when_damaged(
    cache_folder: Path, tmp_path: Path, compiles: list[int], suffix: str
) -> None:
    source = (tmp_path / "cohort").with_suffix(suffix)
    _cohort(source)
    expected = _run(source)
    (plan,) = cache_folder.glob("*.plan")
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700
    assert not list(cache_folder.glob(".tmp-*"))
    plan.write_text("{not json")
    _close(_run(source), expected)  # unreadable: compiled again and replaced
    assert len(compiles) == 2
    _run(source)
    assert len(compiles) == 2
    clear_cache()
    assert not list(cache_folder.glob("*.plan"))
    _run(source)
    assert len(compiles) == 3


def test_the_kept_sql_moves_to_another_table() -> None:
    plan = plans.Plan('SELECT 1 FROM "ibis_read_parquet_ab12" AS "t0"', "ibis_read_parquet_ab12",
                      (), False, {}, {})  # fmt: skip
    assert plan.sql_on("b12_cohort_7_1") == 'SELECT 1 FROM "b12_cohort_7_1" AS "t0"'
    assert plans.Plan.from_json(plan.to_json()) == plan
    assert not plans.compiles_on(plan.sql, "ibis_read_parquet_ab")  # a name only as a prefix


def test_weights_known_positive_give_the_same_results(cache_folder: Path, tmp_path: Path) -> None:
    """A Parquet file whose statistics show every weight above zero is summed without NULLIF;
    the same rows as CSV (no statistics: NULLIF per row) give the same estimates."""
    from b12.data.cohort.mapping import parse_mapping, weights_all_positive

    source = tmp_path / "cohort.parquet"
    _cohort(source)
    columns = parse_mapping(MAP)
    assert weights_all_positive(str(source), columns)
    as_csv = tmp_path / "cohort.csv"
    pq.read_table(source).to_pandas().to_csv(as_csv, index=False)
    assert not weights_all_positive(str(as_csv), columns)
    _close(_run(source), _run(as_csv))
    table = pq.read_table(source)
    weights = table["W"].to_pylist()
    for bad in (0.0, None):  # a zero or a missing weight: NULLIF stays
        changed = tmp_path / f"cohort-{bad}.parquet"
        pq.write_table(table.set_column(6, "W", pa.array([bad, *weights[1:]])), changed)
        assert not weights_all_positive(str(changed), columns)
