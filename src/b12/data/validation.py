"""Turn pydantic validation errors into one-line b12 input errors that name the field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from b12.core.person import LAB_ENTRY_TAGS
from b12.errors import InputError, shown

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


def input_error(exc: ValidationError, *, context: str = "") -> InputError:
    """The first problem of a validation error as an :class:`InputError` (others are counted)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    message = str(first["msg"])
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    if first["type"] == "extra_forbidden":
        message = "unknown field (see `b12 schema` for the fields allowed)"
    elif first["type"] in ("enum", "literal_error"):
        message = f"{message}; got {shown(first.get('input'))}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    path = field_path(first["loc"]) or None
    if context:
        path = f"{context}: {path}" if path else context
    return InputError(message, field=path)


def validate(model: type[Model], data: Any, *, context: str = "") -> Model:
    """Validate form or file data as ``model``, raising an :class:`InputError` naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, context=context) from None
