"""A single-marker reading against one source's cut-offs, and the helper that makes one."""

from __future__ import annotations

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


def reading(
    analyte: Analyte, value: float, scheme: str, category: str, meaning: str, rule: str
) -> MarkerReading:
    """Build a reading in the canonical unit of ``analyte``."""
    return MarkerReading(
        analyte=analyte,
        value=value,
        unit=UNITS[analyte].canonical,
        scheme=scheme,
        category=category,
        meaning=meaning,
        rule=rule,
    )
