"""How the overview and the plan read: a 1000 µg supplement is "1000", never "1e+03" (seen on the
person page of a diary with a 1000 µg supplement); the plan's summary does not repeat the headline."""

from __future__ import annotations

import pytest

from b12.reports.judgment_view import without_headline
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


def test_the_plan_summary_does_not_repeat_the_headline() -> None:
    headline = "B12 deficiency is likely (confidence moderate)"
    summary = f"{headline}; most likely cause: malabsorption. Please see a doctor soon about it."
    expected = "Most likely cause: malabsorption. Please see a doctor soon about it."
    assert without_headline(summary, headline) == expected
    assert without_headline(f"{headline}. Eat more.", headline) == "Eat more."
    assert without_headline("Another text.", headline) == "Another text."
