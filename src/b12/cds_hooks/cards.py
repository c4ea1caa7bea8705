"""Cards for the two hooks, built from a :class:`~b12.services.ehr.RecordReview`.

Wording follows DECISIONS.md: decision support, never a diagnosis; never advise stopping a
prescribed medicine. Cards carry no name or identifier of the patient; the age, medicines and results
they mention are shown to the clinician who opened the chart and are never logged. Every value put
into a card passes through :mod:`b12.cds_hooks.text`: ``markdown`` in ``detail``, ``one_line`` in the
summary, so text typed into the record shows as typed and never as a link, an image or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from b12.cds_hooks.models import Action, Card, Link, Source, Suggestion
from b12.cds_hooks.text import markdown, one_line
from b12.codes import DrugClass, order_codes, orderable_test
from b12.core import rules as registry
from b12.core.sources import NICE_NG239
from b12.core.status.judgment import CARD_INDICATOR, TREAT, Judgment, Level, Urgency
from b12.core.status.result_age import is_current
from b12.services.ehr import RecordReview, RiskMedicine

SCREENING_TEST = "total_b12"  # the test the screening card and the baseline card suggest
NO_RECENT_TEST_YEARS = 3.0  # b12 design choice (issue 7's example card), not a guideline interval
SOURCE = Source(label="NICE NG239 (2024): vitamin B12 deficiency in over 16s", url=NICE_NG239.url)
METFORMIN_NOTE = (
    "MHRA Drug Safety Update (2022): reduced vitamin B12 is a common side effect of metformin, "
    "especially at higher doses or longer treatment; check B12 if symptomatic and consider periodic "
    "monitoring if other risk factors are present."
)
ACID_NOTE = (
    "Proton pump inhibitors and H2-receptor antagonists reduce B12 absorption from food; NICE NG239 "
    "lists them as risk factors."
)
DISCLAIMER = (
    "_Decision support, not a diagnosis. Do not stop a prescribed medicine because of this card._"
)


def short(text: str, limit: int = 139) -> str:
    """Text on one line, cut to the card summary limit (<140 characters)."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def order(test: str, patient_id: str) -> Suggestion:
    """A suggestion that creates a draft ServiceRequest for one test."""
    label = orderable_test(test).label
    coding = [{"system": c.system, "code": c.code, "display": c.display} for c in order_codes(test)]
    resource = {
        "resourceType": "ServiceRequest",
        "status": "draft",
        "intent": "proposal",
        "subject": {"reference": f"Patient/{patient_id}"},
        "code": {"coding": coding, "text": label},
    }
    return Suggestion(
        label=f"Order {label}",
        actions=[Action(type="create", description=f"Order {label}", resource=resource)],
    )


def _medicine_words(med: RiskMedicine) -> str:
    if med.years is None or med.years < 1:
        return med.name
    years = int(med.years)
    return f"{med.name} for {years} year{'s' if years != 1 else ''}"


def _test_words(review: RecordReview) -> str | None:
    """'no B12 result on record' / 'no B12 result in 3 years', or None when a recent one exists
    (a result dated after the request cannot have been taken yet: 'no B12 result up to today')."""
    if review.b12_results == 0:
        return "no B12 result up to today" if review.b12_dated_later else "no B12 result on record"
    since = review.years_since_b12_test()
    if since is not None and since > NO_RECENT_TEST_YEARS:
        return f"no B12 result in {NO_RECENT_TEST_YEARS:g} years"
    return None


def _not_current_words(review: RecordReview) -> str | None:
    """'the last B12 result (2025-03-01) is not current' when the latest total or active B12 result
    is older than the core's current-result window as of the call, else None."""
    last = review.last_b12_test
    if last is None or is_current(last, review.as_of):
        return None
    return f"the last B12 result ({last.isoformat()}) is not current"


def _as_of_line(review: RecordReview) -> str:
    """The day the judgment counts result ages to, so that "current" has a date: the day of the
    request, never a later result's (which cannot have been taken yet and is not read)."""
    return f"As of {review.as_of.isoformat()} (the date of this request)."


def _later_line(review: RecordReview) -> str:
    """The B12 results dated after the request, which the card does not count as tests."""
    if not review.b12_dated_later:
        return ""
    dates = ", ".join(d.isoformat() for d in review.b12_dated_later)
    return (
        f"\n\nB12 result(s) dated after today ({dates}) cannot have been taken yet: not read and "
        "not counted as a test; check the dates."
    )


def _links(patient_id: str, report_url: str | None) -> list[Link] | None:
    if not report_url:
        return None
    url = report_url.replace("{patientId}", quote(patient_id, safe=""))  # one path segment
    return [Link(label="Full b12 report", url=url)]


def not_read_card() -> Card:
    """The only card when part of the record could not be read: no judgment from partial data."""
    return Card(
        summary="B12 check not done: the chart could not be read in full",
        detail="The EHR's FHIR server did not answer in time, answered more than this service "
        "reads, or could not be reached; or the record sent was larger than it reads. No B12 "
        "judgment is made from part of a record.\n\n" + DISCLAIMER,
        indicator="info",
        source=SOURCE,
    )


def _notes_line(review: RecordReview) -> str:
    unused = sum(1 for n in review.notes if n.kind in ("unmapped", "skipped"))
    unverified = sum(1 for n in review.notes if n.kind == "unverified_code")
    parts = []
    if unused:
        parts.append(f"{unused} item(s) of the record were not used (codes not in b12's table)")
    if unverified:
        parts.append(f"{unverified} item(s) were read by codes b12 has not yet verified")
    return ("\n\n" + "; ".join(parts) + ".") if parts else ""


def _screening_line(review: RecordReview) -> str:
    """The screening line every interface shows (a lifelong cause is not "worth discussing")."""
    screening = review.assessment.screening
    said = screening.summary if screening is not None else "Risk factors for low B12 are listed"
    return (
        f"{said} (NICE NG239 offers a test for at least one symptom or sign with at least one "
        "risk factor)."
    )


def screening_card(review: RecordReview, patient_id: str, report_url: str | None) -> Card | None:
    """'Consider B12 testing: 74 y, metformin for 6 years, no B12 result in 3 years'."""
    test_words = _test_words(review)
    if test_words is None or not (review.risk_medicines or review.risk_conditions):
        return None
    facts = [f"{int(review.person.age)} y"]
    facts += [_medicine_words(m) for m in review.risk_medicines]
    facts += list(review.risk_conditions)
    detail = [
        "Risk factors for B12 deficiency in the record: "
        + ", ".join(
            markdown(name)
            for name in [*(m.name for m in review.risk_medicines), *review.risk_conditions]
        )
        + f"; {test_words}.",
        _screening_line(review),
    ]
    if any(m.drug_class is DrugClass.METFORMIN for m in review.risk_medicines):
        detail.append(METFORMIN_NOTE)
    return Card(
        summary=short(f"Consider B12 testing: {', '.join(facts)}, {test_words}"),
        detail="\n\n".join(detail)
        + _later_line(review)
        + _notes_line(review)
        + "\n\n"
        + DISCLAIMER,
        indicator="info",
        source=SOURCE,
        suggestions=[order(SCREENING_TEST, patient_id)],
        selectionBehavior="at-most-one",
        links=_links(patient_id, report_url),
    )


def _evidence_line(rule_ids: Sequence[str]) -> str:
    levels = [registry.get(r).evidence.value for r in rule_ids]
    counts = {level: levels.count(level) for level in dict.fromkeys(levels)}
    return "Rules used: " + ", ".join(f"{n} {level}" for level, n in counts.items()) + "."


_MARKS = {
    "supports": "supports",
    "argues_against": "argues against",
    "inconclusive": "inconclusive",
    "makes_unreliable": "makes unreliable",
}


def _words(code: str) -> str:
    return code.replace("_", " ")


def judgment_detail(judgment: Judgment) -> list[str]:
    """The judgment as markdown paragraphs: headline, level, evidence, urgency, advice, tests."""
    levels = (
        f"Level **{_words(judgment.level.value)}** · confidence {judgment.confidence.value} · "
        f"urgency **{judgment.urgency.value}**"
    )
    if judgment.response is not None:
        levels += f" · response {_words(judgment.response.value)}"
    detail = [f"**{markdown(judgment.headline)}**", levels, "Evidence:"]
    for item in judgment.evidence:
        canonical = (
            f" (= {markdown(item.canonical)})"
            if item.canonical and item.canonical != item.printed
            else ""
        )
        detail.append(f"- _{_MARKS[item.direction.value]}_: {markdown(item.message)}{canonical}")
    detail += [
        f"- Why {judgment.urgency.value}: {markdown(f.message)}" for f in judgment.urgency_reasons
    ]
    detail += [f"- Advice: {markdown(f.message)}" for f in judgment.advice]
    detail += [f"- Next test, {_words(t.test)}: {markdown(t.reason)}" for t in judgment.next_tests]
    detail += [
        "- Not used: " + markdown(f"{r.analyte} {r.printed} ({r.date or 'undated'}): {r.why}")
        for r in judgment.results
        if not r.used
    ]
    return detail


def status_card(
    review: RecordReview, patient_id: str, report_url: str | None, offered: Sequence[str] = ()
) -> Card | None:
    """b12's one judgment of the record: indicator from its urgency, its next tests as suggestions
    (except tests in ``offered``, which another card already suggests: one order button per test).

    No card when nothing can be judged, nothing is urgent and there is no B12 result (the screening
    card says to test).
    """
    status = review.assessment.status
    judgment = status.judgment
    if (
        review.b12_results == 0
        and not review.b12_dated_later  # else the judgment lists them as not read
        and judgment.level is Level.CANNOT_JUDGE
        and judgment.urgency is Urgency.ROUTINE
    ):
        return None
    detail = judgment_detail(judgment)
    detail.insert(1, _as_of_line(review))
    if status.cb12.cb12 is None and status.cb12.reason:
        detail.append(f"cB12 not computed: {markdown(status.cb12.reason)}")
    detail.append(_evidence_line(status.rules))
    suggestions = [order(t.test, patient_id) for t in judgment.next_tests if t.test not in offered]
    return Card(
        summary=short(f"B12: {judgment.headline}"),
        detail="\n\n".join(detail) + _notes_line(review) + "\n\n" + DISCLAIMER,
        indicator=CARD_INDICATOR[judgment.urgency],
        source=SOURCE,
        suggestions=suggestions or None,
        selectionBehavior="any" if suggestions else None,
        links=_links(patient_id, report_url),
    )


def patient_view_cards(review: RecordReview, patient_id: str, report_url: str | None) -> list[Card]:
    """Cards when a chart opens: screening (no recent test) and/or the status of the latest result."""
    screening = screening_card(review, patient_id, report_url)
    offered = (SCREENING_TEST,) if screening is not None else ()
    cards = [screening, status_card(review, patient_id, report_url, offered)]
    return [c for c in cards if c is not None]


def order_select_cards(
    review: RecordReview,
    ordered: Sequence[RiskMedicine],
    patient_id: str,
    report_url: str | None,
) -> list[Card]:
    """Cards when metformin or an acid-suppressing medicine is selected."""
    if not ordered:
        return []
    names = " and ".join(dict.fromkeys(m.name for m in ordered))
    notes = [METFORMIN_NOTE if m.drug_class is DrugClass.METFORMIN else ACID_NOTE for m in ordered]
    detail = "\n\n".join(dict.fromkeys(notes))
    judgment = review.assessment.status.judgment
    low = judgment.level in TREAT
    test_words = _test_words(review)
    if low and test_words is None:
        summary = f"{names.capitalize()} ordered; B12 already reads low: {judgment.headline}"
        suggestions = [order(t.test, patient_id) for t in judgment.next_tests]
    elif test_words := test_words or _not_current_words(review):
        summary = f"{names.capitalize()} can lower B12: {test_words}; consider a baseline B12 test"
        suggestions = [order(SCREENING_TEST, patient_id)]
    else:
        return []
    return [
        Card(
            summary=short(summary),
            detail=f"{detail}{_later_line(review)}{_notes_line(review)}\n\n{DISCLAIMER}",
            indicator=CARD_INDICATOR[judgment.urgency],
            source=SOURCE,
            suggestions=suggestions or None,
            selectionBehavior="at-most-one" if suggestions else None,
            links=_links(patient_id, report_url),
        )
    ]
