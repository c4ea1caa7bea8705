"""What a Parquet file's own statistics prove about cB12's inputs (the short cut's facts)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from b12.data.cohort.mapping import ages_all_known, markers_all_positive, parse_mapping

MAP = parse_mapping([f"{c}={c}" for c in ("age", "b12", "holotc", "mma", "hcy")])
GOOD = {
    "age": [0.0, 40.0, 90.0],
    "b12": [300.0, None, 150.0],
    "holotc": [None, None, None],
    "mma": [0.2, 0.1, 0.3],
    "hcy": [9.0, 12.0, 8.0],
}


def _write(tmp_path: Path, name: str, **changes: list[float | None]) -> str:
    path = tmp_path / name
    pq.write_table(pa.table({**GOOD, **changes}, schema=_schema()), path, row_group_size=2)
    return str(path)


def _schema() -> pa.Schema:
    return pa.schema([(name, pa.float64()) for name in GOOD])


def test_positive_markers_with_gaps_and_ages_from_zero_are_known(tmp_path: Path) -> None:
    source = _write(tmp_path, "good.parquet")
    assert markers_all_positive(source, MAP)
    assert ages_all_known(source, MAP)


def test_a_zero_or_negative_marker_is_not_positive(tmp_path: Path) -> None:
    assert not markers_all_positive(_write(tmp_path, "zero.parquet", mma=[0.2, 0.0, 0.3]), MAP)
    assert not markers_all_positive(_write(tmp_path, "neg.parquet", b12=[300.0, 1.0, -1.0]), MAP)


def test_a_missing_or_negative_age_is_not_known(tmp_path: Path) -> None:
    assert not ages_all_known(_write(tmp_path, "none.parquet", age=[0.0, None, 90.0]), MAP)
    assert not ages_all_known(_write(tmp_path, "neg.parquet", age=[0.0, 40.0, -1.0]), MAP)


def test_unknown_without_statistics(tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("age,b12,holotc,mma,hcy\n40,300,70,0.2,9\n")
    assert not markers_all_positive(str(csv), MAP)
    assert not ages_all_known(str(csv), MAP)
    unmapped = parse_mapping(["b12=b12"])
    assert not ages_all_known(_write(tmp_path, "g.parquet"), unmapped)
