"""The forms of a person's details and clinical history (the person-file fields of issue 15):
their choices, how a submitted form becomes the data the services validate, and where a refusal
is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.datastructures import FormData

from b12.core.history import (
    ConditionDates,
    Course,
    DialysisModality,
    Procedure,
    Surgery,
    SymptomCourse,
)
from b12.core.person import Diet, Ethnicity, Medication, Sex
from b12.data.store.schemas import PersonPublic
from b12.web.forms import ROUTES, SARC_F_ITEMS, Field, _items, _text, _typed

DIETS = {d.value: d.label for d in Diet}
SEXES = tuple(s.value for s in Sex)
ETHNICITIES = tuple(e.value for e in Ethnicity)
# Why the person form asks for ethnicity (docs/person-file.md): shown beside the field.
ETHNICITY_REASON = (
    "Optional. Read only for NICE NG239 1.3.13: people of Black ethnicity may have a higher "
    "reference range for total B12 (the judgment then notes it and lowers its confidence). "
    "Leave it empty if it is not needed; it is stored like every other field and never logged."
)
PROCEDURES = {p.value: p.value.replace("_", " ") for p in Procedure}
MODALITIES = tuple(m.value for m in DialysisModality)
COURSES = {c.value: c.value.replace("_", " ") for c in Course}
EXTENTS = ("total", "partial")


def details_data(form: FormData) -> dict[str, Any]:
    """The person's details from the details form: every field is sent, so an empty diet,
    ethnicity or gestational age clears it. A gestational age counts only while pregnant (the
    page hides the field otherwise; without script it is dropped here)."""
    pregnant = form.get("pregnant") == "on"
    return {
        "age": _text(form, "age"),
        "sex": _text(form, "sex"),
        "pregnant": pregnant,
        "breastfeeding": form.get("breastfeeding") == "on",
        "diet": _text(form, "diet") or None,
        "gestational_age_weeks": (_text(form, "gestational_age_weeks") or None)
        if pregnant
        else None,
        "ethnicity": _text(form, "ethnicity") or None,
        "conditions": _items(_text(form, "conditions")),
    }


def surgery_data(form: FormData) -> dict[str, Any]:
    """One operation from the operations form."""
    return {
        "procedure": _text(form, "procedure"),
        "date": _text(form, "surgery_date") or None,
        "extent": _text(form, "extent") or None,
    }


def dialysis_data(form: FormData) -> dict[str, Any]:
    """Dialysis from its form: no modality (and no date) clears it; a date without a modality is
    refused by the validation, naming the modality."""
    modality = _text(form, "modality")
    since = _text(form, "dialysis_since") or None
    return {"dialysis": {"modality": modality, "since": since} if modality or since else None}


def symptom_course_data(form: FormData) -> dict[str, Any]:
    """The course of one listed symptom."""
    return {
        "symptom": _text(form, "course_symptom"),
        "course": _text(form, "course"),
        "onset": _text(form, "course_onset") or None,
        "resolved_on": _text(form, "course_resolved_on") or None,
    }


def condition_dates_data(form: FormData) -> dict[str, Any]:
    """When one listed condition began and ended."""
    return {
        "condition": _text(form, "dates_condition"),
        "onset": _text(form, "condition_onset") or None,
        "resolved_on": _text(form, "condition_resolved_on") or None,
    }


# The forms of the person's details and history, and the input each field a refusal names is
# typed in (a message "age: Input should be ..." marks the age input and moves the focus there).
PERSON_FORMS = ("details", "surgery", "dialysis", "symptom_course", "condition_dates")
_DETAILS = ("age", "sex", "pregnant", "breastfeeding", "diet", "gestational_age_weeks")
INVALID_INPUTS: dict[str, dict[str, str]] = {
    "details": {**{n: n for n in _DETAILS}, "ethnicity": "ethnicity", "conditions": "conditions"},
    "surgery": {"procedure": "procedure", "date": "surgery_date", "extent": "extent"},
    "dialysis": {"dialysis.modality": "modality", "dialysis.since": "dialysis_since"},
    "symptom_course": {
        "symptom": "course_symptom",
        "symptom_course": "course_symptom",  # names a symptom that is not listed
        "course": "course",
        "onset": "course_onset",
        "resolved_on": "course_resolved_on",
    },
    "sarc_f": {**{f"sarc_f_{n}": f"sarc_f_{n}" for n in SARC_F_ITEMS}, "date": "sarc_f_date"},
    "condition_dates": {
        "condition": "dates_condition",
        "onset": "condition_onset",
        "resolved_on": "condition_resolved_on",
    },
}


def invalid_inputs(errors: dict[str, str]) -> dict[str, str]:
    """The input each refused person form names ({"details": "age"}); "" when none is named."""
    found = {}
    for form, inputs in INVALID_INPUTS.items():
        field = errors.get(form, "").split(":", 1)[0].strip()
        found[form] = inputs.get(field, inputs.get(field.split("[", 1)[0], ""))
    return found


HistoryEntry = Surgery | SymptomCourse | ConditionDates | Medication


def history_text(entry: HistoryEntry) -> str:
    """An entry of the person's history in words, as its list and its delete page show it."""
    if isinstance(entry, Medication):
        route = f" ({entry.route.value})" if entry.route else ""
        dose = f", {entry.dose}" if entry.dose else ""
        return (
            f"{entry.name}{route}{dose}"
            + _on(", from ", entry.start_date)
            + _on(", stopped ", entry.stop_date)
            + (", stopped (date not given)" if entry.stopped and not entry.stop_date else "")
        )
    if isinstance(entry, Surgery):
        extent = f" ({entry.extent})" if entry.extent else ""
        return f"{PROCEDURES[entry.procedure.value]}{extent}" + _on(", ", entry.date)
    if isinstance(entry, SymptomCourse):
        return (
            f"{entry.symptom}: {COURSES[entry.course.value]}"
            + _on(", since ", entry.onset)
            + _on(", resolved ", entry.resolved_on)
        )
    return (
        f"dates of {entry.condition}"
        + _on(": since ", entry.onset)
        + _on(", ended ", entry.resolved_on)
    )


def _on(words: str, date: dt.date | None) -> str:
    return f"{words}{date.isoformat()}" if date else ""


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _choice(name: str, label: str, value: str, choices: dict[str, str], empty: str = "") -> Field:
    """A select of ``choices`` (value: label), with an empty first option when ``empty`` names it."""
    options, labels = tuple(choices), tuple(choices.values())
    if empty:
        options, labels = ("", *options), (empty, *labels)
    return Field(name, label, value, "select", options, labels, required=not empty)


def _date(name: str, label: str, value: str) -> Field:
    return Field(name, label, value, "date", required=False)


def history_fields(
    entry: HistoryEntry, person: PersonPublic, form: FormData | None = None
) -> list[Field]:
    """The correction form of one history entry, prefilled with it (or with what was typed); its
    inputs are named as in the form that adds such an entry, so one reader serves both."""

    def typed(name: str, stored: str) -> str:
        return _typed(form, name, stored)

    if isinstance(entry, Surgery):
        extent = entry.extent or ""
        return [
            _choice(
                "procedure", "Operation", typed("procedure", entry.procedure.value), PROCEDURES
            ),
            _date("surgery_date", "Date (optional)", typed("surgery_date", _day(entry.date))),
            _choice(
                "extent",
                "Extent (ileal resection only)",
                typed("extent", extent),
                {e: e for e in EXTENTS},
                "not stated",
            ),
        ]
    if isinstance(entry, SymptomCourse):
        symptoms = {s: s for s in dict.fromkeys([*person.symptoms, entry.symptom])}
        return [
            _choice("course_symptom", "Symptom", typed("course_symptom", entry.symptom), symptoms),
            _choice("course", "Course", typed("course", entry.course.value), COURSES),
            _date("course_onset", "Onset (optional)", typed("course_onset", _day(entry.onset))),
            _date(
                "course_resolved_on",
                "Resolved on (resolved only)",
                typed("course_resolved_on", _day(entry.resolved_on)),
            ),
        ]
    if isinstance(entry, ConditionDates):
        conditions = {c: c for c in dict.fromkeys([*person.conditions, entry.condition])}
        return [
            _choice(
                "dates_condition",
                "Condition",
                typed("dates_condition", entry.condition),
                conditions,
            ),
            _date(
                "condition_onset", "Onset (optional)", typed("condition_onset", _day(entry.onset))
            ),
            _date(
                "condition_resolved_on",
                "Ended on (optional)",
                typed("condition_resolved_on", _day(entry.resolved_on)),
            ),
        ]
    route = entry.route.value if entry.route else ""
    return [
        Field("name", "Name", typed("name", entry.name), inputmode="text", maxlength=200),
        _date("start_date", "Started on (optional)", typed("start_date", _day(entry.start_date))),
        _date(
            "stop_date",
            "Stopped on (optional; empty while still taken)",
            typed("stop_date", _day(entry.stop_date)),
        ),
        _choice(
            "stopped",
            "Stopped, the date not given",
            typed("stopped", "yes" if entry.stopped else ""),
            {"yes": "yes"},
            "no",
        ),
        Field(
            "dose",
            "Dose (optional)",
            typed("dose", entry.dose or ""),
            required=False,
            inputmode="text",
            maxlength=200,
        ),
        _choice(
            "route", "Route (optional)", typed("route", route), {r: r for r in ROUTES}, "unknown"
        ),
    ]


def history_context() -> dict[str, Any]:
    """The choices of the details and history forms."""
    return {
        "diets": DIETS,
        "sexes": SEXES,
        "ethnicities": ETHNICITIES,
        "ethnicity_reason": ETHNICITY_REASON,
        "procedures": PROCEDURES,
        "modalities": MODALITIES,
        "courses": COURSES,
        "extents": EXTENTS,
        "history_text": history_text,
    }
