"""NICE NG239's indicators and readings leave out a row known to be under 16, as the per-person
judgment does ("under 16, NG239's adult bands do not apply"); a row without an age is read."""

from __future__ import annotations

import ibis
import pandas as pd

from b12.data.cohort.rules import CATEGORICAL, standard_indicators

FRAME = pd.DataFrame({"age": [12.0, 15.99, 16.0, 40.0, None], "b12": [100.0] * 5})


def test_ng239_reads_no_child_and_every_adult() -> None:
    table = ibis.memtable(FRAME)
    likely = next(i for i in standard_indicators() if i.name == "nice_b12_deficiency_likely")
    epi = next(i for i in standard_indicators() if i.name == "b12_deficient")
    out = ibis.duckdb.connect().execute(
        table.select(
            nice=likely.build(table),
            reading=CATEGORICAL["nice_b12"].text(table),
            epi=epi.build(table),
        )
    )
    assert [None if pd.isna(v) else bool(v) for v in out["nice"]] == [None, None, True, True, True]
    assert [None if pd.isna(v) else v for v in out["reading"]][:2] == [None, None]
    # The epidemiological convention (Allen 2009) is a survey reading, for every age.
    assert out["epi"].tolist() == [True] * 5
