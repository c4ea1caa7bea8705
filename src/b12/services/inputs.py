"""Load what a user hands to `b12 assess`: a native person file or a FHIR R4 Bundle (detected)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from b12.codes import CodeTable, ImportNote
from b12.core.person import Person
from b12.data.person_file import parse_person, read_document
from b12.data.validation import input_error
from b12.fhir.reader import read_bundle
from b12.services import clock
from b12.units import Analyte


@dataclass(frozen=True)
class LoadedInput:
    """A validated person, the format it came in, and notes on anything not used."""

    person: Person
    format: str  # "person" | "fhir"
    notes: tuple[ImportNote, ...] = ()
    as_of: dt.date | None = None
    subject: str | None = None  # "Patient/<id>" for FHIR input


def is_fhir(data: Any) -> bool:
    """Whether parsed data is a FHIR resource (it has a resourceType) rather than a person file."""
    return isinstance(data, dict) and "resourceType" in data


def parse_input(
    data: Any, codes: CodeTable | None = None, as_of: dt.date | None = None
) -> LoadedInput:
    """Validate parsed data as a FHIR Bundle or a person file, whichever it is.

    ``as_of`` is the day a Bundle's age is computed at (default: today, the day it is assessed
    as of, :func:`b12.services.assess.assessment_date`); a person file states its age and keeps
    its own visit date.
    """
    if is_fhir(data):
        imported = read_bundle(data, as_of=as_of or clock.today(), codes=codes)
        subject = f"Patient/{imported.patient_id}" if imported.patient_id else None
        return LoadedInput(imported.person, "fhir", imported.notes, imported.as_of, subject)
    return LoadedInput(parse_person(data), "person")


def load_input(path: Path, codes: CodeTable | None = None) -> LoadedInput:
    """Read a person file or a FHIR Bundle (JSON or YAML) from disk."""
    return parse_input(read_document(path), codes)


class _LocalLab(BaseModel):
    model_config = ConfigDict(extra="forbid")
    system: str
    code: str
    analyte: Analyte


class _LocalCodes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    labs: list[_LocalLab]


def load_code_table(path: Path) -> CodeTable:
    """A site's local lab codes (JSON or YAML: ``labs: [{system, code, analyte}]``) over b12's table."""
    try:
        local = _LocalCodes.model_validate(read_document(path))
    except ValidationError as exc:
        raise input_error(exc, context=path.name) from None
    return CodeTable(local_labs={(lab.system, lab.code): lab.analyte for lab in local.labs})
