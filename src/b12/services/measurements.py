"""Use cases of muscle and body measurements over time (grip strength, gait speed, ...).

They are stored as measured; reading them against cut-offs belongs to the screening modules.
"""

from __future__ import annotations

from collections.abc import Sequence

from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.schemas import MeasurementCreate, MeasurementPublic


def add_measurements(
    store: Store, person_id: int, items: Sequence[MeasurementCreate]
) -> list[MeasurementPublic]:
    """Record measurements (all or none)."""
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
