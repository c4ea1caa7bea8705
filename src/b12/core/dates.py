"""A calendar date as people and labs write it: an ISO 8601 date (YYYY-MM-DD) or a date object.

Never a number: pydantic would read ``0`` or ``"300"`` as a Unix time (1970-01-01), silently
moving a result decades back (found by schemathesis's negative-data check, 2026-12-05).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

# A date, optionally with a time of day that pydantic then checks is midnight.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def _calendar(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


CalendarDate = Annotated[dt.date, BeforeValidator(_calendar)]
