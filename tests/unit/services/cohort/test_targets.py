"""The cohort service classifies only what a request names: same results, same error messages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from b12.errors import InputError
from b12.services.cohort import targets
from b12.services.cohort.analyse import analyse_file
from b12.services.cohort.options import CohortOptions

MAPPING = [f"{c}={c}" for c in ("age", "sex", "b12", "holotc", "mma", "hcy", "weight")]


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(3)
    n = 600

    def marker(values: np.ndarray) -> np.ndarray:
        return np.where(rng.random(n) < 0.1, np.nan, values)

    path = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    pd.DataFrame(
        {
            "age": marker(rng.uniform(18, 90, n).round()),
            "sex": rng.choice(["female", "male"], n),
            "b12": marker(rng.lognormal(np.log(260), 0.5, n)),
            "holotc": marker(rng.lognormal(np.log(55), 0.5, n)),
            "mma": marker(rng.lognormal(np.log(0.22), 0.5, n)),
            "hcy": marker(rng.lognormal(np.log(11), 0.3, n)),
            "weight": rng.uniform(1.0, 4.0, n),
        }
    ).to_parquet(path)
    return path


@pytest.mark.parametrize(
    "options",
    [
        CohortOptions(by=["age_band", "sex"], suppress=False),
        CohortOptions(
            indicators=["b12_deficient", "low_active=nice_active_b12 == 'deficiency_likely'"],
            where="age_band == '80+' or hcy_elevated",
            by=["b12_band"],
            means=["cb12"],
            suppress=False,
        ),
        CohortOptions(indicators=["cb12_low"], where="b12 > 1e2", by=["cb12_category"]),
    ],
)
def test_named_columns_only_gives_the_same_rows(
    cohort_file: Path, options: CohortOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    pruned = analyse_file(str(cohort_file), MAPPING, options).rows
    monkeypatch.setattr(targets, "named_columns", lambda t, names: None)
    full = analyse_file(str(cohort_file), MAPPING, options).rows
    assert pruned == full


def test_an_unknown_name_lists_every_column(cohort_file: Path) -> None:
    with pytest.raises(InputError) as error:
        analyse_file(str(cohort_file), MAPPING, CohortOptions(where="age_bnd == '80+'"))
    for column in ("age_band", "nice_active_b12", "hcy_elevated_cdc", "cb12_category"):
        assert column in str(error.value)
