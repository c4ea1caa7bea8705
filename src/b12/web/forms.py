"""Turn submitted HTML forms into the data the services validate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from b12.core.muscle.measurements import AsmMethod
from b12.core.muscle.sarc_f import SarcFItems
from b12.core.person import Antibody, Route
from b12.data.store.schemas import LabPublic, MeasurementPublic
from b12.errors import InputError
from b12.reports.lab_flags import FLAG_WORDS
from b12.services.measurements import MUSCLE_KINDS
from b12.units import REGISTRY as UNITS
from b12.units import Analyte, accepted_units, plain_number

# Every analyte the assessment reads: B12 markers, then the blood count and kidney function.
PANEL_ANALYTES = tuple(Analyte)
# Units labs print that b12 accepts as another spelling of a listed unit (ng/L is pg/mL; NICE
# NG239 states its B12 thresholds in ng/L), offered in the unit list as printed.
PRINTED_SPELLINGS = {Analyte.B12: ("ng/L",)}
ANTIBODY_LABELS = {
    Antibody.INTRINSIC_FACTOR: "Intrinsic factor antibody",
    Antibody.PARIETAL_CELL: "Parietal cell antibody",
}
QUALITATIVE = ("positive", "negative", "equivocal")
ROUTES = tuple(route.value for route in Route)
# The flag a lab printed beside a value: a choice of none or one of the lab's own flags, labelled.
FLAG_CHOICES = ("", *FLAG_WORDS)
FLAG_LABELS = ("none printed", *(f"{flag}: {words}" for flag, words in FLAG_WORDS.items()))


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", ",").split(",") if item.strip()]


def person_data(form: FormData) -> dict[str, Any]:
    """A new person from the person form (conditions and medications are comma-separated)."""
    data: dict[str, Any] = {
        "label": _text(form, "label"),
        "age": _text(form, "age") or None,
        "sex": _text(form, "sex") or None,
        "pregnant": form.get("pregnant") == "on",
        "breastfeeding": form.get("breastfeeding") == "on",
        "diet": _text(form, "diet") or None,
        "conditions": _items(_text(form, "conditions")),
        "symptoms": _items(_text(form, "symptoms")),
        "medications": [{"name": name} for name in _items(_text(form, "medications"))],
    }
    return data


def panel_data(form: FormData) -> list[dict[str, Any]]:
    """The results of a lab panel form: one per marker whose value was filled in.

    A value may be censored as the lab printed it ('>1476'); the panel is one sample, so its date
    and specimen id apply to every result.
    """
    sample = {
        "date": _text(form, "date") or None,
        "specimen_id": _text(form, "specimen_id") or None,
    }
    return [
        {
            "analyte": analyte.value,
            "value": _text(form, f"{analyte.value}_value"),
            "unit": _text(form, f"{analyte.value}_unit"),
            "reference_range": _reference_range(form, f"{analyte.value}_"),
            "flag": _text(form, f"{analyte.value}_flag") or None,
            **sample,
        }
        for analyte in PANEL_ANALYTES
        if _text(form, f"{analyte.value}_value")
    ]


def _reference_range(form: FormData, prefix: str) -> dict[str, str | None] | None:
    """The lab's printed range of one marker (inputs ``{prefix}ref_low`` and ``{prefix}ref_high``),
    in the result's unit (None: not typed)."""
    low, high = _text(form, f"{prefix}ref_low"), _text(form, f"{prefix}ref_high")
    return {"low": low or None, "high": high or None} if low or high else None


def panel_antibodies(form: FormData) -> list[dict[str, Any]]:
    """The antibody results of a lab panel form: one per antibody whose result was chosen."""
    sample = {
        "date": _text(form, "date") or None,
        "specimen_id": _text(form, "specimen_id") or None,
    }
    return [
        {"analyte": antibody.value, "value": _text(form, antibody.value), **sample}
        for antibody in ANTIBODY_LABELS
        if _text(form, antibody.value)
    ]


def antibody_fields() -> list[dict[str, Any]]:
    """What the panel form shows for each antibody: name, label and result choices."""
    return [
        {"name": a.value, "label": label, "choices": QUALITATIVE}
        for a, label in ANTIBODY_LABELS.items()
    ]


def panel_fields() -> list[dict[str, Any]]:
    """What the panel form shows for each marker: name, label and unit choices."""
    return [
        {
            "name": a.value,
            "label": UNITS[a].label,
            "units": [*accepted_units(a), *PRINTED_SPELLINGS.get(a, ())],
            "flags": tuple(zip(FLAG_CHOICES, FLAG_LABELS, strict=True)),
        }
        for a in PANEL_ANALYTES
    ]


# Kinds the measurement form does not offer: SARC-F has its own form (five item scores).
IMPORT_ONLY_KINDS = ("sarc_f",)
# Kinds the web form offers, with their unit; the API accepts any snake_case kind.
MEASUREMENT_KINDS = {
    kind: (MUSCLE_KINDS[kind].label, MUSCLE_KINDS[kind].unit)
    for kind in MUSCLE_KINDS
    if kind not in IMPORT_ONLY_KINDS
}
# A yes/no measurement (the 400 m walk's completion) is stored as 1 or 0
# (b12.services.measurements); its forms offer "yes" and "no", never the numbers.
YES_NO = ("1", "0")
YES_NO_LABELS = ("yes", "no")


def yes_or_no(value: float) -> str:
    """A stored yes/no measurement in words."""
    return YES_NO_LABELS[YES_NO.index(plain_number(value))]


ASM_METHODS = tuple(m.value for m in AsmMethod)
# SARC-F's items, worded as the core declares them, and its answers (0, 1 or 2 points each).
SARC_F_ITEMS = {name: f.description or name for name, f in SarcFItems.model_fields.items()}
SARC_F_ANSWERS = (
    "0 none, 1 some, 2 a lot or unable (falls in the past year: 0 none, 1 1-3, 2 four or more)"
)


def measurement_label(kind: str) -> str:
    """How the pages name a kind of measurement."""
    known = MUSCLE_KINDS.get(kind)
    return known.label if known else kind.replace("_", " ")


def measurement_data(form: FormData) -> dict[str, Any]:
    """One measurement from the measurement form (the unit follows from the kind); a muscle mass
    may say how it was measured (AWGS 2019's cut-offs differ for DXA and BIA)."""
    kind = _text(form, "kind")
    unit = MEASUREMENT_KINDS.get(kind, ("", "?"))[1]
    method = _text(form, "asm_method")
    if method and kind != "asm":
        raise InputError(
            f"the method (DXA or BIA) is for a muscle mass only, not {kind}", field="asm_method"
        )
    data = {"method": method} if method else {}
    fields = {"value": _text(form, "value"), "date": _text(form, "date")}
    return {"kind": kind, "unit": unit, "data": data, **fields}


def sarc_f_data(form: FormData) -> dict[str, Any]:
    """A SARC-F questionnaire from its form: the five item scores, stored with their total."""
    items = {}
    for name in SARC_F_ITEMS:
        answer = _text(form, f"sarc_f_{name}")
        if answer not in ("0", "1", "2"):
            raise InputError(f"choose 0, 1 or 2, not {answer!r}", field=f"sarc_f_{name}")
        items[name] = int(answer)
    date = _text(form, "sarc_f_date")
    total = sum(items.values())
    return {"kind": "sarc_f", "value": total, "unit": "points", "date": date, "data": items}


@dataclass(frozen=True)
class Field:
    """One field of a correction form, filled with the stored value or what was typed."""

    name: str
    label: str
    value: str
    type: str = "text"  # an <input> type, or "select" (then ``options``)
    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # what the page shows for each option (default: the option)
    required: bool = True
    inputmode: str = "decimal"  # the phone keyboard to show ("text" where '>' or letters belong)
    maxlength: int = 0  # 0: no limit on the page (the validation still has one)


def _typed(form: FormData | None, name: str, stored: str) -> str:
    return stored if form is None else _text(form, name)


def measurement_fields(m: MeasurementPublic, form: FormData | None = None) -> list[Field]:
    """The correction form of a measurement: its value and date (kind and unit stay); a yes/no
    measurement is a choice of yes or no."""
    value = _typed(form, "value", plain_number(m.value))
    if m.unit == "yes/no":
        shown = Field("value", measurement_label(m.kind), value, "select", YES_NO, YES_NO_LABELS)
    else:
        shown = Field("value", f"Value ({m.unit})", value)
    return [
        shown,
        Field("date", "Date measured", _typed(form, "date", m.date.isoformat()), type="date"),
    ]


def measurement_correction(m: MeasurementPublic, form: FormData) -> dict[str, Any]:
    """The corrected measurement: the typed value and date, the stored kind, unit and data."""
    fields = {"value": _text(form, "value"), "date": _text(form, "date")}
    return {"kind": m.kind, "unit": m.unit, "data": m.data, **fields}


def lab_fields(lab: LabPublic, form: FormData | None = None) -> list[Field]:
    """The correction form of a lab result: value, unit, date and specimen (the marker stays)."""
    # the units the panel offers, and the stored one: a unit missing from the list would be
    # replaced by the first one offered, silently changing the value's meaning (ng/L to pmol/L)
    offered = (*accepted_units(lab.analyte), *PRINTED_SPELLINGS.get(lab.analyte, ()))
    units = tuple(dict.fromkeys((*offered, lab.unit)))
    printed = f"{lab.comparator or ''}{plain_number(lab.value)}"
    return [
        Field(
            "value",
            "Value (a censored result as printed, e.g. >1476)",
            _typed(form, "value", printed),
            inputmode="text",
        ),
        Field("unit", "Unit", _typed(form, "unit", lab.unit), type="select", options=units),
        Field("date", "Sample date", _typed(form, "date", lab.date.isoformat()), type="date"),
        Field(
            "specimen_id",
            "Specimen id (optional)",
            _typed(form, "specimen_id", lab.specimen_id or ""),
            required=False,
            inputmode="text",
        ),
        # the range the lab printed beside the result, in the result's unit
        Field(
            "ref_low",
            "Lab's reference range: from (optional, same unit)",
            _typed(form, "ref_low", _number_or_empty(lab.reference_low)),
            required=False,
        ),
        Field(
            "ref_high",
            "Lab's reference range: to (optional, same unit)",
            _typed(form, "ref_high", _number_or_empty(lab.reference_high)),
            required=False,
        ),
        Field(
            "flag",
            "Flag the lab printed (optional; kept for you, not read by the rules)",
            _typed(form, "flag", lab.flag or ""),
            type="select",
            options=FLAG_CHOICES,
            labels=FLAG_LABELS,
            required=False,
        ),
    ]


def _number_or_empty(value: float | None) -> str:
    return "" if value is None else plain_number(value)


# The input of a correction form that a refusal names, where the two differ.
CORRECTION_INPUTS = {
    "reference_range": "ref_low",
    "reference_range.low": "ref_low",
    "reference_range.high": "ref_high",
}


def lab_correction(lab: LabPublic, form: FormData) -> dict[str, Any]:
    """The corrected lab result: typed value, unit, date, specimen, reference range (both limits
    empty: none) and the lab's flag (none: empty); the stored marker."""
    fields = {name: _text(form, name) for name in ("value", "unit", "date")}
    specimen = _text(form, "specimen_id") or None
    return {
        "analyte": lab.analyte.value,
        "reference_range": _reference_range(form, ""),
        "specimen_id": specimen,
        "flag": _text(form, "flag") or None,
        **fields,
    }


def medication_data(form: FormData) -> dict[str, Any]:
    """A medicine or supplement from the medication form."""
    return {
        "name": _text(form, "name"),
        "start_date": _text(form, "start_date") or None,
        "stop_date": _text(form, "stop_date") or None,
        "dose": _text(form, "dose") or None,
        "route": _text(form, "route") or None,
        # "stopped, the date not given" (a FHIR import's stopped statement without an end date):
        # kept when the entry is corrected, so the medicine never turns current again.
        "stopped": _text(form, "stopped") == "yes",
    }


MEALS = ("breakfast", "lunch", "dinner", "snack")


def diary_data(form: FormData) -> dict[str, Any]:
    """One diary entry from the diary form (the amount's unit defaults to grams)."""
    return {
        "date": _text(form, "date"),
        "meal": _text(form, "meal") or None,
        "food": _text(form, "food"),
        "amount": _text(form, "amount"),
        "unit": _text(form, "unit") or "g",
    }


def supplement_data(form: FormData) -> dict[str, Any]:
    """A diary supplement from its form: doses per day or per week, a date only if given."""
    per = "doses_per_week" if _text(form, "per") == "week" else "doses_per_day"
    return {
        "supplement": _text(form, "supplement"),
        "ug_per_dose": _text(form, "ug_per_dose"),
        per: _text(form, "doses"),
        "date": _text(form, "date") or None,
    }


def symptoms_data(form: FormData) -> dict[str, Any]:
    """The person's symptoms from the symptoms form (comma-separated; empty clears them)."""
    return {"symptoms": _items(_text(form, "symptoms"))}


# Where each field of the person file (`b12 schema`) is edited in the web app: the name of its
# form input ("panel:" an input per analyte of the lab panel, "kind:" a choice of the
# measurement form, "radio:" a form of its own for a yes/no kind), checked against the rendered
# pages by tests/web/test_person_file_fields.py.
WEB_INPUTS = {
    "age": "age",
    "sex": "sex",
    "pregnant": "pregnant",
    "breastfeeding": "breastfeeding",
    "diet": "diet",
    "conditions": "conditions",
    "symptoms": "symptoms",
    "medications[].name": "name",
    "medications[].start_date": "start_date",
    "medications[].stop_date": "stop_date",
    "medications[].dose": "dose",
    "medications[].route": "route",
    "medications[].stopped": "stopped",
    "labs[].analyte": "panel:value",  # one input per analyte: b12_value, mma_value, ...
    "labs[].value": "panel:value",  # a censored value is typed as printed: >1476
    "labs[].comparator": "panel:value",
    "labs[].unit": "panel:unit",
    "labs[].date": "date",
    "labs[].specimen_id": "specimen_id",
    "labs[].reference_range": "panel:ref_high",  # and ref_low: the range the lab printed
    "labs[].flag": "panel:flag",  # a select of the lab's flags: H, L, HH, LL, A or none
    # the person's details form (age, sex, diet, ... can be changed after the person is added)
    "gestational_age_weeks": "gestational_age_weeks",
    "ethnicity": "ethnicity",
    # the clinical history forms
    "surgery[].procedure": "procedure",
    "surgery[].date": "surgery_date",
    "surgery[].extent": "extent",
    "dialysis.modality": "modality",
    "dialysis.since": "dialysis_since",
    "symptom_course[].symptom": "course_symptom",
    "symptom_course[].course": "course",
    "symptom_course[].onset": "course_onset",
    "symptom_course[].resolved_on": "course_resolved_on",
    "condition_dates[].condition": "dates_condition",
    "condition_dates[].onset": "condition_onset",
    "condition_dates[].resolved_on": "condition_resolved_on",
    "muscle.measured_on": "date",
    "muscle.sarc_f": "sarc_f_strength",  # the SARC-F form: one select per item
    "muscle.asm_method": "asm_method",  # each measurement's date; the latest is the file's measured_on
    "diary": "food",  # the diary form: food, amount, meal, date; supplements
    **{
        f"muscle.{MUSCLE_KINDS[k].field}": f"kind:{k}"
        for k in MUSCLE_KINDS
        if k not in IMPORT_ONLY_KINDS and MUSCLE_KINDS[k].unit != "yes/no"
    },
    "muscle.walk_400m_completed": "radio:walk_400m_completed",  # its own form: yes or no
}
# Fields of the person file that only an import (person file, FHIR Bundle, API) sets, and why.
IMPORT_ONLY = {
    "assessed_on": "the visit date of an imported file; without it the web assesses as of today",
}
