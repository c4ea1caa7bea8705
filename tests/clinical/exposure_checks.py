"""Checks for the "pregnancy and exposures" keys (tests/clinical/vignettes/breadth/README.md, keys
``haematology_advice``, ``advises_stopping_nitrous_oxide``, ``review_after_months``,
``infant_mentioned``, ``intake_reference_ug_day_any``). Each reads b12's output back the way the
README defines the key; none reads the code.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from b12.core.assessment import Assessment
from b12.core.plan.model import Category

URGENT_WORDS = re.compile(r"urgent|same day|within days")
STOP_WORDS = re.compile(
    r"\b(stop|avoid|discontinue|do not use)\b[^.]*nitrous oxide|nitrous oxide[^.]*\b(stop|avoid)"
)
WHY_WORDS = re.compile(r"inactivat|nerve damage|functional")
UNSAFE_USE = re.compile(r"if you keep using|while (still )?using|protects? (your )?nerves while")
IMMEDIATE = re.compile(r"\b(now|immediately|straight away)\b")
# A review interval: the words of a review or re-test in the same sentence (not "every 3 months"
# of an injection regimen).
THREE_MONTHS = re.compile(
    r"(review|re-?test|re-?check|started)[^.]*(\b(3|three) months|\b(8|12)(-12)? weeks)"
)
ONE_MONTH = re.compile(r"\b(1|one) month|\b4(-5)? weeks")
# One sentence: the baby can become deficient, and who to tell or what to watch for.
INFANT = re.compile(
    r"\b(baby|infant)\b[^.]*deficien[^.]*(health visitor|\bgp\b|paediatrician|doctor|watch|feed)"
)
STATED_REFERENCE = re.compile(r"(?:rda|recommended[^.]*?)\D{0,40}?(\d+(?:\.\d+)?) ?µg")


class ExposureExpect(BaseModel):
    """The keys this module checks (all optional; omitted = the source is silent)."""

    model_config = ConfigDict(extra="forbid")
    haematology_advice: Literal["urgent"] | None = None
    advises_stopping_nitrous_oxide: bool | None = None
    review_after_months: Literal[1] | None = None
    infant_mentioned: bool | None = None
    intake_reference_ug_day_any: list[float] = []


def stated_intake_references(text: str) -> list[float]:
    """Daily intake references (µg) the output states, e.g. "RDA ... 2.4 µg"."""
    return [float(v) for v in STATED_REFERENCE.findall(text)]


def _plan_texts(a: Assessment) -> list[tuple[str, bool]]:
    """Each plan item's text (lower case) and whether it is the urgent item."""
    assert a.plan is not None
    return [(i.text.lower(), i.category is Category.URGENT) for i in a.plan.items]


def _haematology_problems(a: Assessment) -> list[str]:
    reasons = a.status.judgment.urgency_reasons
    said = [*_plan_texts(a), *((r.message.lower(), False) for r in reasons)]
    if not any("haematolog" in t and (urgent or URGENT_WORDS.search(t)) for t, urgent in said):
        return ["no urgent haematology advice"]
    return []


def _nitrous_oxide_problems(a: Assessment, text: str) -> list[str]:
    stops = [t for t, _ in _plan_texts(a) if STOP_WORDS.search(t) and WHY_WORDS.search(t)]
    found = [] if stops else ["no plan item advises stopping nitrous oxide and says why"]
    if UNSAFE_USE.search(text):
        found.append("B12 presented as making continued nitrous oxide use safe")
    if stops and a.status.judgment.neurological and not any(IMMEDIATE.search(t) for t in stops):
        found.append("with nerve symptoms the stop advice is not immediate")
    return found


def exposure_problems(e: ExposureExpect, a: Assessment, text: str) -> list[str]:
    """Every way ``a`` departs from the pregnancy-and-exposures keys of ``e``."""
    found = []
    if e.haematology_advice:
        found += _haematology_problems(a)
    if e.advises_stopping_nitrous_oxide:
        found += _nitrous_oxide_problems(a, text)
    if e.review_after_months == 1:
        if THREE_MONTHS.search(text):
            found.append(f"a 3-month first review: {THREE_MONTHS.search(text)[0]!r}")
        if not ONE_MONTH.search(text):
            found.append("no 1-month review stated")
    if e.infant_mentioned and not INFANT.search(text):
        found.append("the breastfed baby is not mentioned with what to do")
    if e.intake_reference_ug_day_any:
        found += [
            f"states an intake reference of {v:g} µg, not one of {e.intake_reference_ug_day_any}"
            for v in stated_intake_references(text)
            if v not in e.intake_reference_ug_day_any
        ]
    return found
