"""One hierarchy of b12 errors.

Each class also subclasses the matching builtin, so callers that only know Python's own exceptions
still catch them. Messages name the field, the value and what is allowed; they never contain names,
dates of birth or other identifying data (lab values the user typed are echoed back to that user only).
"""


class B12Error(Exception):
    """Base class of every error b12 raises on purpose."""


class InputError(B12Error, ValueError):
    """A person file, option or payload does not fit the documented format."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class UnitError(InputError):
    """A unit is unknown for an analyte, or a value is implausible in the unit given."""


class DataFileError(B12Error, OSError):
    """A data file is missing, unreadable or not in the expected format."""


class ExternalServiceError(B12Error, ConnectionError):
    """A remote service b12 queries (an EHR's FHIR server) failed, timed out or refused access."""


class StoreUnavailableError(B12Error, OSError):
    """The records database cannot be used now: unreachable, read-only, full or damaged."""


class NotFoundError(B12Error, LookupError):
    """A stored record (person, lab result, assessment) does not exist."""


class ForbiddenError(B12Error, PermissionError):
    """The caller's role may not do this (a read-only user adding a record, a clinician deleting a
    person); the message names the role needed, never a record."""
