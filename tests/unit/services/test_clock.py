"""The live interfaces' clock: B12_TODAY is for tests and demonstrations and says so."""

from __future__ import annotations

import datetime as dt

from b12.services import clock
from b12.settings import Settings


def test_without_a_fixed_date_there_is_no_warning() -> None:
    assert clock.fixed_date_warning(Settings(today=None)) is None


def test_a_fixed_date_is_named_in_the_warning() -> None:
    warning = clock.fixed_date_warning(Settings(today=dt.date(2030, 1, 2)))
    assert warning is not None and "2030-01-02" in warning and "production" in warning
    assert clock.today(Settings(today=dt.date(2030, 1, 2))) == dt.date(2030, 1, 2)
