"""Checks of CDS Hooks 2.0 JSON against the specification's required fields and value sets.

From the CDS Hooks 2.0 specification (cds-hooks.hl7.org, "Discovery", "CDS Service Response",
"Card Attributes", "Source", "Suggestion", "Action", "Link"): required fields, allowed values, the
<140-character summary, selectionBehavior whenever there are suggestions, and no null or empty values.
"""

from __future__ import annotations

from typing import Any

INDICATORS = {"info", "warning", "critical"}
SELECTION = {"at-most-one", "any"}
ACTION_TYPES = {"create", "update", "delete"}
LINK_TYPES = {"absolute", "smart"}


def no_null_or_empty(value: Any, path: str = "$") -> None:
    """JSON elements SHALL NOT be null or empty unless the specification says so."""
    assert value is not None and value != "" and value != {}, path
    if isinstance(value, dict):
        for key, item in value.items():
            no_null_or_empty(item, f"{path}.{key}")
    elif isinstance(value, list):
        assert value, path
        for i, item in enumerate(value):
            no_null_or_empty(item, f"{path}[{i}]")


def check_discovery(doc: dict[str, Any]) -> None:
    assert isinstance(doc["services"], list)
    for service in doc["services"]:
        for field in ("hook", "description", "id"):
            assert isinstance(service[field], str) and service[field], field
        assert all(isinstance(v, str) for v in (service.get("prefetch") or {}).values())
        no_null_or_empty(service)


def check_card(card: dict[str, Any]) -> None:
    assert isinstance(card["summary"], str) and 0 < len(card["summary"]) < 140
    assert card["indicator"] in INDICATORS
    assert isinstance(card["source"]["label"], str) and card["source"]["label"]
    suggestions = card.get("suggestions")
    if suggestions:
        assert card["selectionBehavior"] in SELECTION
        for suggestion in suggestions:
            assert isinstance(suggestion["label"], str)
            for action in suggestion.get("actions", []):
                assert action["type"] in ACTION_TYPES and isinstance(action["description"], str)
                if action["type"] == "create":
                    assert "resourceType" in action["resource"]
    for link in card.get("links", []):
        assert link["label"] and link["url"] and link["type"] in LINK_TYPES
    no_null_or_empty(card)


def check_response(doc: dict[str, Any]) -> None:
    assert isinstance(doc["cards"], list)
    for card in doc["cards"]:
        check_card(card)
