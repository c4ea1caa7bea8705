"""One hierarchy of b12 errors.

Each class also subclasses the matching builtin, so callers that only know Python's own exceptions
still catch them. Messages name the field, the value and what is allowed; they never contain names,
dates of birth or other identifying data (lab values the user typed are echoed back to that user only).
"""

from typing import Any

MAX_ECHO_CHARS = 40  # a value typed by the user is echoed back at most this long
MAX_MESSAGE_CHARS = 1_500  # no error message is longer, whatever went into it (10 problems fit)
MAX_FIELD_CHARS = 80  # a field path (which may hold a key the user chose) is cut after this


def shown(value: Any) -> str:
    """A value the user gave, for an error message: quoted, and cut after a few dozen characters.

    Only text and numbers are echoed; a list or object is named, never printed (a nested value can
    be huge, and printing it is how a small YAML alias bomb became a 739 MB error).
    """
    if isinstance(value, bool | int | float):
        text = repr(value)
        return text if len(text) <= MAX_ECHO_CHARS else text[:MAX_ECHO_CHARS] + "…"
    if isinstance(value, str):
        if len(value) <= MAX_ECHO_CHARS:
            return repr(value)
        return f"{value[:MAX_ECHO_CHARS]!r}… ({len(value):,} characters)"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a value of type {type(value).__name__}"


def field_name(path: str) -> str:
    """A field path for an error, cut after :data:`MAX_FIELD_CHARS` characters."""
    return path if len(path) <= MAX_FIELD_CHARS else path[:MAX_FIELD_CHARS] + "…"


def _capped(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + f"… ({len(message):,} characters)"


class B12Error(Exception):
    """Base class of every error b12 raises on purpose."""


class InputError(B12Error, ValueError):
    """A person file, option or payload does not fit the documented format."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        field = None if field is None else field_name(field)
        self.field = field
        message = _capped(message)
        super().__init__(f"{field}: {message}" if field else message)


class RecordConflictError(InputError):
    """The stored record, not the request, is what cannot be used now: its values no longer fit
    together (a baby's weight kept after the age was changed to an adult's), or what was asked
    does not apply to this person (a menu for a child). The REST API answers 409."""


class UnitError(InputError):
    """A unit is unknown for an analyte, or a value is implausible in the unit given."""


class DataFileError(B12Error, OSError):
    """A data file is missing, unreadable or not in the expected format."""


class MissingExtraError(B12Error, ImportError):
    """An optional part of b12 is not installed; the message names the ``pip install`` line."""

    def __init__(self, message: str, *, extra: str) -> None:
        self.extra = extra
        super().__init__(message)


class ExternalServiceError(B12Error, ConnectionError):
    """A remote service b12 queries (an EHR's FHIR server) failed, timed out or refused access."""


class StoreUnavailableError(B12Error, OSError):
    """The records database cannot be used now: unreachable, read-only, full or damaged."""


class NotFoundError(B12Error, LookupError):
    """A stored record (person, lab result, assessment) does not exist."""


class ForbiddenError(B12Error, PermissionError):
    """The caller's role may not do this (a read-only user adding a record, a clinician deleting a
    person); the message names the role needed, never a record."""
