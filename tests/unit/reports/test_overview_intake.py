"""The overview's intake line writes numbers as people read them: a 1000 µg supplement is "1000",
never "1e+03" (seen on the person page of a diary with a 1000 µg supplement)."""

from __future__ import annotations

import pytest

from b12.reports.overview import _intake


@pytest.mark.parametrize(
    ("eaten", "absorbed", "expected"),
    [
        (1000.0, 14.2, "1000 µg/day eaten and taken (about 14 µg absorbed)"),
        (2.456, 1.04, "2.46 µg/day eaten and taken (about 1 µg absorbed)"),
        (0.01234, 0.0061, "0.0123 µg/day eaten and taken (about 0.0061 µg absorbed)"),
    ],
)
def test_the_intake_line_has_no_exponent(eaten: float, absorbed: float, expected: str) -> None:
    line = _intake({"intake": {"ug_per_day": eaten, "absorbed_ug_per_day": absorbed}}, 2.4)
    assert line == expected + "; reference intake 2.4 µg/day"
