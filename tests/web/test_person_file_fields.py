"""Every field of the person file can be edited in the web app, or is listed as import-only with a
reason (issue 16 item 3).

Walks the JSON Schema `b12 schema` prints down to its fields, and looks for each field's form input
in the pages a real server renders (the person list and a person's page).
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from b12.data.person_file import person_json_schema
from b12.web.forms import IMPORT_ONLY, PANEL_ANALYTES, WEB_INPUTS


def _refs(node: dict[str, Any]) -> list[str]:
    """The $defs a node refers to (directly, in an array's items, or in anyOf/oneOf)."""
    if "$ref" in node:
        return [node["$ref"].rsplit("/", 1)[-1]]
    if "items" in node:
        return _refs(node["items"])
    return [ref for option in node.get("anyOf", node.get("oneOf", ())) for ref in _refs(option)]


def fields(schema: dict[str, Any], node: dict[str, Any], prefix: str = "") -> set[str]:
    """Paths of the fields below ``node`` ("medications[].name", "muscle.height_m")."""
    found: set[str] = set()
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        objects = [schema["$defs"][r] for r in _refs(prop)]
        objects = [o for o in objects if "properties" in o]
        if path in WEB_INPUTS or path in IMPORT_ONLY or not objects:
            found.add(path)
            continue
        inner = f"{path}[]." if prop.get("type") == "array" else f"{path}."
        for obj in objects:
            found |= fields(schema, obj, inner)
    return found


def _rendered(client: httpx.Client) -> str:
    person = client.post("/api/persons", json={"label": "FIELDS-1", "age": 70, "sex": "female"})
    return client.get("/persons").text + client.get(f"/persons/{person.json()['id']}").text


def _present(html: str, where: str) -> bool:
    names = set(re.findall(r'name="([a-z0-9_]+)"', html))
    kind, _, what = where.partition(":")
    if kind == "panel":
        return all(f"{a.value}_{what}" in names for a in PANEL_ANALYTES)
    if kind == "kind":
        return re.search(rf'<option value="{what}"', html) is not None
    if kind == "radio":  # a form of the kind with a yes and a no radio button
        form = re.search(rf'<form[^>]*>(?:(?!</form>).)*value="{what}".*?</form>', html, re.S)
        radios = re.findall(
            r'type="radio"[^>]*name="value" value="([01])"', form.group(0) if form else ""
        )
        return sorted(radios) == ["0", "1"]
    return where in names


def test_every_person_file_field_is_editable_or_import_only(client: httpx.Client) -> None:
    schema = person_json_schema()  # what `b12 schema` prints
    paths = fields(schema, schema)
    assert {"age", "labs[].unit", "labs[].flag", "medications[].route", "muscle.height_m"} <= paths
    unlisted = sorted(p for p in paths if p not in WEB_INPUTS and p not in IMPORT_ONLY)
    assert unlisted == [], f"neither editable in the web app nor listed as import-only: {unlisted}"
    assert all(reason.strip() for reason in IMPORT_ONLY.values())
    assert not set(WEB_INPUTS) & set(IMPORT_ONLY)
    html = _rendered(client)
    missing = sorted(p for p in paths & set(WEB_INPUTS) if not _present(html, WEB_INPUTS[p]))
    assert missing == [], f"listed as editable, but no form input on the pages: {missing}"
    assert sorted(set(WEB_INPUTS) - paths) == []  # no stale entry
