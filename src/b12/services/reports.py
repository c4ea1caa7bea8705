"""Printable reports (HTML, PDF) of a person file or of a stored assessment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from b12 import __version__
from b12.core.assessment import Assessment
from b12.core.diet.requirements import reference_intake
from b12.core.person import Person
from b12.core.status.judgment import JUDGMENT_VERSION
from b12.data.person_file import parse_person
from b12.errors import InputError, RecordConflictError
from b12.reports.json_report import assessment_document
from b12.reports.lab_flags import flag_text
from b12.reports.report import Paper, Report, build_report, write_report
from b12.reports.trend_chart import CHART_ANALYTES, supplement_periods, trend_svg
from b12.services import followup
from b12.units import REGISTRY as UNITS

if TYPE_CHECKING:  # a report of a person file needs no records store (the 'web' extra)
    from b12.data.store import Store
    from b12.data.store.schemas import AssessmentPublic


def _lab_rows(person: Person) -> list[tuple[str, str, str, str]]:
    """Every result, oldest first: numeric ones as printed, with the lab's flag beside the value as
    the lab prints it, and canonical; antibodies as reported."""
    rows: list[tuple[dt.date | None, str, str, str]] = [
        (
            lab.date,
            lab.analyte.value,
            f"{lab.printed} {flag_text(lab.flag)}".strip(),
            f"{lab.canonical_value:.4g} {UNITS[lab.analyte].canonical}",
        )
        for lab in person.lab_results
    ]
    rows += [(ab.date, ab.analyte.value, ab.value, "") for ab in person.antibody_results]
    rows.sort(key=lambda row: row[0] or dt.date.min)
    return [(d.isoformat() if d else "undated", a, p, c) for d, a, p, c in rows]


def _chart(person: Person) -> str:
    series = {
        a: [
            (lab.date, lab.canonical_value)
            for lab in person.lab_results
            if lab.analyte is a and lab.date
        ]
        for a in CHART_ANALYTES
    }
    periods = supplement_periods(person.medications)
    return trend_svg(series, periods=periods) if any(series.values()) else ""


def person_report(
    person: Person,
    document: dict[str, Any],
    subject: str,
    when: dt.datetime | None,
    note: str = "",
    paper: Paper = "A4",
    person_id: int | None = None,
) -> Report:
    """The report of ``document`` for ``person`` (labs, trend chart, re-test date, intake target);
    ``person_id`` when the person is stored (the report points to their menu page)."""
    retest = followup.retest(document, person.medications)
    stage = {"pregnant": person.pregnant, "lactating": person.breastfeeding}
    return build_report(
        document,
        subject=subject,
        produced_at=when,
        labs=_lab_rows(person),
        chart_svg=_chart(person),
        note=note,
        retest_text=retest.text if retest else "",
        retest_due=retest.due if retest else None,
        target_ug=reference_intake(person.age, **stage).rda_ug_per_day,
        paper=paper,
        person_id=person_id,
    )


def file_report(person: Person, assessment: Assessment, name: str, output: Path) -> None:
    """Write the report of an assessment (.pdf or .html, by the suffix of ``output``)."""
    write_report(person_report(person, assessment_document(assessment), name, None), output)


def reassessed_note(assessment: AssessmentPublic) -> str:
    """What a view says about a stored assessment made by older judgment rules."""
    if assessment.shown == "reassessed":
        return (
            f"Stored by b12 {assessment.b12_version} with older judgment rules; shown re-assessed "
            f"from the same results by b12 {__version__} (judgment rules version "
            f"{JUDGMENT_VERSION})."
        )
    if assessment.shown == "stale":
        return (
            f"Stale: stored by b12 {assessment.b12_version} with older judgment rules, and its "
            "input can no longer be assessed. Assess the person again."
        )
    return ""


def stored_report(store: Store, person_id: int, assessment_id: int, paper: Paper = "A4") -> Report:
    """The report of a stored assessment: as it was produced, or re-assessed when its judgment
    rules are older than this version's (the report says so)."""
    from b12.services import records  # loads the records store: the web app's reports only

    label = records.get_person(store, person_id).label
    assessment = records.get_assessment(store, person_id, assessment_id)
    if assessment.shown == "stale":
        raise RecordConflictError(reassessed_note(assessment), field="assessment_id")
    try:
        person = parse_person(assessment.input)
    except InputError as exc:  # stored by an earlier version, whose checks were looser
        raise RecordConflictError(
            f"assessment {assessment_id} was made from records this version refuses ({exc}); "
            "assess again after correcting them",
            field="assessment_id",
        ) from None
    note = reassessed_note(assessment)
    return person_report(
        person, assessment.result, label, assessment.created_at, note, paper, person_id
    )


def current_report(store: Store, person_id: int, paper: Paper = "A4") -> Report:
    """The report of the records as they are now (what the person page shows), not stored."""
    from b12.services import records  # loads the records store: the web app's reports only

    label = records.get_person(store, person_id).label
    person = records.stored_person(store, person_id)
    result = records.current_result(store, person_id)
    now = dt.datetime.now(dt.UTC)
    return person_report(person, result, label, now, paper=paper, person_id=person_id)
