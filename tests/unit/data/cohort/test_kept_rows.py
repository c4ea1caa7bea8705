"""Kept classified rows on random survey designs: the sums a later analysis reads from a cache
entry (rows written by DuckDB, proportions' states packed into one code, design narrowed to 16
bits) give the estimates of the fresh query, which tests/property/test_estimates_agreement.py
checks against a row-level reference. Fresh and kept agreeing is not enough on its own (both
could be wrong in the same way), hence the reference there and the shared random designs here."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest
from hypothesis import HealthCheck, given, settings

from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.pipeline import (
    Cell,
    Target,
    TargetKind,
    estimates_from_sums,
    grouped_estimates,
    kept_rows,
    sums_over,
    sums_query,
)
from b12.settings import get_settings
from b12.stats.survey import SingletonPsu
from tests.property.test_estimates_agreement import designs, same_cells
from tests.unit.data.cohort.test_cache import CSV_MAP, _close, _csv_cohort


def _kept_cells(
    engine: CohortEngine, frame: pd.DataFrame, *, srs: bool, states: bool
) -> tuple[list[Cell], list[Cell]]:
    """The fresh estimates and those from the rows kept as a cache entry."""
    t = engine.table_from_pandas(frame)
    targets = [
        Target("low", TargetKind.PROPORTION, t.x < 148),
        Target("high", TargetKind.PROPORTION, t.x > 250),
        Target("in_a", TargetKind.PROPORTION, t.g == "a"),
        Target("x", TargetKind.MEAN, t.x),
    ]
    domain = t.age >= 40
    fresh = grouped_estimates(engine, t, targets, domain, ["g"], srs=srs, states=states)
    query = sums_query(t, targets, domain, ["g"], srs=srs, states=states)
    rows = kept_rows(query)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv("B12_CACHE_DIR", folder)
        get_settings.cache_clear()
        with engine.keeping_rows("k" * 32, "random", rows.narrow, lambda: rows.rows) as kept:
            entry = sums_over(engine.backend.table(kept[0]), rows.layout)
            sums = engine.fetch_sql(engine.sql_of(entry))
    get_settings.cache_clear()
    labels = {**query.labels, **rows.labels} if kept[1] else query.labels
    cells = estimates_from_sums(
        sums,
        targets,
        ["g"],
        srs=srs,
        singleton=SingletonPsu.ERROR,
        labels=labels,
        keyed=query.keyed,
    )
    return fresh, cells


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=designs())
@pytest.mark.parametrize(
    ("srs", "states"),
    [(False, True), (False, False), (True, True)],
    ids=["state-keyed", "filtered", "srs-state-keyed"],
)
def test_kept_rows_give_the_fresh_estimates(
    duckdb_engine: CohortEngine, frame: pd.DataFrame, srs: bool, states: bool
) -> None:
    fresh, kept = _kept_cells(duckdb_engine, frame, srs=srs, states=states)
    same_cells(kept, fresh)


@pytest.mark.parametrize(
    ("other", "kept_type"),
    [("", "int8"), ("unknown", "string"), ("M", "string")],
    ids=["missing-coded", "other-word-as-text", "letter-as-text"],
)
def test_sex_is_coded_in_kept_rows_only_when_every_value_is_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str, kept_type: str
) -> None:
    """A CSV file's kept rows hold sex as a code (female 0, male 1, missing null) when every
    value is one b12 knows; any other value stops the coding cast and the rows are kept as
    parsed. Either way the first and a later analysis give the fresh results, the other value
    and the missing one included as their own groups."""
    from b12.services.cohort import CohortOptions, analyse_file, cache_entries

    monkeypatch.setenv("B12_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "cohort.csv"
    _csv_cohort(source)
    lines = source.read_text().splitlines()
    # Every 11th person's sex replaced by `other` (empty: missing).
    lines[1:] = [
        line.replace(",female,", f",{other},").replace(",male,", f",{other},")
        if i % 11 == 0 else line
        for i, line in enumerate(lines[1:])
    ]  # fmt: skip
    source.write_text("\n".join(lines) + "\n")
    options = CohortOptions(by=["sex", "age_band"], where="age >= 30", suppress=False)
    fresh = analyse_file(str(source), CSV_MAP, replace(options, cache=False))
    first = analyse_file(str(source), CSV_MAP, options)
    later = analyse_file(str(source), CSV_MAP, options)
    _close(first.rows, fresh.rows)
    _close(later.rows, fresh.rows)
    assert {r["sex"] for r in fresh.rows} == {"female", "male", other or None}
    (entry,) = cache_entries()
    schema = ipc.open_file(pa.memory_map(str(entry.path))).schema
    assert str(schema.field("sex").type) == kept_type
