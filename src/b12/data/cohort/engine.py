"""Engines for cohort work: DuckDB (embedded default) and PySpark, both driven through Ibis.

The engine does the row-level work (classification, filtering, per-PSU sums) and hands the driver
a small table of sums; the variance arithmetic finishes in :mod:`b12.stats.survey`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb
import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import sqlglot.errors as sqlglot_errors

from b12.data.cohort import cache
from b12.data.cohort.engine_name import EngineName
from b12.errors import DataFileError, InputError
from b12.extras import require
from b12.settings import get_settings


@dataclass
class CohortEngine:
    """An Ibis backend plus what is needed to load tables into it."""

    name: EngineName
    backend: Any
    spark: Any = None
    _count: list[int] = field(default_factory=lambda: [0])

    def _temp_name(self) -> str:
        self._count[0] += 1
        return f"b12_cohort_{id(self)}_{self._count[0]}"

    def table_from_pandas(self, frame: pd.DataFrame) -> ir.Table:
        """Register a pandas frame (NaN becomes null on every engine)."""
        return self.table_from_arrow(pa.Table.from_pandas(frame, preserve_index=False))

    def table_from_arrow(self, arrow: pa.Table) -> ir.Table:
        """Register an Arrow table (null stays null)."""
        return self.backend.table(self.register_arrow(arrow))

    def register_arrow(self, arrow: pa.Table) -> str:
        """Register an Arrow table under a new name, without asking Ibis for its schema (a kept
        plan's SQL needs only the name)."""
        name = self._temp_name()
        if self.name is EngineName.SPARK:
            self.spark.createDataFrame(arrow).createOrReplaceTempView(name)
            return name
        # Register the Arrow table with DuckDB directly: zero-copy, and independent of the
        # CREATE TABLE syntax Ibis emits for the installed DuckDB version.
        self.backend.con.register(name, arrow)
        return name

    def read_source(self, source: str) -> ir.Table:
        """A CSV or Parquet file, or a table already known to the engine."""
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in (".csv", ".parquet", ".pq"):
            if not path.is_file():
                raise DataFileError(f"cohort file not found: {source}")
            if self.name is EngineName.SPARK:
                reader = self.spark.read
                frame = (
                    reader.option("header", True).option("inferSchema", True).csv(str(path))
                    if suffix == ".csv"
                    else reader.parquet(str(path))
                )
                name = self._temp_name()
                frame.createOrReplaceTempView(name)
                return self.backend.table(name)
            try:
                if suffix == ".csv":
                    return self._read_csv(path)
                return self.backend.read_parquet(str(path))
            except duckdb.Error as exc:  # unreadable: bad quoting, mixed layouts, not Parquet
                reason = str(exc).strip().splitlines()[0]
                raise DataFileError(f"cannot read {path.name} ({reason})") from None
        try:
            return self.backend.table(source)
        except Exception as exc:  # engines raise their own types for unknown tables
            raise DataFileError(
                f"{source!r} is neither a .csv/.parquet file nor a table of the {self.name} "
                f"engine ({type(exc).__name__})"
            ) from None

    def _read_csv(self, path: Path) -> ir.Table:
        """A CSV file as a DuckDB view, its layout and types detected once.

        DuckDB's detection (``auto_detect``) samples the file each time a query naming the view
        is bound: three times per analysis (the view, its schema, the query), about 35 ms of CPU
        each at 10^6 rows, a fifth of an analysis (docs/cohort-benchmarks.md, "A CSV cohort's
        cache"). So ``sniff_csv`` detects once, with the header Ibis has always assumed, and the view states
        what it found; detection is what the sniffer would have done, so the parse is the same.
        A layout the explicit options cannot state falls back to detection per query."""
        con = self.backend.con
        found = con.sql("SELECT * FROM sniff_csv(?, header=true)", params=[str(path)])
        sniffed = dict(zip(found.columns, found.fetchall()[0], strict=True))
        options: dict[str, Any] = {
            option: "" if sniffed[field] == "(empty)" else sniffed[field]
            for option, field in _SNIFFED.items()
            if sniffed[field] is not None
        }
        columns = {column["name"]: column["type"] for column in sniffed["Columns"]}
        try:
            return self.backend.read_csv(str(path), columns=columns, **options)
        except (duckdb.Error, ValueError, sqlglot_errors.SqlglotError):
            return self.backend.read_csv(str(path))

    def read_source_cached(self, source: str, columns: Collection[str] = ()) -> ir.Table:
        """:meth:`read_source`, with a CSV file parsed once and kept in the cohort cache
        (:mod:`b12.data.cohort.cache`), keyed by its path, size and modification time and the
        ``columns`` kept (those of the file named by the mapping or the request, matched
        without case: an extract's other columns are neither kept nor written; empty: all).

        Only CSV on DuckDB: a Parquet file or an engine table is already columnar, and copying
        it would cost a write for no faster read. The entry is Arrow IPC, uncompressed, as DuckDB
        parsed it (its types, value for value), streamed to the file batch by batch and read
        back memory-mapped: no copy, no decoding, and the whole table is never in memory
        (docs/cohort-benchmarks.md, "A CSV cohort's cache").
        """
        path = Path(source)
        if self.name is not EngineName.DUCKDB or path.suffix.lower() != ".csv":
            return self.read_source(source)
        if not path.is_file():
            raise DataFileError(f"cohort file not found: {source}")
        wanted = sorted(set(columns))
        parts = {"kind": "csv.arrow", "file": cache.file_fingerprints([path]), "columns": wanted}
        key = cache.entry_key(parts)
        if (hit := cache.lookup(key, cache.ARROW)) is not None:
            try:
                return self.table_from_arrow(_mapped(hit))
            except (OSError, pa.ArrowException):
                pass  # damaged (e.g. the disk filled up): parsed again and replaced below
        parsed = self.read_source(source)  # a lazy view: nothing is parsed before the query
        # In the file's order; a mapped column the file lacks is left to the mapping's own error.
        folded = {w.casefold() for w in wanted}
        kept = [c for c in parsed.columns if not folded or c.casefold() in folded] or parsed.columns
        with self._storing_arrow(key, parsed.select(*kept), path.name) as stored:
            return self.table_from_arrow(_mapped(stored))  # the mapping outlives the rename

    @contextlib.contextmanager
    def keeping_rows(
        self, key: str, description: str, narrow: ir.Table, rows: Callable[[], ir.Table]
    ) -> Iterator[tuple[str, bool]]:
        """Keep an analysis's classified rows (:func:`b12.data.cohort.pipeline.kept_rows`) as
        the cache entry ``key``: the block receives the name of the registered table a later
        analysis's sums read (:meth:`cached_rows`) and whether ``narrow`` was kept, and may add
        it up while the entry is flushed to disk; the entry is in place when the block ends
        (:func:`b12.data.cohort.cache.storing`). ``narrow``: the rows in narrower types by
        checked casts; a value that does not fit stops its query, and ``rows()`` are kept as they
        are instead (the file is parsed a second time)."""
        with contextlib.ExitStack() as entry:
            written = None
            with contextlib.suppress(duckdb.ConversionException):
                written = entry.enter_context(self._storing_arrow(key, narrow, description))
            narrowed = written is not None
            if written is None:
                written = entry.enter_context(self._storing_arrow(key, rows(), description))
            yield self.register_arrow(_mapped(written)), narrowed

    def cached_rows(self, key: str) -> str | None:
        """The registered table of the rows kept as entry ``key``, or None (none, or damaged)."""
        if (hit := cache.lookup(key, cache.ARROW)) is None:
            return None
        try:
            return self.register_arrow(_mapped(hit))
        except (OSError, pa.ArrowException):
            return None  # damaged (e.g. the disk filled up): classified again and replaced

    def _storing_arrow(
        self, key: str, expr: ir.Table, description: str
    ) -> contextlib.AbstractContextManager[Path]:
        """The cache entry ``key`` being written (:func:`b12.data.cohort.cache.storing`):
        ``expr``'s result as Arrow IPC, uncompressed, streamed from DuckDB's parallel scan batch
        by batch (the whole table is never in memory)."""
        # Compiled as a plan's SQL is: ibis.to_sql pretty-prints, which cost 13-18 ms of CPU
        # per first analysis on the benchmark's rows query (a third more than compiling it).
        query = self.sql_of(expr)

        def write(target: Path) -> None:
            reader = self.backend.con.sql(query).to_arrow_reader(_ARROW_BATCH_ROWS)
            with pa.OSFile(str(target), "wb") as sink, ipc.new_file(sink, reader.schema) as out:
                for batch in reader:
                    out.write_batch(batch)

        return cache.storing(key, write, description, suffix=cache.ARROW)

    def execute(self, expr: ir.Table) -> pd.DataFrame:
        """Run an expression and return a pandas frame."""
        result: pd.DataFrame = self.backend.execute(expr)
        return result

    def sql_of(self, expr: ir.Table) -> str:
        """The DuckDB SQL of an expression (what :mod:`b12.data.cohort.plans` keeps), with the
        in-memory tables it reads registered on this connection, as Ibis's own execute does."""
        self.backend._run_pre_execute_hooks(expr)
        return str(self.backend.compile(expr))

    def fetch_sql(self, sql: str) -> pd.DataFrame:
        """Run DuckDB SQL straight on the connection: a small aggregate's Arrow result to pandas
        without Ibis's per-column conversion (about 20 ms per analysis)."""
        frame: pd.DataFrame = self.backend.con.sql(sql).arrow().read_all().to_pandas()
        return frame

    def execute_sums(self, expr: ir.Table) -> pd.DataFrame:
        """A per-PSU sums expression's result, read as :meth:`fetch_sql` reads a kept plan's, so
        that a planned and a fresh analysis see the same types (DuckDB), or through Ibis."""
        if self.name is EngineName.DUCKDB:
            return self.fetch_sql(self.sql_of(expr))
        return self.execute(expr)


# read_csv's options from sniff_csv's fields (read_csv's own names; "(empty)" is empty).
_SNIFFED = {
    "delim": "Delimiter", "quote": "Quote", "escape": "Escape", "new_line": "NewLineDelimiter",
    "comment": "Comment", "skip": "SkipRows", "header": "HasHeader", "dateformat": "DateFormat",
    "timestampformat": "TimestampFormat",
}  # fmt: skip

_ARROW_BATCH_ROWS = 1 << 17  # DuckDB's Arrow batches written to a cache entry, 128 Ki rows each


def _mapped(path: Path) -> pa.Table:
    """An Arrow IPC file as a table whose buffers are the file's pages (memory-mapped: nothing is
    read until DuckDB scans it, and nothing is copied)."""
    return ipc.open_file(pa.memory_map(str(path))).read_all()


# Heap of a local-mode Spark JVM (driver and executors in one process). The engine streams the
# rows and aggregates to a few thousand per-PSU cells, so the heap needs little room: with
# Spark's default of 1 GB the JVM grew to 1.0-1.1 GB resident at 10^7 rows, with 512 MB it stays
# near 0.8 GB at the same speed (benchmarks/bench_cohort.py). Spark refuses less than 450 MB.
# SPARK_DRIVER_MEMORY in the environment (Spark's own variable) overrides it.
SPARK_LOCAL_DRIVER_MEMORY = "512m"
SPARK_LOG4J = Path(__file__).with_name("spark-log4j2.properties")  # ERROR and above, to stderr
QUIET_SPARK_LEVELS = frozenset({"OFF", "FATAL", "ERROR"})
# What the JVM and Spark print on stderr themselves at start-up, whatever log4j says.
JVM_NOTICES = (
    b"WARNING: Using incubator modules",
    b'Setting default log level to "',
    b"To adjust logging level use sc.setLogLevel(",
)


def spark_session(master: str | None = None, log_level: str | None = None) -> Any:
    """A SparkSession: local[2] unless a master URL is given; UI off, few shuffle partitions.

    A local master gets a 512 MB heap unless ``SPARK_DRIVER_MEMORY`` is set. Spark's own logging
    is ``log_level``, else B12_SPARK_LOG (default ERROR: nothing but errors; `b12 cohort
    --verbose` asks for INFO). Settings apply when this starts the JVM; an already running session
    is returned as it is.
    """
    require("spark")  # names `pip install 'b12[spark]'` when pyspark is missing
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    level = log_level or get_settings().spark_log
    if SparkContext._active_spark_context is not None:  # running: as it is, its log level too
        return SparkSession.builder.getOrCreate()
    master = master or "local[2]"
    conf = SparkConf().setMaster(master).setAppName("b12-cohort")
    if master.startswith("local") and not os.environ.get("SPARK_DRIVER_MEMORY"):
        conf.set("spark.driver.memory", SPARK_LOCAL_DRIVER_MEMORY)
    conf.set("spark.ui.enabled", "false")
    # Stage bars and the JVM's start-up and WARN lines would bury the result in the terminal.
    conf.set("spark.ui.showConsoleProgress", "false")
    conf.set("spark.sql.shuffle.partitions", "4")
    conf.set("spark.sql.session.timeZone", "UTC")
    # b12's log4j configuration at the chosen level, from the JVM's first line (Spark's default
    # one prints WARN lines and a banner before any level can be set).
    options = f"-Dlog4j2.configurationFile={SPARK_LOG4J.as_uri()} -Db12.spark.log={level}"
    conf.set("spark.driver.extraJavaOptions", options)
    if level in QUIET_SPARK_LEVELS:
        _quiet_context(conf)
    session = SparkSession.builder.config(conf=conf).getOrCreate()
    session.sparkContext.setLogLevel(level)
    return session


def _quiet_context(conf: Any) -> None:
    """Start Spark's JVM with its stderr passed on through a filter that drops its own start-up
    notices (Spark's launcher always adds an incubator module, and the JVM says so; Spark names
    the default level it is about to replace). Everything else, errors included, passes."""
    from pyspark import SparkContext
    from pyspark.java_gateway import launch_gateway

    gateway = launch_gateway(conf, popen_kwargs={"stderr": subprocess.PIPE})

    def forward(stream: IO[bytes]) -> None:
        for line in stream:
            if not line.startswith(JVM_NOTICES):
                sys.stderr.buffer.write(line)
                sys.stderr.flush()

    threading.Thread(target=forward, args=(gateway.proc.stderr,), daemon=True).start()
    SparkContext(conf=conf, gateway=gateway)


def connect(
    engine: EngineName | str, *, spark_master: str | None = None, database: str | None = None
) -> CohortEngine:
    """Open an engine by name (``duckdb`` or ``spark``)."""
    try:
        name = EngineName(engine)
    except ValueError:
        raise InputError(
            f"unknown engine {engine!r}; choose duckdb or spark", field="--engine"
        ) from None
    if name is EngineName.SPARK:
        session = spark_session(spark_master)
        return CohortEngine(name, ibis.pyspark.connect(session), session)
    if database is not None and not Path(database).is_file():
        raise DataFileError(f"DuckDB database not found: {database}")
    if database:
        return CohortEngine(name, ibis.duckdb.connect(database))
    return CohortEngine(name, ibis.duckdb.from_connection(_memory_connection()))


_memory: dict[int, duckdb.DuckDBPyConnection] = {}  # process id -> its in-memory database
_memory_lock = threading.Lock()


def _memory_connection() -> duckdb.DuckDBPyConnection:
    """A new connection to this process's in-memory DuckDB database.

    Starting a DuckDB database costs 30-50 ms (more than the whole query on 10^5 rows), so the
    process keeps one and every engine gets its own connection to it: temporary views and
    registered frames belong to that connection and go with it. Keyed by process id, so a forked
    child never uses its parent's database.
    """
    with _memory_lock:
        base = _memory.get(os.getpid())
        if base is None:
            base = _memory[os.getpid()] = duckdb.connect()
        return base.cursor()
