"""Muscle and body measurements of a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.data.store.schemas import MeasurementCreate, MeasurementPublic
from b12.services import measurements, records

router = APIRouter(
    prefix="/persons/{person_id}/measurements", tags=["measurements"], responses=problems(404)
)


@router.get("")
def list_measurements(user: Reader, store: StoreDep, person_id: int) -> list[MeasurementPublic]:
    """A person's measurements, oldest first."""
    return measurements.list_measurements(store, person_id)


@router.post("", status_code=201, responses=body_problems())
def add_measurements(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    items: Annotated[list[MeasurementCreate], Body(min_length=1, max_length=100)],
) -> list[MeasurementPublic]:
    """Record measurements such as grip strength (all are stored, or none)."""
    changed = measurements.add_measurements(store, person_id, items)
    records.keep_current(store, person_id)
    return changed


@router.get("/{measurement_id}")
def get_measurement(
    user: Reader, store: StoreDep, person_id: int, measurement_id: int
) -> MeasurementPublic:
    """One measurement."""
    return measurements.get_measurement(store, person_id, measurement_id)


@router.put("/{measurement_id}", responses=body_problems("PUT"))
def update_measurement(
    user: Clinician, store: StoreDep, person_id: int, measurement_id: int, item: MeasurementCreate
) -> MeasurementPublic:
    """Correct a measurement: send it whole, as it should have been recorded."""
    changed = measurements.update_measurement(store, person_id, measurement_id, item)
    records.keep_current(store, person_id)
    return changed


@router.delete("/{measurement_id}", status_code=204)
def delete_measurement(
    user: Clinician, store: StoreDep, person_id: int, measurement_id: int
) -> Response:
    """Delete one measurement."""
    measurements.delete_measurement(store, person_id, measurement_id)
    records.keep_current(store, person_id)
    return Response(status_code=204)
