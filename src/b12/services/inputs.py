"""Load what a user hands to `b12 assess`: a native person file or a FHIR R4 Bundle (detected)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b12.codes import ImportNote
from b12.core.person import Person
from b12.data.person_file import parse_person, read_document
from b12.fhir.reader import read_bundle


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


def parse_input(data: Any) -> LoadedInput:
    """Validate parsed data as a FHIR Bundle or a person file, whichever it is."""
    if is_fhir(data):
        imported = read_bundle(data)
        subject = f"Patient/{imported.patient_id}" if imported.patient_id else None
        return LoadedInput(imported.person, "fhir", imported.notes, imported.as_of, subject)
    return LoadedInput(parse_person(data), "person")


def load_input(path: Path) -> LoadedInput:
    """Read a person file or a FHIR Bundle (JSON or YAML) from disk."""
    return parse_input(read_document(path))
