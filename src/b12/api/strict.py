"""JSON bodies keep JSON's own types: where the document says number, true and "250" are refused.

FastAPI validates a body in pydantic's lax mode, which reads ``false`` as ``0.0`` and ``"250"`` as
``250.0`` where the OpenAPI document says ``number`` (schemathesis's negative-data check found a
lab's reference range stored with ``high: false`` as 0). Pydantic's strict mode cannot be used
instead: it also refuses a date written as text in JSON after b12's own date validator has read it.

So this dependency of every API route compares the raw body with the JSON schema of the route's
body type (the schema the document shows), JSON types only: a boolean is no number, a number no
text, text no boolean. The first value of the wrong type is refused with its field (422); every
other rule is left to the route's own validation, whose messages stay as they are.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter

from b12.api.limits import is_json

Schema = dict[str, Any]
Path = tuple[int | str, ...]
JSON_TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "string": "text",
    "string:date": "a date written YYYY-MM-DD",  # b12.core.dates.CalendarDate's own words
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _fits(actual: str, allowed: frozenset[str], value: Any) -> bool:
    if actual in {name.split(":")[0] for name in allowed}:
        return True
    if actual == "integer":
        return "number" in allowed
    return actual == "number" and "integer" in allowed and float(value).is_integer()


Mismatch = tuple[Path, frozenset[str], str]  # where, the JSON types allowed there, the one sent


def _mismatch(value: Any, schema: Schema, defs: Schema, at: Path) -> Mismatch | None:
    """The first place where ``value`` has a JSON type ``schema`` does not allow (None: none)."""
    if "$ref" in schema:
        schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
    # An object's own oneOf/allOf state rules between its fields (b12.data.store.stated: one of two
    # frequencies, pregnancy only for women), not JSON types: its properties are checked instead.
    combined = {} if "properties" in schema else schema
    for key in ("anyOf", "oneOf"):
        if key in combined:
            return _in_none_of(value, combined[key], defs, at)
    for branch in combined.get("allOf", []):
        if (problem := _mismatch(value, branch, defs, at)) is not None:
            return problem
    if "type" in schema:
        types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        if schema.get("format") == "date":
            types = ["string:date" if t == "string" else t for t in types]
        allowed = frozenset(types)
        # null is never read as something else: the route's own validation words that problem
        if value is not None and not _fits(_json_type(value), allowed, value):
            return at, allowed, _json_type(value)
    return _inside(value, schema, defs, at)


def _in_none_of(value: Any, branches: list[Schema], defs: Schema, at: Path) -> Mismatch | None:
    found = [_mismatch(value, branch, defs, at) for branch in branches]
    problems = [problem for problem in found if problem is not None]
    if len(problems) < len(found):
        return None  # one branch takes it
    if all(problem[0] == at for problem in problems):  # "must be a number or null"
        return at, frozenset().union(*(problem[1] for problem in problems)), _json_type(value)
    return problems[0]


def _inside(value: Any, schema: Schema, defs: Schema, at: Path) -> Mismatch | None:
    """The first mismatch among an object's properties or a list's items."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for name, item in value.items():
            inner = properties.get(name, extra if isinstance(extra, dict) else None)
            if inner is not None and (problem := _mismatch(item, inner, defs, (*at, name))):
                return problem
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            if problem := _mismatch(item, schema["items"], defs, (*at, index)):
                return problem
    return None


def _message(allowed: frozenset[str], sent: str) -> str:
    order = list(JSON_TYPE_WORDS)  # "a number or null", in this order
    words = " or ".join(JSON_TYPE_WORDS[t] for t in sorted(allowed, key=order.index))
    return f"must be {words}, not {JSON_TYPE_WORDS[sent]}"


@cache
def _body_schema(adapter: TypeAdapter[Any]) -> Schema:
    return adapter.json_schema()


async def strict_json_body(request: Request) -> None:
    """Refuse a JSON body with a value of a type the route's body schema forbids (see above)."""
    field = getattr(request.scope.get("route"), "body_field", None)
    adapter: TypeAdapter[Any] | None = getattr(field, "_type_adapter", None)
    if adapter is None or not is_json(request.headers.get("content-type", "")):
        return
    raw = await request.body()  # FastAPI has read it already; Starlette keeps it
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        return  # not JSON: the route's own parsing says so
    schema = _body_schema(adapter)
    problem = None if body is None else _mismatch(body, schema, schema.get("$defs", {}), ())
    if problem is not None:
        at, allowed, sent = problem
        error = {"type": "json_type", "loc": ("body", *at), "msg": _message(allowed, sent)}
        raise RequestValidationError([error])
