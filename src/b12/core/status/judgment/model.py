"""The vocabulary of b12's one B12 judgment (DECISIONS.md, "One judgment"): level, confidence,
urgency, the response to treatment, and the evidence items the level is derived from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from b12.core.findings import Finding, NextTest
from b12.members import members


class Level(StrEnum):
    """The judgment of B12 status."""

    DEFICIENCY_LIKELY = "deficiency_likely"
    POSSIBLE_FUNCTIONAL_DEFICIENCY = "possible_functional_deficiency"
    INDETERMINATE = "indeterminate"
    DEFICIENCY_UNLIKELY = "deficiency_unlikely"
    ON_TREATMENT = "on_treatment"
    CANNOT_JUDGE = "cannot_judge"


# How worrying each untreated level is; on_treatment and cannot_judge are outside this order.
SEVERITY = {
    Level.DEFICIENCY_UNLIKELY: 0,
    Level.INDETERMINATE: 1,
    Level.POSSIBLE_FUNCTIONAL_DEFICIENCY: 2,
    Level.DEFICIENCY_LIKELY: 3,
}
# Levels at which B12 treatment is started (the plan's regimen follows the cause).
TREAT = frozenset({Level.DEFICIENCY_LIKELY, Level.POSSIBLE_FUNCTIONAL_DEFICIENCY})


class Confidence(StrEnum):
    """How firmly the evidence supports the level (written rules, never a probability)."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MODERATE, Confidence.HIGH)


class Urgency(StrEnum):
    """How soon to see a clinician; separate from the level."""

    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"


URGENCY_ORDER = (Urgency.ROUTINE, Urgency.SOON, Urgency.URGENT)
# CDS Hooks card indicator for each urgency.
CARD_INDICATOR = {Urgency.URGENT: "critical", Urgency.SOON: "warning", Urgency.ROUTINE: "info"}


class Response(StrEnum):
    """The response to B12 treatment, judged from symptoms, Hb/MCV and MMA/homocysteine."""

    IMPROVING = "improving"
    NOT_IMPROVING = "not_improving"
    TOO_EARLY = "too_early"
    CANNOT_JUDGE = "cannot_judge"


class Direction(StrEnum):
    """What an evidence item does to the judgment."""

    SUPPORTS = "supports"  # supports a deficiency
    ARGUES_AGAINST = "argues_against"
    INCONCLUSIVE = "inconclusive"  # e.g. an indeterminate first-line result
    MAKES_UNRELIABLE = "makes_unreliable"  # a caveat: a marker cannot be read at face value


class Kind(StrEnum):
    """Where an evidence item comes from."""

    FIRST_LINE = "first_line"  # total B12, active B12
    COMBINED = "combined"  # cB12
    FUNCTIONAL = "functional"  # MMA, homocysteine
    SIGN = "sign"  # symptoms, anaemia, macrocytosis, glossitis
    ANTIBODY = "antibody"
    CAVEAT = "caveat"
    HISTORY = "history"  # earlier results, treatment given


# The members as plain attributes (b12.members): the judgment reads them per person, in every
# loop over its evidence.
LEVEL = members(Level)
CONFIDENCE = members(Confidence)
URGENCY = members(Urgency)
RESPONSE = members(Response)
DIRECTION = members(Direction)
KIND = members(Kind)


class EvidenceItem(BaseModel):
    """One piece of evidence, with the rule it rests on."""

    model_config = ConfigDict(frozen=True)
    code: str
    kind: Kind
    direction: Direction
    message: str
    rules: tuple[str, ...]
    printed: str | None = None  # the value as the lab printed it
    canonical: str | None = None  # the same value in b12's canonical unit
    date: dt.date | None = None
    affects: tuple[str, ...] = ()  # markers a caveat makes unreliable


def has_code(items: Iterable[EvidenceItem], code: str) -> bool:
    """Whether an evidence item with this code is present."""
    for item in items:  # noqa: SIM110 (a loop, not any(generator): asked ~10 times per assessment)
        if item.code == code:
            return True
    return False


def treatment_start(items: Iterable[EvidenceItem]) -> dt.date | None:
    """When the B12 treatment the evidence reads began (its ``on_treatment`` item's date), if
    it reads one and the date is known."""
    for item in items:  # a loop, not next(generator): asked ~3 times per assessment
        if item.code == "on_treatment":
            return item.date
    return None


class ResultUse(BaseModel):
    """Whether a lab result was used, and if not, why (no result is dropped silently)."""

    model_config = ConfigDict(frozen=True)
    analyte: str
    printed: str
    date: dt.date | None
    used: bool
    why: str


class Judgment(BaseModel):
    """b12's one reading of a person's B12 status; every interface shows this and only this."""

    model_config = ConfigDict(frozen=True)
    level: Level
    confidence: Confidence
    urgency: Urgency
    response: Response | None
    headline: str
    evidence: tuple[EvidenceItem, ...]
    confidence_reasons: tuple[str, ...]
    urgency_reasons: tuple[Finding, ...]
    advice: tuple[Finding, ...]
    next_tests: tuple[NextTest, ...]
    results: tuple[ResultUse, ...]
    neurological: bool  # neurological involvement is possible: only the neurological regimen
    rules: tuple[str, ...]
    version: str  # JUDGMENT_VERSION of the rules that made it

    def has(self, code: str) -> bool:
        """Whether an evidence item with this code is present."""
        return has_code(self.evidence, code)

    def advice_on(self, code: str) -> Finding | None:
        """The judgment's advice with this code, if it gives it."""
        for advice in self.advice:  # a loop, not next(generator): asked ~4 times per assessment
            if advice.code == code:
                return advice
        return None
