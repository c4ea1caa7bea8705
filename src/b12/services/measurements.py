"""Use cases of muscle and body measurements over time (grip strength, gait speed, ...).

They are stored as measured; reading them against cut-offs belongs to the screening modules. Each
field of a person file's ``muscle`` block is one kind of measurement (:data:`MUSCLE_KINDS`), so a
person file's block can be stored as dated measurements and read back, the latest of each kind,
as the same block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from b12.core.muscle.assess import ADULT_FROM_AGE_YEARS
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.person import age_on
from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.models import PersonRow
from b12.data.store.schemas import MeasurementCreate, MeasurementPublic
from b12.data.validation import input_error
from b12.errors import InputError, shown
from b12.services import clock


@dataclass(frozen=True)
class MuscleKind:
    """A stored kind the assessment reads: the muscle-block field it fills, its unit, its name."""

    field: str
    unit: str
    label: str


# Kinds of measurement the assessment's muscle section reads. Protocol data: `sarc_f` keeps its
# five item scores in `data` (the value is their total), `asm` its method (`{"method": "dxa"}`).
MUSCLE_KINDS = MappingProxyType(
    {
        "sarc_f": MuscleKind("sarc_f", "points", "SARC-F total"),
        "grip_strength": MuscleKind("grip_strength_kg", "kg", "Grip strength (best hand)"),
        "chair_stand_5x": MuscleKind("chair_stand_s", "s", "Five chair stands"),
        "asm": MuscleKind("asm_kg", "kg", "Appendicular skeletal muscle mass"),
        "height": MuscleKind("height_m", "m", "Height"),
        "weight": MuscleKind("weight_kg", "kg", "Weight"),
        "gait_speed": MuscleKind("gait_speed_m_s", "m/s", "Gait speed"),
        "sppb": MuscleKind("sppb_score", "points", "SPPB"),
        "tug": MuscleKind("tug_s", "s", "Timed Up and Go"),
        "walk_400m": MuscleKind("walk_400m_s", "s", "400 m walk"),
        "walk_400m_completed": MuscleKind("walk_400m_completed", "yes/no", "400 m walk completed"),
        "calf_circumference": MuscleKind("calf_circumference_cm", "cm", "Calf circumference"),
    }
)
YES, NO = 1.0, 0.0  # values of walk_400m_completed


def add_measurements(
    store: Store, person_id: int, items: Sequence[MeasurementCreate]
) -> list[MeasurementPublic]:
    """Record measurements (all or none); kinds the assessment reads must fit its unit and limits."""
    for number, item in enumerate(items):
        check(item, f"[{number}]." if len(items) > 1 else "")
    with store.transaction() as session:
        person = repo.get_person(session, person_id)
        for number, item in enumerate(items):
            _fits_age(item, person, f"[{number}]." if len(items) > 1 else "")
        rows = [repo.add_measurement(session, person_id, item) for item in items]
        return [MeasurementPublic.model_validate(row) for row in rows]


def update_measurement(
    store: Store, person_id: int, measurement_id: int, item: MeasurementCreate
) -> MeasurementPublic:
    """Correct one measurement (checked as a new one would be)."""
    check(item)
    with store.transaction() as session:
        _fits_age(item, repo.get_person(session, person_id))
        row = repo.update_measurement(session, person_id, measurement_id, item)
        return MeasurementPublic.model_validate(row)


def get_measurement(store: Store, person_id: int, measurement_id: int) -> MeasurementPublic:
    """One measurement of a person."""
    with store.reading() as session:
        row = repo.get_measurement(session, person_id, measurement_id)
        return MeasurementPublic.model_validate(row)


def list_measurements(store: Store, person_id: int) -> list[MeasurementPublic]:
    """A person's measurements, oldest first."""
    with store.reading() as session:
        rows = repo.list_measurements(session, person_id)
        return [MeasurementPublic.model_validate(row) for row in rows]


def delete_measurement(store: Store, person_id: int, measurement_id: int) -> None:
    """Delete one measurement."""
    with store.transaction() as session:
        repo.delete_measurement(session, person_id, measurement_id)


def _fields(item: MeasurementCreate | MeasurementPublic) -> dict[str, Any]:
    """The muscle-block fields one measurement of a known kind gives."""
    kind = MUSCLE_KINDS[item.kind]
    if item.kind == "sarc_f":
        return {"sarc_f": item.data}
    if item.kind == "walk_400m_completed":
        return {kind.field: item.value == YES}
    if item.kind == "asm" and "method" in item.data:
        return {kind.field: item.value, "asm_method": item.data["method"]}
    return {kind.field: item.value}


def _fits_age(item: MeasurementCreate, person: PersonRow, where: str = "") -> None:
    """Refuse an adult's height or weight below the adult limits (a unit typed wrong: 6.5 for
    65 kg), by the person's age on the day it was measured; a child's may be far lower."""
    if item.kind not in MUSCLE_KINDS:
        return
    problem = MuscleMeasurements.model_validate(_fields(item)).adult_size_problem()
    age = age_on(person.age, person.assessed_on or clock.today(), item.date)
    if problem and age >= ADULT_FROM_AGE_YEARS:
        detail = problem.removeprefix(f"muscle.{MUSCLE_KINDS[item.kind].field}: ")
        raise InputError(f"{item.kind} {detail}, at age {age:.0f}", field=f"{where}value")


def check(item: MeasurementCreate, where: str = "") -> None:
    """Refuse a kind the assessment reads in another unit, out of its limits, or inconsistent."""
    kind = MUSCLE_KINDS.get(item.kind)
    if kind is None:
        return
    if item.unit != kind.unit:
        raise InputError(
            f"{item.kind} is recorded in {kind.unit}, not {shown(item.unit)}", field=f"{where}unit"
        )
    if item.kind == "walk_400m_completed" and item.value not in (YES, NO):
        raise InputError(
            f"walk_400m_completed is 1 (completed) or 0 (not completed), not {item.value:g}",
            field=f"{where}value",
        )
    try:
        muscle = MuscleMeasurements.model_validate(_fields(item))
    except ValidationError as exc:
        error = exc.errors()[0]
        detail = str(error["msg"]).removeprefix("Value error, ")
        loc = [str(part) for part in error["loc"]]
        if loc[0] == "sarc_f":  # an item score in `data`
            field = ".".join(["data", *loc[1:]])
            raise InputError(f"sarc_f item: {detail}", field=f"{where}{field}") from None
        if loc[0] == "asm_method":
            raise InputError(f"asm method: {detail}", field=f"{where}data.method") from None
        message = f"{item.kind} {item.value:g} {item.unit}: {detail}"
        raise InputError(message, field=f"{where}value") from None
    if muscle.sarc_f is not None and muscle.sarc_f.total != item.value:
        raise InputError(
            f"the SARC-F total is the sum of its items ({muscle.sarc_f.total}), not {item.value:g}",
            field=f"{where}value",
        )


def from_muscle(muscle: MuscleMeasurements, date: dt.date) -> list[MeasurementCreate]:
    """A person file's muscle block as measurements on ``date`` (one per field given)."""
    if muscle.asm_method is not None and muscle.asm_kg is None:
        raise InputError(
            "asm_method says how asm_kg was measured; give asm_kg too, or leave the method out",
            field="muscle.asm_method",
        )
    items = []
    for name, kind in MUSCLE_KINDS.items():
        value = getattr(muscle, kind.field)
        if value is None:
            continue
        data: dict[str, Any] = {}
        if muscle.sarc_f is not None and name == "sarc_f":
            value, data = muscle.sarc_f.total, muscle.sarc_f.model_dump()
        elif name == "walk_400m_completed":
            value = YES if value else NO
        elif name == "asm" and muscle.asm_method is not None:
            data = {"method": muscle.asm_method.value}
        items.append(
            MeasurementCreate(kind=name, value=value, unit=kind.unit, date=date, data=data)
        )
    return items


def latest_muscle(items: Sequence[MeasurementPublic]) -> MuscleMeasurements | None:
    """The latest measurement of each kind the muscle section reads (None when there are none).

    A later 400 m walk replaces an earlier one, completed or not, and a later muscle mass replaces
    an earlier one with its method. A row that :func:`check` would refuse now (stored before b12
    read its kind, say a height in cm) is not read: the muscle section lists the field as missing,
    and correcting the row brings it in.
    """
    latest: dict[str, Any] = {}
    dates: dict[str, dt.date] = {}  # of the row each field came from
    for m in sorted(items, key=lambda m: (m.date, m.id)):
        if m.kind not in MUSCLE_KINDS or not _readable(m):
            continue
        dates[MUSCLE_KINDS[m.kind].field] = m.date
        if m.kind == "asm":
            latest.pop("asm_method", None)
        if m.kind == "walk_400m_completed" and m.value == NO:
            latest.pop("walk_400m_s", None)
        if m.kind == "walk_400m" and latest.get("walk_400m_completed") is False:
            latest.pop("walk_400m_completed")
        latest.update(_fields(m))
    if not latest:
        return None
    # Dated by the oldest row read: the muscle section says when measurements may not show muscle
    # today, and a child's weight read for a grown-up is judged by the limits of that day.
    measured_on = min(dates[f] for f in latest if f in dates)
    try:
        return MuscleMeasurements.model_validate({**latest, "measured_on": measured_on})
    except ValidationError as exc:
        raise input_error(exc, context="measurements") from None


def _readable(item: MeasurementPublic) -> bool:
    try:
        check(item)
    except InputError:
        return False
    return True


def series(items: Sequence[MeasurementPublic], kind: str) -> list[tuple[dt.date, float]]:
    """Dated values of one kind, oldest first (for charts)."""
    return sorted((m.date, m.value) for m in items if m.kind == kind)
