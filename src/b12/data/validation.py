"""Turn pydantic validation errors into one-line b12 input errors that name every field."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from b12.core.person import LAB_ENTRY_TAGS
from b12.errors import InputError, field_name, shown

_PREFIXES = ("Value error, ", "Assertion failed, ")
Model = TypeVar("Model", bound=BaseModel)


def field_path(loc: Sequence[int | str]) -> str:
    """'labs', 2, 'unit' -> 'labs[2].unit' (the tag of a tagged union is left out)."""
    path = ""
    for before, part in zip((None, *loc), loc, strict=False):
        if isinstance(before, int) and part in LAB_ENTRY_TAGS:
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


# Every problem is named (docs/person-file.md, "Errors"), up to this many; then they are counted.
MAX_PROBLEMS_LISTED = 10
# pydantic's choices, bounds and number checks say what is allowed; the value given is added (a
# choice or a number, from a file, JSON or a form's text, shown cut by :func:`b12.errors.shown`).
_ECHOED = frozenset(
    {
        *("enum", "literal_error", "multiple_of", "float_parsing", "int_parsing", "bool_parsing"),
        *("greater_than", "greater_than_equal", "less_than", "less_than_equal"),
    }
)
UNKNOWN_FIELD = "unknown field (see `b12 schema` for the fields allowed)"


def problem_text(error: ErrorDetails, unknown: str = UNKNOWN_FIELD) -> str:
    """What is wrong with one field: what is allowed, and the choice or number given."""
    message = str(error["msg"])
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    kind, given = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return unknown
    if kind in _ECHOED:
        return f"{message}, got {shown(given)}{_did_you_mean(error, given)}"
    return message


def _did_you_mean(error: ErrorDetails, given: Any) -> str:
    """The allowed choice nearest a misspelt one ("intrinsic_factor_antibodies")."""
    expected = str((error.get("ctx") or {}).get("expected", ""))
    choices = re.findall(r"'([^']*)'", expected)
    if not isinstance(given, str) or not choices:
        return ""
    near = get_close_matches(given.strip().casefold(), choices, n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def problems_line(
    errors: Sequence[ErrorDetails],
    path_of: Callable[[Sequence[int | str]], str],
    unknown: str = UNKNOWN_FIELD,
) -> tuple[str, str]:
    """The first problem's field, and one line naming every problem: the first one's message, then
    'field: message' for each other, up to :data:`MAX_PROBLEMS_LISTED`, then how many more."""
    listed = [problem_text(e, unknown) for e in errors[:MAX_PROBLEMS_LISTED]]
    others = [
        f"{field_name(path)}: {text}" if (path := path_of(e["loc"])) else text
        for e, text in zip(errors[1:], listed[1:], strict=False)
    ]
    more = len(errors) - len(listed)
    if more:
        others.append(f"and {more} more problem{'s' if more > 1 else ''}")
    return path_of(errors[0]["loc"]), "; ".join([listed[0], *others])


def input_error(exc: ValidationError, *, context: str = "") -> InputError:
    """A validation error as an :class:`InputError` that names the first field and lists every
    problem (see :func:`problems_line`)."""
    path, message = problems_line(exc.errors(include_url=False), field_path)
    where = path or None
    if context:
        where = f"{context}: {where}" if where else context
    return InputError(message, field=where)


def validate(model: type[Model], data: Any, *, context: str = "") -> Model:
    """Validate form or file data as ``model``, raising an :class:`InputError` naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, context=context) from None
