"""Engine settings read from the environment fail with a short error naming the variable."""

from __future__ import annotations

import pytest

from b12.data.cohort.engine import spark_session
from b12.errors import InputError


def test_an_unknown_spark_log_level_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.setenv("B12_SPARK_LOG", "loud")
    with pytest.raises(
        InputError, match=r"^B12_SPARK_LOG: Input should be 'OFF', 'FATAL', 'ERROR'"
    ):
        spark_session()  # refused before any JVM starts
