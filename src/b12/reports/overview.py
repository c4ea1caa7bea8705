"""The overview a person's page opens with: the judgment, the values it used, muscle, intake,
screening and the next action, already as text.

Built from an assessment document (as `b12 assess --json` prints it), so it shows what the one
judgment said and judges nothing itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from b12.reports.judgment_view import JudgmentView, judgment_view
from b12.units import REGISTRY as UNITS
from b12.units import Analyte, plain_number


class Overview(BaseModel):
    """The header card of a person's page."""

    model_config = ConfigDict(frozen=True)
    judgment: JudgmentView
    next_action: str  # the plan's first item, else the judgment's first next test
    retest: str  # the plan's re-test wording, with its date when known ("" : none)
    used: tuple[str, ...]  # "Total B12 120 pmol/L (2026-10-12)", as the lab printed it
    not_used: tuple[str, ...]  # a result the judgment did not use, and why
    muscle: str
    intake: str
    screening: str
    risk_factors: tuple[str, ...]


def analyte_name(code: str) -> str:
    """A marker's name for people ("serum total vitamin B12"), or its code when b12 has none."""
    try:
        return UNITS[Analyte(code)].label
    except ValueError:
        return code.replace("_", " ")


def _result_line(r: dict[str, Any]) -> str:
    return f"{analyte_name(r['analyte'])} {r['printed']} ({r.get('date') or 'undated'})"


def _muscle(doc: dict[str, Any]) -> str:
    muscle = doc.get("muscle")
    if not muscle:
        return "No muscle measurements."
    if muscle.get("stage") == "insufficient_data":  # no stage: the criteria were not applied
        return f"{muscle['label'][:1].upper()}{muscle['label'][1:]}."
    return f"{muscle['label'][:1].upper()}{muscle['label'][1:]} ({str(muscle['criteria']).upper()})"


def _rounded(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits, written without an exponent ("1000", not
    "1e+03", for a 1000 µg supplement)."""
    return plain_number(float(f"{value:.{digits}g}"))


def _intake(doc: dict[str, Any], target_ug: float | None) -> str:
    intake = doc.get("intake")
    if not intake:
        return "No diary: intake not measured."
    compared = doc.get("intake_vs_target")
    if compared:  # a food record: the one intake verdict, word for word as every view gives it
        return f"B12 from the food record: {compared['verdict']}."
    text = f"{_rounded(intake['ug_per_day'], 3)} µg/day eaten and taken"
    if intake.get("absorbed_ug_per_day") is not None:
        text += f" (about {_rounded(intake['absorbed_ug_per_day'], 2)} µg absorbed)"
    return text + (f"; reference intake {target_ug:g} µg/day" if target_ug is not None else "")


def _next_action(doc: dict[str, Any], view: JudgmentView) -> str:
    items = (doc.get("plan") or {}).get("items") or []
    if items:
        return str(items[0]["text"])
    return view.next_tests[0] if view.next_tests else "No action proposed by the plan."


def overview(
    doc: dict[str, Any],
    *,
    retest_text: str = "",
    retest_due: dt.date | None = None,
    target_ug: float | None = None,
) -> Overview:
    """The overview of an assessment document; the re-test date and reference intake come from
    the caller (they depend on the records and the day, not on the document)."""
    view = judgment_view(doc)
    results = doc["status"]["judgment"]["results"]
    screening = doc.get("screening") or {}
    due = f" Due {retest_due.isoformat()}." if retest_due else ""
    return Overview(
        judgment=view,
        next_action=_next_action(doc, view),
        retest=f"{retest_text}{due}" if retest_text else "",
        used=tuple(_result_line(r) for r in results if r["used"]),
        not_used=tuple(f"{_result_line(r)}: {r['why']}" for r in results if not r["used"]),
        muscle=_muscle(doc),
        intake=_intake(doc, target_ug),
        screening=str(screening.get("summary", "")),
        risk_factors=tuple(f["message"] for f in screening.get("risk_factors", ())),
    )
