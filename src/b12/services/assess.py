"""Assess one person, or compute cB12 from loose marker values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from b12 import __version__
from b12.core.assessment import DISCLAIMER, Assessment
from b12.core.cb12 import Cb12Result, combined_indicator
from b12.core.person import Person
from b12.core.status import interpret_status
from b12.errors import DataFileError, InputError
from b12.fhir.writer import assessment_bundle
from b12.services.inputs import LoadedInput, load_code_table, load_input
from b12.units import Analyte, parse_quantity, to_canonical


def assess_person(person: Person) -> Assessment:
    """Assess a validated person."""
    return Assessment(
        b12_version=__version__, disclaimer=DISCLAIMER, status=interpret_status(person)
    )


@dataclass(frozen=True)
class AssessedInput:
    """An assessment and the input it came from (format, import notes)."""

    assessment: Assessment
    input: LoadedInput


def assess_input(path: Path, local_codes: Path | None = None) -> AssessedInput:
    """Read a person file or a FHIR Bundle (auto-detected) and assess it.

    ``local_codes`` is a file of site lab codes added to b12's code table for FHIR input.
    """
    codes = load_code_table(local_codes) if local_codes is not None else None
    loaded = load_input(path, codes)
    return AssessedInput(assess_person(loaded.person), loaded)


def assess_file(path: Path) -> Assessment:
    """Read a person file or a FHIR Bundle and assess it."""
    return assess_input(path).assessment


def write_fhir(assessed: AssessedInput, path: Path) -> None:
    """Write the assessment as a FHIR R4 Bundle (JSON) to ``path``."""
    bundle = assessment_bundle(
        assessed.assessment, subject=assessed.input.subject, as_of=assessed.input.as_of
    )
    try:
        path.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot write ({exc.strerror})") from None


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
