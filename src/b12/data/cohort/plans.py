"""Kept plans: a repeated analysis of the same cohort runs its SQL without building or compiling
the Ibis expression again.

On a cached NHANES cohort, building the analysis's Ibis expression (the classification, the
indicators, the per-PSU sums) and compiling it to SQL cost 60-100 ms, more than the DuckDB query
itself (docs/cohort-benchmarks.md, "First vs repeated analysis"). A plan is that SQL plus what the
driver needs to finish the estimates (each target's name and kind, the form of the sums, the labels of
the integer-coded groups, the rules each target cites). It is kept in the cohort cache folder
(:mod:`b12.data.cohort.cache`: 0700 folder, 0600 file, atomic write) under a key made of the
data's own key (the source files' paths, sizes and modification times), everything about the
request (options, column mapping and units), b12's version and rule registry, a digest of the
code that writes the SQL, and the Ibis and DuckDB versions, so a change to any of them compiles
afresh. DuckDB only: Spark plans its own queries, and its tables have no such key.

The SQL names the table it reads; a later analysis registers the same data under another name,
which replaces the kept one (a generated name, quoted, so it cannot occur elsewhere in the SQL).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path
from typing import Any

import duckdb
import ibis

from b12.data.cohort import cache
from b12.data.cohort.psu_estimates import Estimand, TargetKind

# The code whose output a plan holds: the cohort modules that build the SQL and read its result.
_CODE = (Path(__file__).parent, Path(__file__).parents[2] / "services" / "cohort")


@once
def code_digest() -> str:
    """A digest of the cohort modules' source (a development checkout changes without a new
    version number, and an old plan must not outlive the code that wrote it)."""
    digest = hashlib.sha256()
    for folder in _CODE:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Plan:
    """An analysis compiled once: its SQL and what the driver needs to finish it."""

    sql: str
    source: str  # the name of the table the SQL reads
    targets: tuple[Estimand, ...]
    keyed: bool
    labels: dict[str, tuple[str, ...]]
    rules: dict[str, tuple[str, ...]]  # target name -> the rule ids it cites

    def sql_on(self, source: str) -> str:
        """The SQL reading table ``source`` instead of the one it was compiled on."""
        return self.sql.replace(_quoted(self.source), _quoted(source))

    def to_json(self) -> str:
        return json.dumps(
            {
                "sql": self.sql,
                "source": self.source,
                "targets": [[t.name, t.kind.value, t.empty] for t in self.targets],
                "keyed": self.keyed,
                "labels": self.labels,
                "rules": self.rules,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Plan:
        data = json.loads(text)
        return cls(
            sql=str(data["sql"]),
            source=str(data["source"]),
            targets=tuple(
                Estimand(str(n), TargetKind(k), empty=bool(e)) for n, k, e in data["targets"]
            ),
            keyed=bool(data["keyed"]),
            labels={k: tuple(v) for k, v in data["labels"].items()},
            rules={k: tuple(v) for k, v in data["rules"].items()},
        )


def _quoted(name: str) -> str:
    return f'"{name}"'


def compiles_on(sql: str, source: str) -> bool:
    """Whether the SQL names ``source`` (quoted) and so can be moved to another table."""
    return _quoted(source) in sql


def plan_key(parts: Mapping[str, Any]) -> str:
    """The key of the plan for ``parts`` (the data's key and the request)."""
    versions = {"code": code_digest(), "ibis": ibis.__version__, "duckdb": duckdb.__version__}
    return cache.entry_key({"kind": "plan", **parts, "versions": versions})


def load(key: str) -> Plan | None:
    """The kept plan, or None (none kept, or unreadable: then it is compiled and kept again)."""
    text = cache.lookup_plan(key)
    if text is None:
        return None
    try:
        return Plan.from_json(text)
    except (ValueError, KeyError, TypeError):
        return None


def save(key: str, plan: Plan) -> None:
    """Keep ``plan`` when its SQL can be moved to another table (else it is compiled each time)."""
    if compiles_on(plan.sql, plan.source):
        cache.store_plan(key, plan.to_json())


def targets_of(targets: Sequence[Estimand]) -> tuple[Estimand, ...]:
    """The targets as the driver needs them (without their expressions)."""
    return tuple(Estimand(t.name, t.kind, empty=t.empty) for t in targets)
