"""Turn submitted HTML forms into the data the services validate."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from b12.units import REGISTRY as UNITS
from b12.units import Analyte, accepted_units

PANEL_ANALYTES = (Analyte.B12, Analyte.HOLOTC, Analyte.MMA, Analyte.HCY, Analyte.FOLATE)


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
    """The results of a lab panel form: one per marker whose value was filled in."""
    date = _text(form, "date") or None
    return [
        {
            "analyte": analyte.value,
            "value": _text(form, f"{analyte.value}_value"),
            "unit": _text(form, f"{analyte.value}_unit"),
            "date": date,
        }
        for analyte in PANEL_ANALYTES
        if _text(form, f"{analyte.value}_value")
    ]


def panel_fields() -> list[dict[str, Any]]:
    """What the panel form shows for each marker: name, label and unit choices."""
    return [
        {"name": a.value, "label": UNITS[a].label, "units": accepted_units(a)}
        for a in PANEL_ANALYTES
    ]


# Kinds the web form offers, with their unit; the API accepts any snake_case kind.
MEASUREMENT_KINDS = {
    "grip_strength": ("Grip strength (best hand)", "kg"),
    "gait_speed": ("Gait speed", "m/s"),
    "chair_stand_5x": ("Five chair stands", "s"),
}


def measurement_data(form: FormData) -> dict[str, Any]:
    """One measurement from the measurement form (the unit follows from the kind)."""
    kind = _text(form, "kind")
    unit = MEASUREMENT_KINDS.get(kind, ("", "?"))[1]
    return {"kind": kind, "value": _text(form, "value"), "unit": unit, "date": _text(form, "date")}


def medication_data(form: FormData) -> dict[str, Any]:
    """A medicine or supplement from the medication form."""
    return {
        "name": _text(form, "name"),
        "start_date": _text(form, "start_date") or None,
        "dose": _text(form, "dose") or None,
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


def symptoms_data(form: FormData) -> dict[str, Any]:
    """The person's symptoms from the symptoms form (comma-separated; empty clears them)."""
    return {"symptoms": _items(_text(form, "symptoms"))}
