"""The cohort cache: read and prepare a cohort once, reuse it across analyses.

Users run many analyses on one cohort; reading NHANES's XPT files and merging them costs far
more than the analysis itself. The prepared table is kept as Parquet in the user's cache folder
(``$XDG_CACHE_HOME/b12/cohort``, else ``~/.cache/b12/cohort``; ``B12_CACHE_DIR`` overrides it),
never beside the source, which may be read-only. A prepared health-system extract is personal
data: the folder is 0700, every file 0600, written to a temporary file in the same folder and
renamed into place, so a reader never sees half a file and a crash leaves no entry. Only the
data file (Parquet or Arrow) is flushed to disk (``fsync``) before its rename: the small files (an
entry's metadata, a kept plan) are JSON that a reader checks and ignores when damaged, so a crash
can cost a recompile but never a wrong result, and each ``fsync`` can wait hundreds of
milliseconds for a journal commit on a busy disk (docs/cohort-benchmarks.md, "First vs repeated
analysis"). The flush runs in a thread while the caller reads the written file (:func:`storing`:
a CSV cohort's first analysis adds up its entry meanwhile), so its wait overlaps that work.

Three kinds of entry: NHANES cycles read and merged (:func:`b12.data.cohort.nhanes.read_nhanes_cached`),
a CSV file's classified rows for one analysis (:meth:`b12.data.cohort.engine.CohortEngine.keeping_rows`,
keyed with the analysis's plan) and a CSV file parsed by DuckDB for a regression
(:meth:`b12.data.cohort.engine.CohortEngine.read_source_cached`).
An entry's key is a hash of everything its content depends on: each source file's path, size and
modification time, how it was read (folder order, the optional files, dietary weights), and
b12's version and rule registry, so a new rule or a changed file never reuses an old entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from b12 import __version__
from b12.core.rules import REGISTRY
from b12.errors import DataFileError
from b12.settings import get_settings

_DATA, _META, _PLAN = ".parquet", ".json", ".plan"
ARROW = ".arrow"  # a CSV file's classified rows or parsed columns: Arrow IPC, memory-mapped
_DATA_KINDS = (_DATA, ARROW)


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    if (override := get_settings().cache_dir) is not None:
        return override
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "b12" / "cohort"


def rule_version() -> str:
    """b12's version and a digest of the rule registry (ids, evidence, parameters)."""
    rules = sorted(
        (r.id, r.evidence.value, sorted(r.parameters.items())) for r in REGISTRY.values()
    )
    digest = hashlib.sha256(json.dumps(rules, default=str).encode()).hexdigest()[:16]
    return f"{__version__}+{digest}"


def file_fingerprints(paths: Iterable[Path]) -> list[list[Any]]:
    """Path (resolved), size and modification time (ns) of each file, in a stable order."""
    out = []
    for path in sorted({p.resolve() for p in paths}):
        stat = path.stat()
        out.append([str(path), stat.st_size, stat.st_mtime_ns])
    return out


def entry_key(parts: Mapping[str, Any]) -> str:
    """The key of an entry: a hash of what its content depends on, plus the rule version."""
    text = json.dumps({**parts, "rules": rule_version()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CacheEntry:
    """One prepared cohort in the cache."""

    key: str
    path: Path
    size_bytes: int
    created: float
    description: str


def _ensure_dir() -> Path:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)  # also when it existed with looser permissions
    except OSError as exc:
        raise DataFileError(f"cannot use the cache folder {folder} ({exc.strerror})") from None
    return folder


def lookup(key: str, suffix: str = _DATA) -> Path | None:
    """The entry's data file (Parquet, or ``suffix``), or None when there is none."""
    path = cache_dir() / f"{key}{suffix}"
    return path if path.is_file() and (cache_dir() / f"{key}{_META}").is_file() else None


@contextlib.contextmanager
def _temporary(folder: Path) -> Iterator[Path]:
    """A new empty 0600 file in ``folder`` (where its rename stays atomic), removed on exit
    unless it was renamed."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # created 0600
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _atomic_write(folder: Path, target: Path, write: Callable[[Path], object]) -> None:
    """``write`` into a 0600 temporary file in ``folder``, then rename it to ``target`` (not
    flushed: for the small files a reader checks)."""
    with _temporary(folder) as temporary:
        write(temporary)
        temporary.chmod(0o600)
        temporary.replace(target)


def _flush(path: Path) -> None:
    with path.open("rb") as written:
        os.fsync(written.fileno())


@contextlib.contextmanager
def storing(
    key: str, write: Callable[[Path], object], description: str, suffix: str = _DATA
) -> Iterator[Path]:
    """Write an entry whose data the caller reads before it is in place: ``write`` fills a 0600
    temporary file, whose path the block receives while a thread flushes it to disk; when the
    block ends without an error, the file is renamed into place (flushed: on disk before the
    metadata names it) and the metadata written last. An error anywhere leaves no entry."""
    folder = _ensure_dir()
    with _temporary(folder) as temporary:
        write(temporary)
        temporary.chmod(0o600)
        with ThreadPoolExecutor(max_workers=1) as flusher:
            flushed = flusher.submit(_flush, temporary)
            yield temporary
            flushed.result()  # its error, if any: no entry
        temporary.replace(folder / f"{key}{suffix}")
    meta = {"created": time.time(), "description": description}
    _atomic_write(folder, folder / f"{key}{_META}", lambda p: p.write_text(json.dumps(meta)))


def store(key: str, write: Callable[[Path], object], description: str, suffix: str = _DATA) -> Path:
    """Write an entry (``write`` fills its data file: Parquet, or ``suffix``) and return its
    data file: :func:`storing`, with nothing read before the rename."""
    with storing(key, write, description, suffix):
        pass
    return cache_dir() / f"{key}{suffix}"


def lookup_plan(key: str) -> str | None:
    """A kept plan's text (:mod:`b12.data.cohort.plans`), or None."""
    try:
        return (cache_dir() / f"{key}{_PLAN}").read_text()
    except (OSError, UnicodeDecodeError):
        return None


def store_plan(key: str, text: str) -> None:
    """Keep a plan's text, atomically and privately as every entry."""
    folder = _ensure_dir()
    _atomic_write(folder, folder / f"{key}{_PLAN}", lambda p: p.write_text(text))


def list_entries() -> list[CacheEntry]:
    """The entries in the cache, newest first."""
    folder = cache_dir()
    entries = []
    for meta_path in folder.glob(f"*{_META}") if folder.is_dir() else ():
        data = next(
            (d for s in _DATA_KINDS if (d := meta_path.with_suffix(s)).is_file()),
            meta_path.with_suffix(_DATA),
        )
        try:
            meta = json.loads(meta_path.read_text())
            size = data.stat().st_size
        except (OSError, ValueError):
            continue  # half-removed or foreign: clear() removes it
        entries.append(
            CacheEntry(meta_path.stem, data, size, float(meta["created"]), meta["description"])
        )
    return sorted(entries, key=lambda e: e.created, reverse=True)


def clear() -> int:
    """Remove every entry, kept plan and left-over temporary file; returns the entries removed."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if path.suffix in (*_DATA_KINDS, _META, _PLAN) or path.name.startswith(".tmp-"):
            path.unlink(missing_ok=True)
            removed += path.suffix == _META
    return removed


def cached_table(
    parts: Mapping[str, Any], build: Callable[[], pa.Table], description: str
) -> pa.Table:
    """The entry for ``parts`` if there is one, else ``build()``, stored."""
    key = entry_key(parts)
    if (path := lookup(key)) is not None:
        try:
            return pq.read_table(path)
        except (OSError, pa.ArrowException):
            pass  # damaged (e.g. the disk filled up): rebuilt and replaced below
    table = build()
    store(key, lambda p: pq.write_table(table, p, **_FAST_PARQUET), description)
    return table


# How a built table is written: uncompressed, plain-encoded, without column statistics. On
# NHANES 2011-2014 (19,931 rows, 24 columns) 5.8 ms CPU to write and 3.9 ms to read instead of
# the defaults' (Snappy, dictionaries, statistics) 10.4 and 5.1 ms; 2.4 MB instead of 0.7 MB.
# The table is always read whole, so statistics would skip nothing.
_FAST_PARQUET: dict[str, Any] = {
    "compression": "none",
    "use_dictionary": False,
    "write_statistics": False,
}
