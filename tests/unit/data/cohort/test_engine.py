"""Engine settings read from the environment fail with a short error naming the variable."""

from __future__ import annotations

import pytest

from b12.data.cohort.engine import SPARK_LOG_VARIABLE, spark_session
from b12.errors import InputError


def test_an_unknown_spark_log_level_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.setenv(SPARK_LOG_VARIABLE, "loud")
    with pytest.raises(InputError, match="B12_SPARK_LOG='LOUD' is not a log level; use one of"):
        spark_session()  # refused before any JVM starts
