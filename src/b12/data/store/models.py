"""Tables of the records store: pseudonymous persons and their results over time.

No name is stored: a person has a free-text pseudonymous ``label`` chosen by the user. Lab results
keep the value and unit the lab printed (with the comparator of a censored result) beside the
canonical value; qualitative antibody results have a table of their own. Medications are a JSON list
of the core's :class:`~b12.core.person.Medication` (name, dose, route, start and stop dates).
Each assessment keeps the person data it read, the full result document, the b12 version and the
rule ids, so an old report can be shown exactly as it was and reproduced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a stable constraint naming convention (for migrations)."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


Base.metadata.naming_convention = NAMING


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PersonRow(Base):
    """A person followed over time (pseudonymous: a label, never a name)."""

    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(80), index=True)
    age: Mapped[float] = mapped_column(Float)
    sex: Mapped[str] = mapped_column(String(16))
    pregnant: Mapped[bool] = mapped_column(default=False)
    breastfeeding: Mapped[bool] = mapped_column(default=False)
    diet: Mapped[str | None] = mapped_column(String(32))
    conditions: Mapped[list[Any]] = mapped_column(default=list)
    symptoms: Mapped[list[Any]] = mapped_column(default=list)
    medications: Mapped[list[Any]] = mapped_column(default=list)
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    surgery: Mapped[list[Any]] = mapped_column(default=list)
    dialysis: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    symptom_course: Mapped[list[Any]] = mapped_column(default=list)
    condition_dates: Mapped[list[Any]] = mapped_column(default=list)
    gestational_age_weeks: Mapped[float | None] = mapped_column(Float)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )
    labs: Mapped[list[LabRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class LabRow(Base):
    """One lab result: the value and unit as printed, and the canonical value."""

    __tablename__ = "lab_results"
    __table_args__ = (Index("ix_lab_results_person_date", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    analyte: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    canonical_value: Mapped[float] = mapped_column(Float)
    canonical_unit: Mapped[str] = mapped_column(String(32))
    reference_low: Mapped[float | None] = mapped_column(Float)
    reference_high: Mapped[float | None] = mapped_column(Float)
    # A censored result ('>1476 pmol/L'): the true value is on this side of ``value``.
    comparator: Mapped[str | None] = mapped_column(String(2))
    specimen_id: Mapped[str | None] = mapped_column(String(64))
    # The lab's own flag (H, L, HH, LL, A), shown beside the value; the rules never read it.
    flag: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    person: Mapped[PersonRow] = relationship(back_populates="labs")


class AntibodyRow(Base):
    """A qualitative antibody result (intrinsic factor, parietal cell): positive, negative, equivocal.

    Dated, and with the specimen id when the lab gave one, so it groups by sample with lab results.
    """

    __tablename__ = "antibody_results"
    __table_args__ = (Index("ix_antibody_results_person_date", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    analyte: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[str] = mapped_column(String(16))
    specimen_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class MeasurementRow(Base):
    """A muscle or body measurement (grip strength, gait speed, ...), as a kind, value and unit.

    ``data`` holds whatever else the measuring protocol records (hand, trials, device), so the
    screening modules can add kinds without a migration.
    """

    __tablename__ = "measurements"
    __table_args__ = (Index("ix_measurements_person_date", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class DiaryEntryRow(Base):
    """One food eaten on a day: the food as resolved in the food index, and the amount as typed."""

    __tablename__ = "diary_entries"
    __table_args__ = (Index("ix_diary_entries_person_date", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    meal: Mapped[str | None] = mapped_column(String(40))
    food_key: Mapped[str] = mapped_column(String(40))
    food_name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class DiarySupplementRow(Base):
    """A supplement in the food diary, as the diary layout writes it: µg per dose and how often.

    Without a date it counts on every diary day; ``doses_per_day`` or ``doses_per_week`` is set.
    """

    __tablename__ = "diary_supplements"
    __table_args__ = (Index("ix_diary_supplements_person_date", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    supplement: Mapped[str] = mapped_column(String(200))
    ug_per_dose: Mapped[float] = mapped_column(Float)
    doses_per_day: Mapped[float | None] = mapped_column(Float)
    doses_per_week: Mapped[float | None] = mapped_column(Float)
    date: Mapped[dt.date | None] = mapped_column(Date)
    meal: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AssessmentRow(Base):
    """One stored assessment: its input, its result, and the b12 version and rules behind it."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_person_created", "person_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    b12_version: Mapped[str] = mapped_column(String(40))
    rule_ids: Mapped[list[Any]] = mapped_column()
    input: Mapped[dict[str, Any]] = mapped_column()
    result: Mapped[dict[str, Any]] = mapped_column()


class UserRow(Base):
    """An API user: a name, a role and the salted hash of their token (never the token itself).

    ``token_issued_at`` is when the token was created or last rotated; it expires a configured
    number of days later (B12_TOKEN_LIFETIME_DAYS).
    """

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    token_salt: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(128))
    token_issued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class WebSessionRow(Base):
    """A signed-in browser: the hash of its session key (the cookie holds the key itself).

    Checked on every request, so signing out, deleting the user or rotating their token ends the
    session at once (the rows go with the user: ON DELETE CASCADE).
    """

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEventRow(Base):
    """Who read, created, changed or deleted which record, and when: ids only, never values.

    Append-only: the database refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) of these rows
    (triggers from migration 0005). No foreign keys: the trail outlives the records it names.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_record", "record_type", "record_id"),
        Index("ix_audit_events_actor_at", "actor", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int | None] = mapped_column()
    person_id: Mapped[int | None] = mapped_column(index=True)
