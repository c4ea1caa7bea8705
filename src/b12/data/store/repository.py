"""Queries of the records store. Each function takes the session of the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from b12.data.store.models import (
    AntibodyRow,
    AssessmentRow,
    Base,
    DiaryEntryRow,
    DiarySupplementRow,
    LabRow,
    MeasurementRow,
    PersonRow,
)
from b12.data.store.schemas import (
    AntibodyCreate,
    DiaryEntryCreate,
    DiarySupplementCreate,
    LabCreate,
    MeasurementCreate,
    PersonCreate,
    PersonUpdate,
)
from b12.errors import NotFoundError
from b12.units import REGISTRY as UNITS

Row = TypeVar("Row", bound=Base)
MAX_ID = 2**63 - 1  # the largest key SQLite stores; a larger id (from a URL) names no record


def _get(session: Session, model: type[Row], row_id: int) -> Row | None:
    """The row with this primary key, or None (also for ids no database could hold)."""
    return session.get(model, row_id) if 0 < row_id <= MAX_ID else None


def _owned(session: Session, model: type[Row], person_id: int, row_id: int, what: str) -> Row:
    """A person's row by id, or :class:`NotFoundError` (also when it belongs to someone else)."""
    row = _get(session, model, row_id)
    if row is None or getattr(row, "person_id", None) != person_id:
        raise NotFoundError(f"no {what} with id {row_id} for person {person_id}")
    return row


def _replace(session: Session, row: Row, fields: dict[str, Any]) -> Row:
    """Set the columns of a row (a correction) and write them in the caller's transaction."""
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()
    return row


def _delete(session: Session, model: type[Base], person_id: int, row_id: int, what: str) -> None:
    """Delete a person's row by id, or :class:`NotFoundError`."""
    session.delete(_owned(session, model, person_id, row_id, what))
    session.flush()


def _person_columns(
    data: PersonCreate | PersonUpdate, *, exclude_unset: bool = False
) -> dict[str, Any]:
    """JSON for the JSON columns (medications), but a date stays a date for the Date column."""
    columns = data.model_dump(mode="json", exclude_unset=exclude_unset)
    return {**columns, **data.model_dump(include={"assessed_on"}, exclude_unset=exclude_unset)}


def add_person(session: Session, data: PersonCreate) -> PersonRow:
    """Insert a person."""
    row = PersonRow(**_person_columns(data))
    session.add(row)
    session.flush()
    return row


def get_person(session: Session, person_id: int) -> PersonRow:
    """A person by id, or :class:`NotFoundError`."""
    row = _get(session, PersonRow, person_id)
    if row is None:
        raise NotFoundError(f"no person with id {person_id}")
    return row


def _label_contains(search: str) -> Any:
    """The condition 'label contains ``search``' (case-insensitive; % and _ are plain text)."""
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return PersonRow.label.ilike(f"%{escaped}%", escape="\\")


def list_persons(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> Sequence[PersonRow]:
    """Persons whose label contains ``search`` (case-insensitive), most recently changed first."""
    query = select(PersonRow).order_by(PersonRow.updated_at.desc(), PersonRow.id.desc())
    if search:
        query = query.where(_label_contains(search))
    return session.scalars(query.limit(limit).offset(offset)).all()


def count_persons(session: Session, search: str = "") -> int:
    """How many persons' labels contain ``search``."""
    query = select(func.count()).select_from(PersonRow)
    if search:
        query = query.where(_label_contains(search))
    return int(session.scalar(query) or 0)


def update_person(session: Session, person_id: int, changes: PersonUpdate) -> PersonRow:
    """Apply the fields set in ``changes``."""
    fields = _person_columns(changes, exclude_unset=True)
    return _replace(session, get_person(session, person_id), fields)


def delete_person(session: Session, person_id: int) -> None:
    """Delete a person and everything recorded about them."""
    session.delete(get_person(session, person_id))
    session.flush()


def _lab_fields(data: LabCreate) -> dict[str, Any]:
    """A lab row's columns: the printed value and unit beside the canonical value."""
    reference = data.reference_range
    return {
        "analyte": data.analyte.value,
        "date": data.date,
        "value": data.value,
        "unit": data.unit,
        "canonical_value": data.to_lab().canonical_value,
        "canonical_unit": UNITS[data.analyte].canonical,
        "reference_low": reference.low if reference else None,
        "reference_high": reference.high if reference else None,
        "comparator": data.comparator,
        "specimen_id": data.specimen_id,
        "flag": data.flag,
    }


def add_lab(session: Session, person_id: int, data: LabCreate) -> LabRow:
    """Insert a lab result, keeping the printed value and unit beside the canonical value."""
    get_person(session, person_id)
    row = LabRow(person_id=person_id, **_lab_fields(data))
    session.add(row)
    session.flush()
    return row


def get_lab(session: Session, person_id: int, lab_id: int) -> LabRow:
    """One lab result of a person, or :class:`NotFoundError`."""
    return _owned(session, LabRow, person_id, lab_id, "lab result")


def update_lab(session: Session, person_id: int, lab_id: int, data: LabCreate) -> LabRow:
    """Replace one lab result of a person (a correction: value, unit, date or analyte)."""
    return _replace(session, get_lab(session, person_id, lab_id), _lab_fields(data))


def list_labs(session: Session, person_id: int) -> Sequence[LabRow]:
    """A person's lab results, oldest first."""
    get_person(session, person_id)
    query = select(LabRow).where(LabRow.person_id == person_id)
    return session.scalars(query.order_by(LabRow.date, LabRow.id)).all()


def delete_lab(session: Session, person_id: int, lab_id: int) -> None:
    """Delete one lab result of a person."""
    _delete(session, LabRow, person_id, lab_id, "lab result")


def add_antibody(session: Session, person_id: int, data: AntibodyCreate) -> AntibodyRow:
    """Insert a qualitative antibody result."""
    get_person(session, person_id)
    row = AntibodyRow(person_id=person_id, **data.model_dump(mode="json", exclude={"date"}))
    row.date = data.date
    session.add(row)
    session.flush()
    return row


def get_antibody(session: Session, person_id: int, antibody_id: int) -> AntibodyRow:
    """One antibody result of a person, or :class:`NotFoundError`."""
    return _owned(session, AntibodyRow, person_id, antibody_id, "antibody result")


def list_antibodies(session: Session, person_id: int) -> Sequence[AntibodyRow]:
    """A person's antibody results, oldest first."""
    get_person(session, person_id)
    query = select(AntibodyRow).where(AntibodyRow.person_id == person_id)
    return session.scalars(query.order_by(AntibodyRow.date, AntibodyRow.id)).all()


def delete_antibody(session: Session, person_id: int, antibody_id: int) -> None:
    """Delete one antibody result of a person."""
    _delete(session, AntibodyRow, person_id, antibody_id, "antibody result")


def add_measurement(session: Session, person_id: int, data: MeasurementCreate) -> MeasurementRow:
    """Insert a muscle or body measurement."""
    get_person(session, person_id)
    row = MeasurementRow(person_id=person_id, **data.model_dump(mode="python"))
    session.add(row)
    session.flush()
    return row


def get_measurement(session: Session, person_id: int, measurement_id: int) -> MeasurementRow:
    """One measurement of a person, or :class:`NotFoundError`."""
    return _owned(session, MeasurementRow, person_id, measurement_id, "measurement")


def update_measurement(
    session: Session, person_id: int, measurement_id: int, data: MeasurementCreate
) -> MeasurementRow:
    """Replace one measurement of a person (a correction)."""
    row = get_measurement(session, person_id, measurement_id)
    return _replace(session, row, data.model_dump(mode="python"))


def list_measurements(session: Session, person_id: int) -> Sequence[MeasurementRow]:
    """A person's measurements, oldest first."""
    get_person(session, person_id)
    query = select(MeasurementRow).where(MeasurementRow.person_id == person_id)
    return session.scalars(query.order_by(MeasurementRow.date, MeasurementRow.id)).all()


def delete_measurement(session: Session, person_id: int, measurement_id: int) -> None:
    """Delete one measurement of a person."""
    _delete(session, MeasurementRow, person_id, measurement_id, "measurement")


def add_diary_entry(
    session: Session, person_id: int, data: DiaryEntryCreate, food_key: str, food_name: str
) -> DiaryEntryRow:
    """Insert a diary entry whose food has been resolved to ``food_key``."""
    get_person(session, person_id)
    fields = data.model_dump(mode="python", exclude={"food"})
    row = DiaryEntryRow(person_id=person_id, food_key=food_key, food_name=food_name, **fields)
    session.add(row)
    session.flush()
    return row


def get_diary_entry(session: Session, person_id: int, entry_id: int) -> DiaryEntryRow:
    """One diary entry of a person, or :class:`NotFoundError`."""
    return _owned(session, DiaryEntryRow, person_id, entry_id, "diary entry")


def list_diary_entries(session: Session, person_id: int) -> Sequence[DiaryEntryRow]:
    """A person's diary entries, oldest first."""
    get_person(session, person_id)
    query = select(DiaryEntryRow).where(DiaryEntryRow.person_id == person_id)
    return session.scalars(query.order_by(DiaryEntryRow.date, DiaryEntryRow.id)).all()


def delete_diary_entry(session: Session, person_id: int, entry_id: int) -> None:
    """Delete one diary entry of a person."""
    _delete(session, DiaryEntryRow, person_id, entry_id, "diary entry")


def add_diary_supplement(
    session: Session, person_id: int, data: DiarySupplementCreate
) -> DiarySupplementRow:
    """Insert a supplement of the diary."""
    get_person(session, person_id)
    row = DiarySupplementRow(person_id=person_id, **data.model_dump(mode="python"))
    session.add(row)
    session.flush()
    return row


def get_diary_supplement(
    session: Session, person_id: int, supplement_id: int
) -> DiarySupplementRow:
    """One diary supplement of a person, or :class:`NotFoundError`."""
    return _owned(session, DiarySupplementRow, person_id, supplement_id, "diary supplement")


def list_diary_supplements(session: Session, person_id: int) -> Sequence[DiarySupplementRow]:
    """A person's diary supplements, in the order they were recorded."""
    get_person(session, person_id)
    query = select(DiarySupplementRow).where(DiarySupplementRow.person_id == person_id)
    return session.scalars(query.order_by(DiarySupplementRow.id)).all()


def delete_diary_supplement(session: Session, person_id: int, supplement_id: int) -> None:
    """Delete one diary supplement of a person."""
    _delete(session, DiarySupplementRow, person_id, supplement_id, "diary supplement")


def add_assessment(
    session: Session,
    person_id: int,
    *,
    b12_version: str,
    rule_ids: list[str],
    input_data: dict[str, Any],
    result: dict[str, Any],
) -> AssessmentRow:
    """Store an assessment with what produced it."""
    row = AssessmentRow(
        person_id=person_id,
        b12_version=b12_version,
        rule_ids=rule_ids,
        input=input_data,
        result=result,
    )
    session.add(row)
    session.flush()
    return row


def list_assessments(
    session: Session, person_id: int, limit: int | None = None, offset: int = 0
) -> Sequence[AssessmentRow]:
    """A person's assessments, newest first (``limit`` of them from ``offset``; None: all)."""
    get_person(session, person_id)
    query = select(AssessmentRow).where(AssessmentRow.person_id == person_id)
    query = query.order_by(AssessmentRow.id.desc()).offset(offset)
    return session.scalars(query if limit is None else query.limit(limit)).all()


def count_assessments(session: Session, person_id: int) -> int:
    """How many assessments a person has."""
    query = select(func.count()).select_from(AssessmentRow)
    return int(session.scalar(query.where(AssessmentRow.person_id == person_id)) or 0)


def latest_assessment(session: Session, person_id: int) -> AssessmentRow | None:
    """A person's newest assessment (None: not assessed yet)."""
    rows = list_assessments(session, person_id, limit=1)
    return rows[0] if rows else None


def get_assessment(session: Session, person_id: int, assessment_id: int) -> AssessmentRow:
    """One assessment of a person, or :class:`NotFoundError`."""
    return _owned(session, AssessmentRow, person_id, assessment_id, "assessment")


def latest_assessments(session: Session, person_ids: Sequence[int]) -> dict[int, AssessmentRow]:
    """The newest assessment of each of ``person_ids`` that has one (for the worklist)."""
    newest = (
        select(func.max(AssessmentRow.id))
        .where(AssessmentRow.person_id.in_(person_ids))
        .group_by(AssessmentRow.person_id)
    )
    rows = session.scalars(select(AssessmentRow).where(AssessmentRow.id.in_(newest))).all()
    return {row.person_id: row for row in rows}


def lab_dates(session: Session, person_ids: Sequence[int]) -> dict[int, list[tuple[str, Any]]]:
    """(analyte, sample date) of every lab result of ``person_ids`` (for the worklist)."""
    query = select(LabRow.person_id, LabRow.analyte, LabRow.date).where(
        LabRow.person_id.in_(person_ids)
    )
    found: dict[int, list[tuple[str, Any]]] = {}
    for person_id, analyte, date in session.execute(query):
        found.setdefault(person_id, []).append((analyte, date))
    return found
