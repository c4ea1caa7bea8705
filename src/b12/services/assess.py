"""Assess one person, or compute cB12 from loose marker values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from b12 import __version__
from b12.core.assessment import DISCLAIMER, Assessment
from b12.core.cb12 import Cb12Result, combined_indicator
from b12.core.muscle import DEFAULT_CRITERIA, assess_muscle
from b12.core.person import Person
from b12.core.plan import build_plan
from b12.core.plan_intake import IntakeEstimate
from b12.core.sarcopenia import Criteria
from b12.core.screening import screen
from b12.core.status import interpret_status
from b12.data.person_file import load_person
from b12.errors import InputError
from b12.units import Analyte, parse_quantity, to_canonical


def assessment_date(person: Person, today: dt.date | None = None) -> dt.date:
    """The person's ``assessed_on``, else the latest lab date, else today."""
    if person.assessed_on is not None:
        return person.assessed_on
    dates = [lab.date for lab in person.labs if lab.date is not None]
    return max(dates) if dates else (today or dt.date.today())


def assess_person(
    person: Person,
    criteria: Criteria = DEFAULT_CRITERIA,
    intake: IntakeEstimate | None = None,
) -> Assessment:
    """Assess a validated person: B12 status, screening, muscle and the plan."""
    status = interpret_status(person)
    found = screen(person, assessment_date(person))
    muscle = assess_muscle(person.muscle, person.sex, criteria)
    plan = build_plan(person, status, found, muscle, intake)
    return Assessment(
        b12_version=__version__,
        disclaimer=DISCLAIMER,
        status=status,
        screening=found,
        muscle=muscle,
        plan=plan,
    )


def assess_file(path: Path, criteria: Criteria = DEFAULT_CRITERIA) -> Assessment:
    """Read a person file and assess it."""
    return assess_person(load_person(path), criteria)


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
