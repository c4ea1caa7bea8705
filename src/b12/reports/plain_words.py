"""Plain words for the names b12 uses inside (field names, enum values), for terminal readers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from b12.core import rules as registry

_NAMES = {
    "b12": "total B12",
    "holotc": "active B12 (holoTC)",
    "mma": "MMA",
    "hcy": "homocysteine",
    "sarc_f": "SARC-F questionnaire",
    "grip_strength_kg": "grip strength (kg)",
    "gait_speed_m_s": "gait speed (m/s)",
    "asm_kg": "appendicular muscle mass (kg, DXA or BIA)",
    "height_m": "height (m)",
    "weight_kg": "body weight (kg)",
    "ewgsop2": "EWGSOP2",
    "awgs2019": "AWGS 2019",
    "fnih": "FNIH",
    "full_blood_count": "full blood count",
    "intrinsic_factor_antibody": "intrinsic-factor antibodies",
    "life_stage": "life stage",
    "egfr": "kidney function (eGFR)",
}
# a pointer into the project's own notes (docs: evidence.md), not part of a citation
_PROJECT_NOTE = re.compile(r"\s*\(evidence\.md §[\d.]+\)")


def plain(name: str) -> str:
    """``name`` as a reader would say it: 'grip_strength_kg' -> 'grip strength (kg)'."""
    return _NAMES.get(name, name.replace("_", " "))


def citation(rule_id: str) -> str:
    """The source of a rule, without the project's internal note references."""
    return _PROJECT_NOTE.sub("", registry.get(rule_id).source.citation)


def weakest_evidence(rule_ids: tuple[str, ...] | list[str]) -> str | None:
    """'unverified' or 'secondary' when any of the rules is so (DECISIONS: never hidden), else None."""
    levels = {registry.get(i).evidence.value for i in rule_ids}
    for level in ("unverified", "secondary"):
        if level in levels:
            return level
    return None


# The plan links to the menu planner wherever it gives food or protein advice. A rendering line,
# not a plan item, so that the plan's JSON stays as it is.
MENU_LINK = (
    "For a day-by-day menu that meets these food and protein targets, close to what is eaten now: "
    "b12 menu PERSON_FILE (REST: GET /api/persons/{id}/menu)."
)
_MENU_CATEGORIES = frozenset({"food", "protein"})


def menu_link(categories: Iterable[str]) -> str:
    """:data:`MENU_LINK` when the plan has a food or protein item, else an empty string.

    Never beside an urgent item: then the only thing to do is see a clinician.
    """
    found = set(categories)
    return MENU_LINK if _MENU_CATEGORIES & found and "urgent" not in found else ""
