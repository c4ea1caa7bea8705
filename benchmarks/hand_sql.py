"""Hand-written DuckDB queries for the cohort benchmark's task, the variants tried for the baseline.

The task (benchmarks/bench_cohort.py): 4-marker cB12 and its category, serum B12 and MMA, then
the survey-weighted prevalence of b12_deficient (B12 < 148 pmol/L), cb12_low (-1.5 < cB12 <= -0.5)
and mma_elevated (MMA > 0.271 umol/L) by age band x sex with Taylor-linearised SEs over strata
and PSUs (PSUs without domain members count with a zero score; n_h over the whole design).

Each variant returns ``[{"indicator", "group", "prevalence", "se"}]``. ``FROZEN`` names the variant
the benchmark compares b12 with: the fastest one measured (docs/cohort.md, "Benchmark").
The numbers here are the task's, written out by hand on purpose (a one-off query would); b12
itself takes them from its rule registry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

INDICATORS = ["b12_deficient", "cb12_low", "mma_elevated"]
AGE_LABELS = ["0-19", "20-39", "40-59", "60-69", "70-79", "80+"]

Rows = list[dict[str, Any]]

_CB12 = "log10((holotc * b12) / (mma * hcy)) - 3.79 / (1 + pow(age / 230.0, 2.6))"
_ALL_MARKERS = "b12 > 0 AND holotc > 0 AND mma > 0 AND hcy > 0"
_AGE_TEXT = (
    "CASE WHEN age >= 80 THEN '80+' WHEN age >= 70 THEN '70-79' WHEN age >= 60 THEN '60-69' "
    "WHEN age >= 40 THEN '40-59' WHEN age >= 20 THEN '20-39' ELSE '0-19' END"
)
_AGE_CODE = (
    "CASE WHEN age >= 80 THEN 5 WHEN age >= 70 THEN 4 WHEN age >= 60 THEN 3 "
    "WHEN age >= 40 THEN 2 WHEN age >= 20 THEN 1 WHEN age IS NOT NULL THEN 0 END::TINYINT"
)

# A: the previous baseline: text age band, four filtered aggregates per indicator.
FILTERED_TEXT = f"""
WITH c AS (
  SELECT *, CASE WHEN {_ALL_MARKERS} THEN {_CB12} END AS cb12, {_AGE_TEXT} AS g
  FROM read_parquet('{{path}}')
)
SELECT g, sex, stratum, psu,
  count(b12) AS n_0, sum(weight) FILTER (WHERE b12 IS NOT NULL) AS s0_0,
  sum(weight) FILTER (WHERE b12 < 148) AS s1_0,
  count(cb12) AS n_1, sum(weight) FILTER (WHERE cb12 IS NOT NULL) AS s0_1,
  sum(weight) FILTER (WHERE cb12 > -1.5 AND cb12 <= -0.5) AS s1_1,
  count(mma) AS n_2, sum(weight) FILTER (WHERE mma IS NOT NULL) AS s0_2,
  sum(weight) FILTER (WHERE mma > 0.271) AS s1_2
FROM c GROUP BY ALL
"""

# B: the same with an integer age-band code (labels on the driver).
FILTERED_CODES = FILTERED_TEXT.replace(_AGE_TEXT, _AGE_CODE)

# The three indicators as booleans (null when the marker is missing); cB12 only where all four
# markers are present (CASE evaluates its branch only for the rows that take it).
_STATES_FLAT = f"""
  SELECT g, sex, stratum, psu, weight, b12 < 148 AS y0,
    cb12 > -1.5 AND cb12 <= -0.5 AS y1, mma > 0.271 AS y2
  FROM (SELECT *, {_AGE_CODE} AS g, CASE WHEN {_ALL_MARKERS} THEN {_CB12} END AS cb12
        FROM read_parquet('{{path}}'))
"""

# C: state-keyed: the indicators' values are grouping keys, each cell needs one sum.
STATE_KEYED = f"""
WITH r AS ({_STATES_FLAT}),
cells AS (SELECT g, sex, stratum, psu, y0, y1, y2, count(*) AS n, sum(weight) AS w
          FROM r GROUP BY ALL)
SELECT g, sex, stratum, psu,
  sum(n) FILTER (WHERE y0 IS NOT NULL) AS n_0,
  sum(w) FILTER (WHERE y0 IS NOT NULL) AS s0_0, sum(w) FILTER (WHERE y0) AS s1_0,
  sum(n) FILTER (WHERE y1 IS NOT NULL) AS n_1,
  sum(w) FILTER (WHERE y1 IS NOT NULL) AS s0_1, sum(w) FILTER (WHERE y1) AS s1_1,
  sum(n) FILTER (WHERE y2 IS NOT NULL) AS n_2,
  sum(w) FILTER (WHERE y2 IS NOT NULL) AS s0_2, sum(w) FILTER (WHERE y2) AS s1_2
FROM cells GROUP BY ALL
"""

# D: C with the whole Taylor variance in SQL: z_hi = (s1 - R s0) / S0 per PSU, and
# Var = sum_h n_h/(n_h-1) (sum_i z_hi^2 - (sum_i z_hi)^2 / n_h), n_h counted over the design.
_VARIANCE_TAIL = """
design AS (SELECT stratum, count(DISTINCT psu) AS nh FROM psus GROUP BY stratum),
long AS (
  SELECT 0 AS ind, g, sex, stratum, psu, coalesce(n_0, 0) AS n, coalesce(s0_0, 0) AS s0,
    coalesce(s1_0, 0) AS s1 FROM psus
  UNION ALL
  SELECT 1, g, sex, stratum, psu, coalesce(n_1, 0), coalesce(s0_1, 0), coalesce(s1_1, 0) FROM psus
  UNION ALL
  SELECT 2, g, sex, stratum, psu, coalesce(n_2, 0), coalesce(s0_2, 0), coalesce(s1_2, 0) FROM psus
),
tot AS (SELECT ind, g, sex, sum(s1) / sum(s0) AS r, sum(s0) AS den, sum(n) AS n,
          count(DISTINCT (stratum, psu)) FILTER (WHERE n > 0)
            - count(DISTINCT stratum) FILTER (WHERE n > 0) AS df
        FROM long GROUP BY ALL HAVING sum(s0) > 0),
z AS (SELECT l.ind, l.g, l.sex, l.stratum, (l.s1 - t.r * l.s0) / t.den AS z
      FROM long l JOIN tot t USING (ind, g, sex)),
h AS (SELECT ind, g, sex, stratum, sum(z) AS sz, sum(z * z) AS szz FROM z GROUP BY ALL)
SELECT t.ind, t.g, t.sex, t.r AS prevalence, t.n, t.df,
  sqrt(greatest(sum(d.nh / (d.nh - 1.0) * (h.szz - h.sz * h.sz / d.nh)), 0)) AS se
FROM tot t JOIN h USING (ind, g, sex) JOIN design d USING (stratum)
GROUP BY t.ind, t.g, t.sex, t.r, t.n, t.df
"""
STATE_KEYED_SQL_VARIANCE = f"""
WITH r AS ({_STATES_FLAT}),
cells AS (SELECT g, sex, stratum, psu, y0, y1, y2, count(*) AS n, sum(weight) AS w
          FROM r GROUP BY ALL),
psus AS (
  SELECT g, sex, stratum, psu,
    sum(n) FILTER (WHERE y0 IS NOT NULL) AS n_0,
    sum(w) FILTER (WHERE y0 IS NOT NULL) AS s0_0, sum(w) FILTER (WHERE y0) AS s1_0,
    sum(n) FILTER (WHERE y1 IS NOT NULL) AS n_1,
    sum(w) FILTER (WHERE y1 IS NOT NULL) AS s0_1, sum(w) FILTER (WHERE y1) AS s1_1,
    sum(n) FILTER (WHERE y2 IS NOT NULL) AS n_2,
    sum(w) FILTER (WHERE y2 IS NOT NULL) AS s0_2, sum(w) FILTER (WHERE y2) AS s1_2
  FROM cells GROUP BY ALL),
{_VARIANCE_TAIL}
"""

# E: D with the filtered sums straight over the rows (no state cells).
FILTERED_SQL_VARIANCE = f"""
WITH psus AS ({FILTERED_CODES.replace("WITH c AS", "SELECT * FROM (WITH c AS")})),
{_VARIANCE_TAIL}
"""


def _connection() -> Any:
    import duckdb

    return duckdb.connect()


_CON: list[Any] = []


def _sql(query: str, path: Path) -> Any:
    """Run on one in-memory database per process (as b12 does), as a pandas frame."""
    if not _CON:
        _CON.append(_connection())
    return _CON[0].sql(query.format(path=path)).df()


def _label(code: Any) -> str:
    return code if isinstance(code, str) else AGE_LABELS[int(code)]


def _driver_variance(sums: Any) -> Rows:
    """Per-PSU sums -> prevalence and SE with b12's own driver arithmetic."""
    from b12.stats.survey import Design, PsuTotals, ratio_estimate

    sums = sums.fillna(0.0)
    pairs = sums[["stratum", "psu"]].drop_duplicates()
    design = Design(pairs.groupby("stratum").size().to_dict())
    out: Rows = []
    for (g, sex), part in sums.groupby(["g", "sex"]):
        for i, name in enumerate(INDICATORS):
            totals = PsuTotals(
                list(part["stratum"]), list(part["psu"]), list(part[f"s1_{i}"]),
                list(part[f"s0_{i}"]),
            )  # fmt: skip
            est = ratio_estimate(totals, design)
            out.append(_row(name, g, sex, est.value, est.se, int(part[f"n_{i}"].sum()), est.df))
    return out


def _row(name: str, g: Any, sex: str, p: Any, se: Any, n: int, df: int) -> dict[str, Any]:
    """One estimate with its Korn-Graubard CI (b12's function, as b12 computes it)."""
    from b12.stats.survey import korn_graubard_ci

    low, high = (None, None) if p is None or se is None else korn_graubard_ci(p, se, n, df)
    return {"indicator": name, "group": [_label(g), sex], "prevalence": p, "se": se,
            "ci_low": low, "ci_high": high}  # fmt: skip


def _sql_variance(query: str, path: Path) -> Rows:
    frame = _sql(query, path)
    return [
        _row(
            INDICATORS[int(r.ind)],
            r.g,
            r.sex,
            float(r.prevalence),
            float(r.se),
            int(r.n),
            int(r.df),
        )
        for r in frame.itertuples()
    ]


_GENERATED: dict[Path, Callable[[], Rows]] = {}


def b12_generated(path: Path) -> Rows:
    """F: the SQL b12 generates for the task (built once per file), run as a plain query."""
    if path not in _GENERATED:
        _GENERATED[path] = _build_generated(path)
    return _GENERATED[path]()


def _build_generated(path: Path) -> Callable[[], Rows]:
    import ibis

    from b12.data.cohort.engine import connect
    from b12.data.cohort.mapping import mapped_table, parse_mapping
    from b12.data.cohort.pipeline import collapse_states, sums_query
    from b12.data.cohort.rules import group_codes
    from b12.services.cohort import CohortOptions
    from b12.services.cohort.names import analysis_names
    from b12.services.cohort.targets import build_targets, classified_table

    columns = parse_mapping([f"{c}={c}" for c in COLUMNS])
    options = CohortOptions(indicators=INDICATORS, by=["age_band", "sex"], suppress=False)
    engine = connect("duckdb")
    names = analysis_names(options)
    table = mapped_table(engine.read_source(str(path)), columns, str(path), set())
    classified = classified_table(table, options, names, {})
    targets, _ = build_targets(classified, options, {})
    codes = group_codes(classified, ["age_band"])
    by = ["age_band", "sex"]
    expr = sums_query(classified, targets, None, by, srs=False, codes=codes, states=True).expr
    query = str(ibis.to_sql(expr, dialect="duckdb"))
    con = engine.backend.con  # the view of the file belongs to this connection

    def run() -> Rows:
        sums = collapse_states(con.sql(query).df(), targets, ["age_band", "sex", "stratum", "psu"])
        return _driver_variance(sums.rename(columns={"age_band": "g"}))

    return run


COLUMNS = ("age", "sex", "b12", "holotc", "mma", "hcy", "weight", "stratum", "psu")

VARIANTS: dict[str, Callable[[Path], Rows]] = {
    "A-filtered-text": lambda p: _driver_variance(_sql(FILTERED_TEXT, p)),
    "B-filtered-codes": lambda p: _driver_variance(_sql(FILTERED_CODES, p)),
    "C-state-keyed": lambda p: _driver_variance(_sql(STATE_KEYED, p)),
    "D-state-keyed-sql-variance": lambda p: _sql_variance(STATE_KEYED_SQL_VARIANCE, p),
    "E-filtered-codes-sql-variance": lambda p: _sql_variance(FILTERED_SQL_VARIANCE, p),
    "F-b12-generated-sql": b12_generated,
}
FROZEN = "C-state-keyed"
