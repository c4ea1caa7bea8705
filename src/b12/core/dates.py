"""A calendar date as people and labs write it: an ISO 8601 date (YYYY-MM-DD) or a date object.

Never a number: pydantic would read ``0`` or ``"300"`` as a Unix time (1970-01-01), silently
moving a result decades back (found by schemathesis's negative-data check, 2026-12-05).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

# A date, optionally with a time of day that pydantic then checks is midnight.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


# Day first, as most of the world writes it: suggested only when the day cannot be the month.
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _calendar(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written YYYY-MM-DD")
    raise ValueError(f"must be a date written YYYY-MM-DD, got {value[:20]!r}{_suggestion(value)}")


def _suggestion(text: str) -> str:
    """'20/11/2026' -> ' (2026-11-20?)'; nothing when day and month could be either way round."""
    match = _DAY_FIRST.fullmatch(text.strip())
    if match is None:
        return ""
    day, month, year = (int(g) for g in match.groups())
    try:
        return f" ({dt.date(year, month, day).isoformat()}?)" if day > 12 else ""
    except ValueError:
        return ""


CalendarDate = Annotated[dt.date, BeforeValidator(_calendar)]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def calendar_months(start: dt.date, end: dt.date) -> float:
    """Whole calendar months from ``start`` to ``end``, plus the part of the next one: 2026-09-01
    to 2026-12-01 is 3.0 (NG239's "review after 3 months" falls due on that day; red team round
    16b, F5)."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, whole) > end:
        whole -= 1
    anchor, following = add_months(start, whole), add_months(start, whole + 1)
    return whole + (end - anchor).days / (following - anchor).days
