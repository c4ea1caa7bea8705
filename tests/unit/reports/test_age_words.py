"""Ages as the web pages say them: under 2 in months ('18 months', not '1 years')."""

from __future__ import annotations

import pytest

from b12.reports.plain_words import age_words


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (0.01, "under 1 month"),
        (1 / 12, "1 month"),
        (17 / 12, "17 months"),
        (1.5, "18 months"),
        (1.999, "23 months"),
        (2, "2 years"),
        (74.99, "74 years"),
    ],
)
def test_age_words(age: float, words: str) -> None:
    assert age_words(age) == words
