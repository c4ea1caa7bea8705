"""A cohort file's own columns mapped to b12's canonical names (``b12 cohort run --map``).

``COLUMN=NAME[:UNIT]``: laboratory values are converted once, here, to canonical units with
:mod:`b12.units`, and :func:`mapped_units` tells the classification which unit each came from (its
bands then use the edges the source states in that unit); design columns that are not mapped make
every row its own PSU with weight 1.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from b12.data.cohort import kidney_blood
from b12.data.cohort.compile import ColumnUnits, mapped_from
from b12.data.cohort.pipeline import PSU, STRATUM, WEIGHT
from b12.errors import InputError
from b12.units import Analyte, find_unit

DESIGN_COLUMNS = ("weight", "stratum", "psu")
OTHER_COLUMNS = (
    "age",
    "sex",
    "grip_max",
    "bmi",
    "height_m",
    "body_weight_kg",
    "pregnant",
    "b12_below_lod",
    "mma_below_lod",
)
# Always present, empty when not mapped: the classification reads them.
_ALWAYS = ("b12", "holotc", "mma", "hcy", "age")

# Canonical name -> (the file's column, the unit its values are in; None: canonical or no unit).
ColumnMap = dict[str, tuple[str, str | None]]


def parse_mapping(specs: Sequence[str]) -> ColumnMap:
    """``COLUMN=NAME[:UNIT]`` specs as canonical name -> (column, unit), or InputError."""
    analytes = {a.value for a in Analyte}
    known = analytes | set(DESIGN_COLUMNS) | set(OTHER_COLUMNS)
    out: ColumnMap = {}
    for spec in specs:
        column, _, target = spec.partition("=")
        target, _, unit = target.partition(":")
        if not column or target not in known:
            raise InputError(
                f"expected COLUMN=NAME[:UNIT] with NAME one of "
                f"{', '.join(sorted(known))}; got {spec!r}",
                field="--map",
            )
        if unit and target not in analytes:
            raise InputError(f"{target} takes no unit", field="--map")
        out[target] = (column, find_unit(Analyte(target), unit).unit if unit else None)
    return out


def mapped_units(mapping: ColumnMap) -> ColumnUnits:
    """The unit each laboratory column was mapped from, where one was given."""
    return {name: unit for name, (_, unit) in mapping.items() if unit is not None}


def _canonical(raw: ir.Table, mapping: ColumnMap) -> dict[str, ir.Value]:
    """Mapped laboratory values in canonical units, and the other mapped columns as they are."""
    analytes = [a.value for a in Analyte]
    new: dict[str, ir.Value] = {}
    for name in (*analytes, *OTHER_COLUMNS):
        if name in mapping:
            column, unit = mapping[name]
            # A cast to the column's own type is no cast at all.
            new[name] = mapped_from(name, raw[column], unit) if name in analytes else raw[column]
        elif name in _ALWAYS:
            new[name] = ibis.null("float64")
    return new


# Columns the rules compare with words or truth values: the type each must have, in words.
_TYPED = {"sex": ("string", "text 'male' or 'female'"), "pregnant": ("boolean", "true or false")}


def _check_types(raw: ir.Table, mapping: ColumnMap) -> None:
    """A coded column (sex as 1/2, pregnant as 0/1) named before any rule compares it."""
    for name, (kind, wanted) in _TYPED.items():
        if name in mapping and type(raw[mapping[name][0]].type()).__name__.lower() != kind:
            column = mapping[name][0]
            raise InputError(
                f"column {column!r} mapped to {name} holds {raw[column].type()} values; b12 needs "
                f"{wanted} (recode the column first)",
                field="--map",
            )


def _design(raw: ir.Table, mapping: ColumnMap) -> dict[str, ir.Value]:
    """Weight, stratum and PSU: mapped, or 1 for everyone."""
    return {
        WEIGHT: raw[mapping["weight"][0]].cast("float64")
        if "weight" in mapping
        else ibis.literal(1.0),
        STRATUM: raw[mapping["stratum"][0]] if "stratum" in mapping else ibis.literal(1),
        PSU: raw[mapping["psu"][0]] if "psu" in mapping else ibis.literal(1),
    }


def mapped_table(
    raw: ir.Table, mapping: ColumnMap, source: str, kidney_blood_names: Collection[str]
) -> ir.Table:
    """``raw`` with b12's canonical columns; ``kidney_blood_names``: those the analysis uses."""
    for column, _ in mapping.values():
        if column not in raw.columns:
            raise InputError(f"column {column!r} is not in {source}", field="--map")
    _check_types(raw, mapping)
    new = _canonical(raw, mapping)
    named = set(kidney_blood_names)
    if problems := kidney_blood.unmet(named, set(mapping)):
        raise InputError("; ".join(problems), field="--map")
    if named:  # the expressions refer to these even when a lab eGFR replaces creatinine
        for name, kind in kidney_blood.UNMAPPED_TYPES.items():
            new.setdefault(name, ibis.null(kind))
    new.update(_design(raw, mapping))
    # Engines such as Spark match names case-insensitively: keep only unmapped raw columns whose
    # names cannot be confused with a canonical one.
    taken = {name.lower() for name in new}
    kept = {c: raw[c] for c in raw.columns if c.lower() not in taken}
    return raw.select(**kept, **new)


def _statistics(source: str, column: str | None) -> list[Any] | None:
    """Every row group's statistics of ``column`` in a Parquet file; None when unknown (not
    Parquet, unreadable, no row group, a group without statistics)."""
    path = Path(source)
    if column is None or path.suffix.lower() not in (".parquet", ".pq"):
        return None
    try:
        meta = pq.ParquetFile(path).metadata
        index = meta.schema.names.index(column)
        stats = [meta.row_group(g).column(index).statistics for g in range(meta.num_row_groups)]
    except (OSError, ValueError, pa.ArrowException):
        return None
    if not stats or any(s is None or not s.has_null_count for s in stats):
        return None
    return stats


def _all_above(stats: list[Any] | None, low: float, *, nulls: bool, closed: bool = False) -> bool:
    """Whether every value the statistics count is above ``low`` (at least, with ``closed``);
    with ``nulls``, missing values are allowed. A NaN does not enter Parquet's minimum: the
    statistics cannot rule it out."""
    if stats is None:
        return False
    for s in stats:
        if s.num_values == 0 and nulls:  # num_values counts the values present
            continue  # a group without a value
        if not s.has_min_max or not isinstance(s.min, (int, float)):
            return False
        if (not nulls and s.null_count) or not (s.min >= low if closed else s.min > low):
            return False
    return True


def _mapped(mapping: ColumnMap, name: str) -> str | None:
    return mapping[name][0] if name in mapping else None


def weights_all_positive(source: str, mapping: ColumnMap) -> bool:
    """Whether a Parquet file's own statistics show the mapped weight column present and above
    zero in every row group (then no weight needs setting to null); False when unknown."""
    return _all_above(_statistics(source, _mapped(mapping, "weight")), 0, nulls=False)


def markers_all_positive(source: str, mapping: ColumnMap) -> bool:
    """Whether a Parquet file's statistics show every value of cB12's four markers above zero
    where present (an unmapped marker is empty); False when unknown. A unit's factor is positive,
    so the canonical values are too."""
    mapped = [_mapped(mapping, name) for name in ("b12", "holotc", "mma", "hcy")]
    return all(
        column is None or _all_above(_statistics(source, column), 0, nulls=True)
        for column in mapped
    )


def ages_all_known(source: str, mapping: ColumnMap) -> bool:
    """Whether a Parquet file's statistics show an age of zero or more on every row; False when
    unknown."""
    stats = _statistics(source, _mapped(mapping, "age"))
    return _all_above(stats, 0, nulls=False, closed=True)
