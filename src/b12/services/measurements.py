"""Use cases of muscle and body measurements over time (grip strength, gait speed, ...).

They are stored as measured; reading them against cut-offs belongs to the screening modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import ValidationError

from b12.core.measurements import MuscleMeasurements
from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.schemas import MeasurementCreate, MeasurementPublic
from b12.data.validation import input_error
from b12.errors import InputError


def add_measurements(
    store: Store, person_id: int, items: Sequence[MeasurementCreate]
) -> list[MeasurementPublic]:
    """Record measurements (all or none); kinds the assessment reads must fit its unit and limits."""
    for number, item in enumerate(items):
        _check_muscle(item, f"[{number}]." if len(items) > 1 else "")
    with store.transaction() as session:
        rows = [repo.add_measurement(session, person_id, item) for item in items]
        return [MeasurementPublic.model_validate(row) for row in rows]


def list_measurements(store: Store, person_id: int) -> list[MeasurementPublic]:
    """A person's measurements, oldest first."""
    with store.reading() as session:
        rows = repo.list_measurements(session, person_id)
        return [MeasurementPublic.model_validate(row) for row in rows]


def delete_measurement(store: Store, person_id: int, measurement_id: int) -> None:
    """Delete one measurement."""
    with store.transaction() as session:
        repo.delete_measurement(session, person_id, measurement_id)


# Stored measurement kinds that the assessment's muscle section reads: its field and unit for each.
MUSCLE_FIELDS = {
    "grip_strength": "grip_strength_kg",
    "gait_speed": "gait_speed_m_s",
    "chair_stand_5x": "chair_stand_s",
}
MUSCLE_UNITS = {"grip_strength": "kg", "gait_speed": "m/s", "chair_stand_5x": "s"}


def _check_muscle(item: MeasurementCreate, where: str) -> None:
    if item.kind not in MUSCLE_FIELDS:
        return
    if item.unit != MUSCLE_UNITS[item.kind]:
        raise InputError(
            f"{item.kind} is recorded in {MUSCLE_UNITS[item.kind]}, not {item.unit!r}",
            field=f"{where}unit",
        )
    try:
        MuscleMeasurements.model_validate({MUSCLE_FIELDS[item.kind]: item.value})
    except ValidationError as exc:
        detail = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(
            f"{item.kind} {item.value:g} {item.unit}: {detail}", field=f"{where}value"
        ) from None


def latest_muscle(items: Sequence[MeasurementPublic]) -> MuscleMeasurements | None:
    """The latest measurement of each kind the muscle section reads (None when there are none)."""
    latest = {
        MUSCLE_FIELDS[m.kind]: m.value
        for m in sorted(items, key=lambda m: (m.date, m.id))
        if m.kind in MUSCLE_FIELDS
    }
    if not latest:
        return None
    try:
        return MuscleMeasurements.model_validate(latest)
    except ValidationError as exc:
        raise input_error(exc, context="measurements") from None


def series(items: Sequence[MeasurementPublic], kind: str) -> list[tuple[dt.date, float]]:
    """Dated values of one kind, oldest first (for charts)."""
    return sorted((m.date, m.value) for m in items if m.kind == kind)
