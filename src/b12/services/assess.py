"""Assess one person, or compute cB12 from loose marker values."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from b12 import __version__
from b12.core.assessment import DISCLAIMER, Assessment
from b12.core.cb12 import Cb12Result, combined_indicator
from b12.core.person import Person
from b12.core.status import interpret_status
from b12.data.person_file import load_person
from b12.errors import InputError
from b12.units import Analyte, parse_quantity, to_canonical


def assess_person(person: Person) -> Assessment:
    """Assess a validated person."""
    return Assessment(
        b12_version=__version__, disclaimer=DISCLAIMER, status=interpret_status(person)
    )


def assess_file(path: Path) -> Assessment:
    """Read a person file and assess it."""
    return assess_person(load_person(path))


def cb12_from_quantities(quantities: Mapping[Analyte, str | None], age_years: float) -> Cb12Result:
    """cB12 from values typed as text ('250 pg/mL'; a bare number is in the canonical unit)."""
    if not 0 < age_years <= 125:
        raise InputError(f"age {age_years:g} is outside 0-125 years", field="age")
    values: dict[Analyte, float] = {}
    for analyte, text in quantities.items():
        if text is None:
            continue
        try:
            value, unit = parse_quantity(text)
            values[analyte] = to_canonical(analyte, value, unit)
        except InputError as exc:
            raise InputError(str(exc), field=f"--{analyte.value}") from None
    return combined_indicator(values, age_years)
