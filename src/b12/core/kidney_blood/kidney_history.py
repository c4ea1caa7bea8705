"""Chronic kidney disease stage and dialysis as the person file names them.

A CKD stage is read from condition text ("CKD stage 4", "chronic kidney disease stage 3b", "CKD
G5", "end-stage kidney disease"); dialysis from the ``dialysis`` field or from condition text
("haemodialysis", "peritoneal dialysis", "on dialysis"), unless the text says the person is not
on it ("not on dialysis", "pre-dialysis", "conservative care"). Stages are KDIGO 2012's GFR
categories (:mod:`b12.core.kidney_blood.kdigo_gfr`): a named stage 4 or 5 means an eGFR below 30.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from b12.core.history import Dialysis, DialysisModality

_STAGE = re.compile(
    r"\b(?:ckd|chronic kidney disease|chronic renal (?:disease|failure|insufficiency))"
    r"[\s,:-]*(?:stage|category)?\s*g?([1-5])\s*([ab])?\b",
    re.IGNORECASE,
)
_END_STAGE = re.compile(
    r"\b(?:end[- ]stage (?:kidney|renal)|eskd|esrd|kidney failure|renal failure)", re.IGNORECASE
)
_NOT_ON_DIALYSIS = re.compile(
    r"\b(?:not on|no|without|pre-?|before)\s*dialysis|conservative (?:care|management)",
    re.IGNORECASE,
)
_DIALYSIS = (
    (re.compile(r"\bperitoneal dialysis|\bcapd\b|\bapd\b", re.IGNORECASE), "peritoneal"),
    (re.compile(r"\bha?emodialysis|\bhaemodiafiltration", re.IGNORECASE), "haemodialysis"),
    (re.compile(r"\bdialysis\b", re.IGNORECASE), "unspecified"),
)
SEVERE_STAGES = frozenset({"4", "5"})  # KDIGO G4 15-29, G5 < 15: eGFR below 30


@dataclass(frozen=True)
class KidneyHistory:
    """What the person file says about chronic kidney disease."""

    stage: str | None  # KDIGO category without the G: "3b", "4", "5"
    dialysis: str | None  # haemodialysis, peritoneal, unspecified; None if not on dialysis
    source: str  # the text or field it came from, for the reader

    @property
    def reduced(self) -> bool:
        """A named stage 3-5 (eGFR below 60) or dialysis."""
        return self.dialysis is not None or (self.stage is not None and self.stage[0] in "345")

    @property
    def g3(self) -> bool:
        """A named stage 3 (3a or 3b: eGFR 30-59)."""
        return self.stage is not None and self.stage[0] == "3"

    @property
    def severe(self) -> bool:
        """A named stage 4 or 5 (eGFR below 30)."""
        return self.stage is not None and self.stage[0] in SEVERE_STAGES


def _stage(text: str) -> str | None:
    if match := _STAGE.search(text):
        return match.group(1) + (match.group(2) or "").lower()
    return "5" if _END_STAGE.search(text) else None


def _dialysis(text: str) -> str | None:
    if _NOT_ON_DIALYSIS.search(text):
        return None
    return next((modality for pattern, modality in _DIALYSIS if pattern.search(text)), None)


def named_in(text: str) -> bool:
    """Whether one condition text names a CKD stage or dialysis."""
    return _stage(text) is not None or _DIALYSIS[-1][0].search(text) is not None


def kidney_history(
    conditions: Sequence[str], on_dialysis: Dialysis | None = None
) -> KidneyHistory | None:
    """The most severe CKD stage named in ``conditions`` and any dialysis (the person file's
    ``dialysis`` field, else condition text); None if neither is named."""
    stages: list[tuple[str, str]] = []
    dialysis: tuple[str, str] | None = None
    if on_dialysis is not None:
        dialysis = (on_dialysis.modality.value, f"{on_dialysis.modality.value} (dialysis)")
    for text in conditions:
        if (stage := _stage(text)) is not None:
            stages.append((stage, text))
        if dialysis is None and (modality := _dialysis(text)) is not None:
            dialysis = (modality, text)
    if not stages and dialysis is None:
        return None
    stage, text = max(stages, default=(None, ""), key=lambda s: s[0] or "")
    if dialysis is not None:
        return KidneyHistory(stage or "5", dialysis[0], dialysis[1])
    return KidneyHistory(stage, None, text)


__all__ = ["DialysisModality", "KidneyHistory", "kidney_history"]
