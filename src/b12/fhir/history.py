"""Clinical history from FHIR: operations and dialysis from Procedure (and dialysis from Condition),
the weeks of pregnancy from an Observation (issue 15).

* Surgery: a Procedure whose code is in :data:`b12.codes.SURGERY_CODES`, else (no coding at all) whose
  text names an operation with the core's own words (:data:`b12.core.screening.surgery.PROCEDURE_TERMS`);
  the date is ``performedDateTime`` or ``performedPeriod.start``.
* Dialysis: a Procedure coded as haemodialysis or peritoneal dialysis
  (:data:`b12.codes.DIALYSIS_CODES`), or a Procedure or Condition whose text names one; the start is
  the earliest performed date (Procedure) or onset (Condition) of any of them.
* Gestational age: an Observation coded with :data:`b12.codes.GESTATIONAL_AGE_CODES`, in UCUM ``wk``
  or ``d``; the latest one is read, and only when the Bundle also holds an active pregnancy.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from b12.codes import ConceptCode, dialysis, surgery
from b12.core.history import Dialysis, DialysisModality, Procedure, Surgery
from b12.core.screening.surgery import ILEAL_RESECTION_TOTAL, PROCEDURE_TERMS
from b12.core.screening.terms import codes_in
from b12.fhir.elements import codes_of, period_start, text_of, to_date

DAYS_PER_WEEK = 7
_DIALYSIS_TEXT = (
    (re.compile(r"\bh(?:a)?emodialy", re.IGNORECASE), DialysisModality.HAEMODIALYSIS),
    (re.compile(r"\bperitoneal dialysis\b", re.IGNORECASE), DialysisModality.PERITONEAL),
)


def performed_on(res: Any) -> dt.date | None:
    """A Procedure's date (performedDateTime, else the start of performedPeriod)."""
    return to_date(res.performedDateTime) or period_start(res.performedPeriod)


def onset_of(res: Any) -> dt.date | None:
    """A Condition's onset date (onsetDateTime, else the start of onsetPeriod)."""
    return to_date(res.onsetDateTime) or period_start(res.onsetPeriod)


def abated_on(res: Any) -> dt.date | None:
    """A Condition's end date (abatementDateTime, else the start of abatementPeriod)."""
    return to_date(res.abatementDateTime) or period_start(res.abatementPeriod)


def _surgery_from_text(text: str, on: dt.date | None) -> list[Surgery]:
    found = []
    for code in codes_in(text, PROCEDURE_TERMS):
        if code == ILEAL_RESECTION_TOTAL:
            found.append(Surgery(procedure=Procedure.ILEAL_RESECTION, date=on, extent="total"))
        elif code in Procedure.__members__.values():
            found.append(Surgery(procedure=Procedure(code), date=on))
    return found  # "gastrectomy" of unwritten extent stays condition text only


def _dialysis_from_text(text: str) -> DialysisModality | None:
    return next((modality for pattern, modality in _DIALYSIS_TEXT if pattern.search(text)), None)


@dataclass
class History:
    """What the Procedures and Conditions of one Bundle say about operations and dialysis."""

    surgery: list[Surgery] = field(default_factory=list)
    dialysis_starts: dict[DialysisModality, list[dt.date | None]] = field(default_factory=dict)

    def coded(self, res: Any) -> ConceptCode | None:
        """Read a coded operation or dialysis from a Procedure; the code, if it was one."""
        codes = codes_of(res.code)
        on = performed_on(res)
        found = surgery(codes)
        if found is not None:
            name, _, extent = found.term.partition(":")
            self.surgery.append(
                Surgery.model_validate({"procedure": name, "date": on, "extent": extent or None})
            )
            return found
        found = dialysis(codes)
        if found is not None:
            self.dialysis_starts.setdefault(DialysisModality(found.term), []).append(on)
        return found

    def from_text(self, res: Any, *, ended: bool = False) -> None:
        """Read operations (Procedure only) and dialysis named in the text of an uncoded resource
        (an ended Condition names no current dialysis)."""
        if codes_of(res.code) or ended:
            return
        text = text_of(res.code) or ""
        procedure = res.get_resource_type() == "Procedure"
        on = performed_on(res) if procedure else onset_of(res)
        if procedure:
            self.surgery += _surgery_from_text(text, on)
        modality = _dialysis_from_text(text)
        if modality is not None:
            self.dialysis_starts.setdefault(modality, []).append(on)

    def operations(self) -> list[Surgery]:
        """Each operation once (the earliest dated record of it wins)."""
        kept: dict[tuple[Procedure, str | None], Surgery] = {}
        for s in sorted(self.surgery, key=lambda s: (s.date is None, s.date or dt.date.min)):
            kept.setdefault((s.procedure, s.extent), s)
        return list(kept.values())

    def dialysis(self) -> tuple[Dialysis | None, str | None]:
        """The dialysis read, and a problem when both modalities were named (none is then read)."""
        if len(self.dialysis_starts) > 1:
            return None, "both haemodialysis and peritoneal dialysis named: dialysis not read"
        for modality, starts in self.dialysis_starts.items():
            dated = [d for d in starts if d is not None]
            return Dialysis(modality=modality, since=min(dated) if dated else None), None
        return None, None


def gestational_weeks(quantity: Any) -> float | None:
    """Weeks of pregnancy from a valueQuantity in UCUM ``wk`` or ``d`` (else None)."""
    if quantity is None or quantity.value is None:
        return None
    unit = str(quantity.code or quantity.unit or "")
    if unit in {"wk", "week", "weeks"}:
        return round(float(quantity.value), 2)
    if unit in {"d", "day", "days"}:
        return round(float(quantity.value) / DAYS_PER_WEEK, 2)
    return None
