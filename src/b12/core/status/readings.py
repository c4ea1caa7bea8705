"""A single-marker reading against one source's cut-offs, and the helper that makes one."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from b12.units import REGISTRY as UNITS
from b12.units import Analyte


class MarkerReading(BaseModel):
    """What one source's cut-offs say about one marker value (canonical units)."""

    model_config = ConfigDict(frozen=True)
    analyte: Analyte
    value: float
    unit: str
    scheme: str
    category: str
    meaning: str
    rule: str
    printed: str | None = None  # the result as its lab printed it, e.g. '350 pg/mL'
    date: dt.date | None = None  # the sample date of the result read
    # A result from before the B12 treatment began: the baseline beside a response judged from
    # later results, so every view says so (red team round 16, note on 08).
    before_treatment: bool = False
    # Why the judgment does not take this band at its word (a caveat that makes the marker
    # unreliable here: pernicious anaemia, recent injections, pregnancy, ...), else None: the band
    # alone would contradict the headline (red team round 16b, F10).
    unreliable: str | None = None


# A reading's category in words where the code alone does not read as words: "raised folate
# unknown or low" ran the marker's state and folate's together (red team round 17, note on 13).
# The other categories (NG239's bands, Valente's, folate's, the lab range's) read as they are.
_CATEGORY_WORDS = {
    "highly_suggestive": "highly suggestive of B12 deficiency",
    "suggests_b12_deficiency": "raised, with folate adequate: suggests B12 deficiency",
    "raised_folate_unknown_or_low": "raised; folate is low or not measured, so it does not "
    "single out B12",
    "below_range": "below the lab's range",
    "within_range": "within the lab's range",
    "above_range": "above the lab's range",
}


def category_words(category: str) -> str:
    """A reading's category as the views print it."""
    return _CATEGORY_WORDS.get(category) or category.replace("_", " ")


def when_text(date: object, before_treatment: bool) -> str:
    """The sample date as the views print it: "2026-08-01, before treatment" for a baseline."""
    if date is None:
        return "before treatment" if before_treatment else ""
    return f"{date}, before treatment" if before_treatment else str(date)


def reading(
    analyte: Analyte,
    value: float,
    scheme: str,
    category: str,
    meaning: str,
    rule: str,
    *,
    printed: str | None = None,
    date: dt.date | None = None,
) -> MarkerReading:
    """Build a reading in the canonical unit of ``analyte``."""
    return MarkerReading(
        printed=printed,
        date=date,
        analyte=analyte,
        value=value,
        unit=UNITS[analyte].canonical,
        scheme=scheme,
        category=category,
        meaning=meaning,
        rule=rule,
    )
