"""Plain words for the names b12 uses inside (field names, enum values), for terminal readers."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from b12.core import rules as registry
from b12.core.plan.model import PAEDIATRIC_REFERRAL

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
# not a plan item, so that the plan's JSON stays as it is. A person file's report names the command
# line; a stored person's report names that person's menu page and REST address, with its id.
_MENU_INTRO = (
    "For a day-by-day menu that meets these food and protein targets, close to what is eaten now: "
)
MENU_LINK = _MENU_INTRO + "b12 menu PERSON_FILE (REST: GET /api/persons/{id}/menu)."
STORED_MENU_LINK = (
    _MENU_INTRO + "the person's Menu page in b12 (/persons/{id}/menu), or REST: GET "
    "/api/persons/{id}/menu."
)
_MENU_CATEGORIES = frozenset({"food", "protein"})


def menu_link(items: Iterable[tuple[str, str]], person_id: int | None = None) -> str:
    """Where to get a menu when the plan has a food or protein item, else an empty string: the
    stored person's pages when ``person_id`` is given, else the command for a person file.
    ``items``: each plan item's category and id.

    Never beside an urgent item (then the only thing to do is see a clinician), nor for a child
    (the planner is for adults: a paediatric dietitian plans a child's diet).
    """
    pairs = list(items)
    found = {category for category, _ in pairs}
    ids = {item_id for _, item_id in pairs}
    if not _MENU_CATEGORIES & found or "urgent" in found or PAEDIATRIC_REFERRAL in ids:
        return ""
    return MENU_LINK if person_id is None else STORED_MENU_LINK.format(id=person_id)


def age_words(age: float) -> str:
    """An age as a reader says it: '74 years'; under 2 in completed months, '18 months', '1 month'
    ('1 years' for a toddler of 18 months read wrong); under a month, 'under 1 month'."""
    if age >= 2:
        return f"{math.floor(age)} years"
    months = math.floor(age * 12 + 1e-6)  # 17/12 years is 17 months, not 16.999...
    if months < 1:
        return "under 1 month"
    return f"{months} month{'s' if months != 1 else ''}"
