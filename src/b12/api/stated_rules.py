"""Rules the server applies that the OpenAPI document can state, added to its request schemas.

A measurement of a kind the assessment reads must come in that kind's unit and within b12's
data-quality limits (:data:`b12.services.measurements.MUSCLE_KINDS`, the limits of
:class:`b12.core.muscle.measurements.MuscleMeasurements`), and its protocol ``data`` holds no NUL
character, at most :data:`~b12.data.store.schemas.MAX_DATA_DEPTH` levels deep. Each is read here
from the code that enforces it, so the document cannot drift from the server. What JSON Schema
cannot state (a SARC-F total equal to the sum of its items, a range's low at most its high) is
listed in docs/api.md.
"""

from __future__ import annotations

from typing import Any

from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.sarc_f import ITEM_MAX_POINTS, SarcFItems
from b12.data.store.schemas import MAX_DATA_DEPTH
from b12.data.store.stated import NO_NUL
from b12.services.measurements import MUSCLE_KINDS, NO, YES

_REF = "#/components/schemas/{model}"


def _number_branch(field: str) -> dict[str, Any]:
    """The non-null JSON Schema of one numeric field of the muscle block (its limits)."""
    schema = MuscleMeasurements.model_json_schema(ref_template=_REF)["properties"][field]
    branches = [b for b in schema.get("anyOf", [schema]) if b.get("type") != "null"]
    keep = ("type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
    return {key: value for key, value in branches[0].items() if key in keep}


def _value_schema(kind: str, field: str) -> dict[str, Any]:
    if kind == "walk_400m_completed":
        return {"enum": [NO, YES]}
    if kind == "sarc_f":  # the total of its items (that it is their sum: not statable)
        items = len(SarcFItems.model_fields)
        return {"type": "integer", "minimum": 0, "maximum": items * ITEM_MAX_POINTS}
    return _number_branch(field)


def measurement_kinds() -> list[dict[str, Any]]:
    """One ``if kind is K then unit and value fit K`` per kind the assessment reads."""
    rules = []
    for kind, known in MUSCLE_KINDS.items():
        then: dict[str, Any] = {
            "properties": {
                "unit": {"const": known.unit},
                "value": _value_schema(kind, known.field),
            }
        }
        if kind == "sarc_f":
            then["required"] = ["data"]
            then["properties"]["data"] = {"$ref": _REF.format(model="SarcFItems")}
        condition = {"required": ["kind"], "properties": {"kind": {"const": kind}}}
        rules.append({"if": condition, "then": then})
    return rules


def protocol_values() -> dict[str, dict[str, Any]]:
    """``ProtocolValue0``..: JSON with no NUL in any text or key, N levels of lists and objects at
    most (a measurement's ``data``: :data:`MAX_DATA_DEPTH` levels, itself the first)."""
    scalars = [
        {"type": "string", **NO_NUL},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "null"},
    ]
    values: dict[str, dict[str, Any]] = {"ProtocolValue0": {"anyOf": scalars}}
    for depth in range(1, MAX_DATA_DEPTH):
        inner = {"$ref": _REF.format(model=f"ProtocolValue{depth - 1}")}
        values[f"ProtocolValue{depth}"] = {
            "anyOf": [
                *scalars,
                {"type": "array", "items": inner},
                {"type": "object", "propertyNames": NO_NUL, "additionalProperties": inner},
            ]
        }
    return values


def state(components: dict[str, Any]) -> None:
    """Add the stated rules to the document's request schemas (``components``, in place)."""
    values = protocol_values()
    deepest = {"$ref": _REF.format(model=list(values)[-1])}
    for name, schema in components.items():
        if name.split("-")[0] == "MeasurementCreate":
            schema["allOf"] = measurement_kinds()
            data = schema["properties"]["data"]
            data.update(propertyNames=NO_NUL, additionalProperties=deepest)
    components.update(values)
    items = MuscleMeasurements.model_json_schema(ref_template=_REF)["$defs"]["SarcFItems"]
    components.setdefault("SarcFItems", items)
