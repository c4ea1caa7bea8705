"""The driver's estimates over all cells at once equal b12.stats.survey's per-cell functions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from b12.data.cohort.psu_estimates import Estimand, TargetKind, estimates_from_sums
from b12.stats.survey import Design, PsuTotals, SingletonPsu, ratio_estimate


def _sums(seed: int, singleton: bool) -> pd.DataFrame:
    """Per-(group, stratum, PSU) sums: 3 groups, 5 strata (the last with one PSU when
    ``singleton``), empty domains, a group with no members at all."""
    rng = np.random.default_rng(seed)
    rows = []
    for group in ("a", "b", "c"):
        for stratum in range(5):
            for psu in range(1 if singleton and stratum == 4 else 3):
                n = 0 if group == "c" or rng.random() < 0.2 else int(rng.integers(1, 40))
                s0 = float(rng.uniform(100, 5000)) * n
                share = rng.random()
                rows.append({"g": group, "stratum": stratum, "psu": psu, "n_0": n,
                             "e_0": round(n * share), "s0_0": s0, "s1_0": s0 * share})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("singleton", [SingletonPsu.CERTAINTY, SingletonPsu.CENTER, None])
def test_all_cells_at_once_equal_one_cell_at_a_time(
    seed: int, singleton: SingletonPsu | None
) -> None:
    sums = _sums(seed, singleton is not None)
    mode = singleton or SingletonPsu.ERROR
    cells = estimates_from_sums(
        sums.copy(), [Estimand("y", TargetKind.PROPORTION)], ["g"], srs=False, singleton=mode,
        labels={}, keyed=False,
    )  # fmt: skip
    pairs = sums[["stratum", "psu"]].drop_duplicates()
    design = Design(pairs.groupby("stratum").size().to_dict(), mode)
    assert [c.group for c in cells] == [("a",), ("b",), ("c",)]
    for cell in cells:
        part = sums[sums["g"] == cell.group[0]]
        expected = ratio_estimate(
            PsuTotals(list(part["stratum"]), list(part["psu"]), list(part["s1_0"]),
                      list(part["s0_0"])),
            design,
        )  # fmt: skip
        assert cell.estimate.df == expected.df
        assert cell.n == part["n_0"].sum() and cell.n_events == part["e_0"].sum()
        if expected.value is None:
            assert cell.estimate.value is None and cell.estimate.se is None
            continue
        assert cell.estimate.value is not None and cell.estimate.se is not None
        assert math.isclose(cell.estimate.value, expected.value, rel_tol=1e-13)
        assert math.isclose(cell.estimate.se, expected.se or 0.0, rel_tol=1e-11, abs_tol=1e-15)


def test_a_stratum_with_one_psu_is_refused_by_default() -> None:
    with pytest.raises(Exception, match="single PSU"):
        estimates_from_sums(
            _sums(0, True), [Estimand("y", TargetKind.PROPORTION)], ["g"], srs=False,
            singleton=SingletonPsu.ERROR, labels={}, keyed=False,
        )  # fmt: skip
