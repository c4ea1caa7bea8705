"""Rules of the store's inputs that JSON Schema can state, for the OpenAPI document.

The validators of :mod:`b12.data.store.schemas` (and of the core models they reuse) enforce them;
these schemas only say so, for clients and for schemathesis. Rules JSON Schema cannot state are
listed in docs/api.md ("What the OpenAPI document cannot say").
"""

from __future__ import annotations

from pydantic.config import JsonDict, JsonValue

# What the store's validators refuse, stated in the OpenAPI document (JSON Schema `pattern`, read by
# clients and by schemathesis): no NUL anywhere; a required text is not blank once stripped.
# The blank set is the Unicode White_Space property, which pydantic strips (not Python's \s).
_BLANK = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
NO_NUL: JsonDict = {"pattern": "^[^\\u0000]*$"}
NOT_BLANK: JsonDict = {"pattern": f"^[^\\u0000]*[^\\u0000{_BLANK}][^\\u0000]*$"}


def _then(condition: JsonDict, field: str, value: JsonValue) -> JsonDict:
    """JSON Schema: when ``condition`` holds, ``field`` is given and equals ``value``."""
    return {
        "if": condition,
        "then": {"required": [field], "properties": {field: {"const": value}}},
    }


def _given(field: str, schema: JsonDict) -> JsonDict:
    return {"required": [field], "properties": {field: schema}}


# The core person's life-stage rules (b12.core.person.Person._life_stage_fits_sex), as the document
# states them: pregnant or breastfeeding only with sex female; a gestational age only when pregnant.
LIFE_STAGE_FITS_SEX: list[JsonValue] = [
    _then(_given("pregnant", {"const": True}), "sex", "female"),
    _then(_given("breastfeeding", {"const": True}), "sex", "female"),
    _then(_given("gestational_age_weeks", {"type": "number"}), "pregnant", True),
]


def _only(given: str, absent: str) -> JsonDict:
    """JSON Schema: ``given`` is a number and ``absent`` is left out or null (one of two)."""
    return {
        "required": [given],
        "properties": {given: {"type": "number"}, absent: {"type": "null"}},
    }


def one_of_two(first: str, second: str) -> list[JsonValue]:
    """JSON Schema ``oneOf`` branches: exactly one of two optional numbers is given."""
    return [_only(first, second), _only(second, first)]
