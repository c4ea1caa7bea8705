"""Small readers for FHIR data types: codings, dates, references."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from b12.codes import Code

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one coding, its text the display (else the code)."""
    coding: dict[str, str] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def codes_of(concept: Any) -> list[Code]:
    """The codings of a CodeableConcept that carry both a system and a code."""
    if concept is None:
        return []
    return [
        Code(str(c.system), str(c.code), str(c.display or ""))
        for c in (concept.coding or [])
        if c.system and c.code
    ]


def text_of(concept: Any) -> str | None:
    """The text of a CodeableConcept, else the display of its first coding."""
    if concept is None:
        return None
    if concept.text:
        return str(concept.text)
    for coding in concept.coding or []:
        if coding.display:
            return str(coding.display)
    return None


def first_code(concept: Any) -> str | None:
    """'system|code' of the first coding, for reports of unmapped items."""
    codes = codes_of(concept)
    if codes:
        return str(codes[0])
    for coding in getattr(concept, "coding", None) or []:
        if coding.code:
            return f"(no system)|{coding.code}"
    return None


def to_date(value: Any) -> dt.date | None:
    """A FHIR date, dateTime or instant as a date; partial dates take the first day ('1950-05')."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _PARTIAL_DATE.match(str(value))
    if match is None:
        return None
    year, month, day = match.groups()
    return dt.date(int(year), int(month or 1), int(day or 1))


def period_start(period: Any) -> dt.date | None:
    """The start of a Period, if any."""
    return None if period is None else to_date(period.start)


def label(resource: Any, index: int) -> str:
    """How a resource is named in messages: 'Observation/abc', else 'entry[3] (Observation)'."""
    kind = resource.get_resource_type()
    rid = getattr(resource, "id", None)
    return f"{kind}/{rid}" if rid else f"entry[{index}] ({kind})"
