"""Validate parsed JSON as a FHIR R4 Bundle, with errors that name the resource and the field."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from b12.errors import InputError

# fhir.resources raises these instead of a ValidationError on some malformed input, e.g. a resource
# whose resourceType is not a string or not a FHIR type.
_MALFORMED = (TypeError, KeyError, AttributeError)


def _entry_resource(data: dict[str, Any], index: int) -> Any:
    entries = data.get("entry")
    if not isinstance(entries, list) or index >= len(entries):
        return None
    entry = entries[index]
    return entry.get("resource") if isinstance(entry, dict) else None


def _fhir_validation_error(exc: ValidationError, data: dict[str, Any], root: str) -> InputError:
    first = exc.errors(include_url=False)[0]
    loc = list(first["loc"])
    where = root
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int):
        res = _entry_resource(data, loc[1])
        if isinstance(res, dict):
            kind = res.get("resourceType", "resource")
            where = f"{kind}/{res['id']}" if res.get("id") else f"entry[{loc[1]}] ({kind})"
            loc = loc[3:]
    path = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")
    message = str(first["msg"]).split("\n")[0].strip()
    return InputError(f"invalid FHIR: {message}", field=f"{where}.{path}" if path else where)


def _malformed(data: dict[str, Any], root: str) -> InputError:
    entries = data.get("entry")
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(res, dict) and not isinstance(res.get("resourceType"), str):
            found = res.get("resourceType")
            return InputError(
                f"invalid FHIR: resourceType {found!r} is not the name of a FHIR resource type",
                field=f"{root}.entry[{i}].resource.resourceType",
            )
    return InputError(
        "invalid FHIR: a resource cannot be read; check that every resourceType names a FHIR "
        "resource type and every element has the FHIR shape",
        field=root,
    )


def validate_bundle(data: Any, *, where: str = "Bundle") -> Bundle:
    """Check that ``data`` is a FHIR Bundle and validate it with fhir.resources.

    ``where`` names the Bundle in error messages (e.g. ``context.draftOrders``).
    """
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        found = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
        raise InputError(f"expected a FHIR Bundle, got {found!r}", field=f"{where}.resourceType")
    try:
        return Bundle.model_validate(data)
    except ValidationError as exc:
        raise _fhir_validation_error(exc, data, where) from None
    except _MALFORMED:
        raise _malformed(data, where) from None
