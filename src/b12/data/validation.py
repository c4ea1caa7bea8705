"""Turn pydantic validation errors into one-line b12 input errors that name the field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from b12.errors import InputError

_PREFIXES = ("Value error, ", "Assertion failed, ")
Model = TypeVar("Model", bound=BaseModel)


def _union_tag(part: int | str) -> bool:
    """A part of an error location that names a member of a union ('AntibodyResult',
    'function-after[_convert(), LabResult]'), not a field."""
    return isinstance(part, str) and ("[" in part or part[:1].isupper())


def field_path(loc: Sequence[int | str]) -> str:
    """'labs', 2, 'unit' -> 'labs[2].unit' (union member tags left out)."""
    path = ""
    for part in loc:
        if _union_tag(part):
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def nearest_branch(errors: list[Any]) -> list[Any]:
    """Errors of a union value come once per member: for each union value keep those of the
    member the value is nearest to (fewest problems; the first member on a tie)."""
    unions: dict[tuple[Any, ...], dict[Any, list[Any]]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        tag = next((i for i, part in enumerate(loc) if _union_tag(part)), None)
        if tag is not None:
            unions.setdefault(loc[:tag], {}).setdefault(loc[tag], []).append(error)
    dropped = [
        id(e)
        for members in unions.values()
        for member in members.values()
        if member is not min(members.values(), key=len)  # min keeps the first of equals
        for e in member
    ]
    return [e for e in errors if id(e) not in dropped]


def input_error(exc: ValidationError, *, context: str = "") -> InputError:
    """The first problem of a validation error as an :class:`InputError` (others are counted)."""
    errors = nearest_branch(exc.errors(include_url=False))
    first = errors[0]
    message = str(first["msg"])
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    if first["type"] == "extra_forbidden":
        message = "unknown field (see `b12 schema` for the fields allowed)"
    elif first["type"] in ("enum", "literal_error"):
        message = f"{message}; got {first.get('input')!r}"
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
