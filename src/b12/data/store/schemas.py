"""What goes into the store and what comes out: ``XCreate`` inputs and ``XPublic`` outputs.

Inputs reuse the clinical core's own validation (a lab result converts its unit when validated, a
person's life stage must fit their sex), so the store never holds a value b12 would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from b12.core import rules
from b12.core.dates import CalendarDate
from b12.core.diet.plausible import RULE_PLAUSIBLE_DIARY
from b12.core.person import (
    Antibody,
    AntibodyResult,
    ConditionDates,
    Dialysis,
    Diet,
    Ethnicity,
    LabFlag,
    LabResult,
    Medication,
    Person,
    Sex,
    Surgery,
    SymptomCourse,
)
from b12.data.store.stated import LIFE_STAGE_FITS_SEX, NO_NUL, NOT_BLANK, one_of_two
from b12.units import Analyte

_IN = ConfigDict(extra="forbid", str_strip_whitespace=True)
_OUT = ConfigDict(from_attributes=True)
# Free-form protocol details of a measurement ("hand", "trials", "device"): small and shallow. A
# value nested 300 deep was stored, then broke its person's measurement list for good.
MAX_DATA_DEPTH = 5
MAX_DATA_CHARS = 4_000  # as compact JSON
NUL_REFUSED = "contains a NUL character (\\u0000), which text fields do not accept"


def _containers(value: Any) -> list[Any]:
    """The items of a list or the keys and values of an object (nothing for anything else)."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    return list(value) if isinstance(value, list | tuple) else []


def has_nul(value: Any) -> bool:
    """Whether any text in ``value`` (nested lists and objects, keys too) holds a NUL character.

    PostgreSQL cannot store one (it was a plain-text 500 there); SQLite refuses it too, for the
    same answer on both.
    """
    pending = [value]
    while pending:  # a loop, not recursion: the depth of user input is not trusted
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        else:
            pending.extend(_containers(item))
    return False


def nesting_depth(value: Any, stop: int) -> int:
    """Levels of objects and lists in ``value`` (a scalar is 0), counting no further than ``stop``."""
    depth, level = 0, [value]
    while depth < stop:
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            break
        depth += 1
        level = [
            c for item in containers for c in (item.values() if isinstance(item, dict) else item)
        ]
    return depth


def _free_form_problem(value: dict[str, Any]) -> str | None:
    """Why ``value`` is too deep or too large for a free-form field (None: it fits)."""
    if nesting_depth(value, MAX_DATA_DEPTH + 1) > MAX_DATA_DEPTH:
        return f"is nested more than {MAX_DATA_DEPTH} levels deep; at most {MAX_DATA_DEPTH} allowed"
    size = len(json.dumps(value, separators=(",", ":"), default=str))
    if size > MAX_DATA_CHARS:
        return f"is {size:,} characters as JSON; at most {MAX_DATA_CHARS:,} are allowed"
    return None


class _Input(BaseModel):
    """Base of the ``XCreate`` inputs: every text, however nested, is refused with a NUL in it."""

    model_config = _IN

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        if has_nul(value):
            raise ValueError(NUL_REFUSED)
        return value


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes; every stored time is UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


UtcDatetime = Annotated[dt.datetime, AfterValidator(_utc)]

Label = Field(
    min_length=1,
    max_length=80,
    description="Pseudonymous label chosen by the user (a code, never a name is required)",
    examples=["P-0042"],
)


ASSESSED_ON = (
    "Date of the visit the record describes (e.g. a person file's `assessed_on`): medicine "
    "durations and result ages are counted to this date or to the latest lab date, whichever is "
    "later; when empty, to today (the clinic judges its records as of the day it looks)"
)


class PersonCreate(_Input):
    """A person to follow: a pseudonymous label and what the rules need (no labs here)."""

    model_config = ConfigDict(
        **_IN,
        json_schema_extra={
            "examples": [{"label": "P-0042", "age": 74, "sex": "female", "diet": "omnivore"}],
            "allOf": LIFE_STAGE_FITS_SEX,
        },
    )
    label: str = Label
    age: float = Field(gt=0, le=125, description="Age in years")
    sex: Sex
    pregnant: bool = False
    breastfeeding: bool = False
    diet: Diet | None = None
    conditions: list[str] = Field(default_factory=list)
    symptoms: list[str] = Field(
        default_factory=list, description="Symptoms or signs, free text, e.g. 'tingling feet'"
    )
    medications: list[Medication] = Field(default_factory=list)
    assessed_on: CalendarDate | None = Field(default=None, description=ASSESSED_ON)
    # Clinical history of the person file (issue 15); see docs/person-file.md.
    surgery: list[Surgery] = Field(default_factory=list)
    dialysis: Dialysis | None = None
    symptom_course: list[SymptomCourse] = Field(default_factory=list)
    condition_dates: list[ConditionDates] = Field(default_factory=list)
    gestational_age_weeks: float | None = Field(default=None, ge=0, le=45)
    ethnicity: Ethnicity | None = None

    @model_validator(mode="after")
    def _fits_core(self) -> PersonCreate:
        self.to_person([])  # the core's own checks (life stage fits sex)
        return self

    def to_person(self, labs: list[LabResult | AntibodyResult]) -> Person:
        """The core person with these labs."""
        fields = set(PersonCreate.model_fields) - {"label"}
        return Person(**self.model_dump(include=fields), labs=labs)


class PersonImport(_Input):
    """A person file to start following, with a pseudonymous label; its lab results need dates."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "label": "P-0043",
                    "person": {
                        "age": 74,
                        "sex": "female",
                        "labs": [
                            {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"}
                        ],
                    },
                }
            ]
        },
    )
    label: str = Field(min_length=1, max_length=80, description="Pseudonymous label")
    person: dict[str, Any] = Field(
        description="A person file as JSON (see `b12 schema`), or a FHIR R4 Bundle (detected by "
        "its `resourceType`)"
    )


class PersonUpdate(_Input):
    """Fields to change on a person; omitted fields keep their value."""

    model_config = _IN
    # SkipJsonSchema: the API documents these as never null, as _not_null enforces
    label: str | SkipJsonSchema[None] = Field(default=None, min_length=1, max_length=80)
    age: float | SkipJsonSchema[None] = Field(default=None, gt=0, le=125)
    sex: Sex | SkipJsonSchema[None] = None
    pregnant: bool | SkipJsonSchema[None] = None
    breastfeeding: bool | SkipJsonSchema[None] = None
    diet: Diet | None = None
    conditions: list[str] | SkipJsonSchema[None] = None
    symptoms: list[str] | SkipJsonSchema[None] = None
    medications: list[Medication] | SkipJsonSchema[None] = None
    assessed_on: CalendarDate | None = Field(default=None, description=ASSESSED_ON)
    surgery: list[Surgery] | SkipJsonSchema[None] = None
    dialysis: Dialysis | None = None
    symptom_course: list[SymptomCourse] | SkipJsonSchema[None] = None
    condition_dates: list[ConditionDates] | SkipJsonSchema[None] = None
    gestational_age_weeks: float | None = Field(default=None, ge=0, le=45)
    ethnicity: Ethnicity | None = None

    @field_validator(
        "label",
        "age",
        "sex",
        "pregnant",
        "breastfeeding",
        "conditions",
        "symptoms",
        "medications",
        "surgery",
        "symptom_course",
        "condition_dates",
        mode="before",
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Only `diet`, `assessed_on`, `dialysis`, `gestational_age_weeks` and `ethnicity` can be
        # cleared; a null elsewhere would break the person.
        if value is None:
            raise ValueError("cannot be null; leave the field out to keep its value")
        return value


class PersonPublic(PersonCreate):
    """A stored person."""

    model_config = ConfigDict(from_attributes=True, extra="ignore")
    id: int
    created_at: UtcDatetime
    updated_at: UtcDatetime

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        return value  # a stored row is shown as it is (older versions stored NUL on SQLite)


class ImportNotePublic(BaseModel):
    """An item of an imported FHIR Bundle that b12 did not use, and why."""

    model_config = _OUT
    resource: str = Field(description="e.g. 'Observation/obs-7' or 'entry[3] (Encounter)'")
    kind: str = Field(description="unmapped, unverified_code or skipped")
    detail: str
    code: str | None = Field(default=None, description="system|code of the item, if any")


class PersonImported(PersonPublic):
    """A person started from an import, with what the import did not use."""

    format: str = Field(description="What was imported: 'person' (a person file) or 'fhir'")
    unused: list[ImportNotePublic] = Field(
        default_factory=list, description="Items of a FHIR Bundle not used, and why"
    )


class LabCreate(LabResult, _Input):
    """One lab result as the lab printed it; the date is required to follow results over time.

    The core's own lab result with a required date: a censored result is given as text in
    ``value`` ('>1476') or with ``comparator``, and the unit is checked and converted on input.
    Text with a NUL character is refused (:class:`_Input`).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"},
                {
                    "analyte": "b12",
                    "value": ">1476",
                    "unit": "pmol/L",
                    "date": "2026-03-01",
                    "specimen_id": "S-1",
                },
            ]
        },
    )
    unit: str = Field(
        min_length=1,
        max_length=32,
        description="The unit the lab printed, e.g. 'pg/mL', 'pmol/L', 'umol/L', 'nmol/L'",
    )
    date: CalendarDate = Field(description="Date the sample was taken")

    def to_lab(self) -> LabResult:
        """The core lab result."""
        return LabResult(**self.model_dump())


class LabPublic(BaseModel):
    """A stored lab result with its canonical value."""

    model_config = _OUT
    id: int
    person_id: int
    analyte: Analyte
    date: CalendarDate
    value: float
    comparator: str | None = Field(
        description="For a censored result ('>1476'): the true value is this side of `value`"
    )
    unit: str
    canonical_value: float
    canonical_unit: str
    reference_low: float | None
    reference_high: float | None
    specimen_id: str | None = Field(description="Results with one specimen id are one sample")
    flag: LabFlag | None = Field(
        description="The flag the lab printed beside the value (H, L, HH, LL, A); shown, not read "
        "by the rules",
    )


class AntibodyCreate(AntibodyResult):
    """A qualitative antibody result (positive, negative or equivocal) with its sample date."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "analyte": "intrinsic_factor_antibody",
                    "value": "positive",
                    "date": "2026-03-01",
                    "specimen_id": "S-1",
                }
            ]
        },
    )
    date: CalendarDate = Field(description="Date the sample was taken")
    specimen_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Results with the same specimen id come from one sample",
    )

    def to_result(self) -> AntibodyResult:
        """The core antibody result."""
        return AntibodyResult(**self.model_dump())


class AntibodyPublic(BaseModel):
    """A stored antibody result."""

    model_config = _OUT
    id: int
    person_id: int
    analyte: Antibody
    value: str = Field(description="positive, negative or equivocal")
    date: CalendarDate
    specimen_id: str | None


class AssessmentPublic(BaseModel):
    """A stored assessment: the result document exactly as produced, and what produced it."""

    model_config = _OUT
    id: int
    person_id: int
    created_at: UtcDatetime
    b12_version: str = Field(description="Version of b12 that produced the result")
    rule_ids: list[str] = Field(description="Ids of the rules the result rests on")
    input: dict[str, Any] = Field(description="The person data assessed, as the core read it")
    result: dict[str, Any] = Field(description="The assessment, same shape as `b12 assess --json`")
    shown: Literal["as_stored", "reassessed", "stale"] = Field(
        default="as_stored",
        description="as_stored: `result` is the stored result; reassessed: it was made by older "
        "judgment rules, so `result` is its stored input assessed again by this version (the "
        "stored result is in `stored_result`); stale: older rules, and the input can no longer "
        "be assessed (assess the person again)",
    )
    stored_result: dict[str, Any] | None = Field(
        default=None, description="The result as stored, when `result` was re-assessed on view"
    )


class MeasurementCreate(_Input):
    """A muscle or body measurement, e.g. grip strength in kg (interpretation is not stored)."""

    model_config = ConfigDict(
        **_IN,
        json_schema_extra={
            "examples": [
                {"kind": "grip_strength", "value": 18.5, "unit": "kg", "date": "2026-03-01"}
            ]
        },
    )
    kind: str = Field(
        pattern=r"^[a-z][a-z0-9_]{1,39}$",
        description="What was measured, in snake_case: grip_strength, gait_speed, chair_stand_5x, ...",
    )
    value: float = Field(
        ge=0, allow_inf_nan=False, description="The value (0 is a score or a test not managed)"
    )
    unit: str = Field(min_length=1, max_length=32, description="e.g. kg, m/s, s, points")
    date: CalendarDate
    data: dict[str, Any] = Field(
        default_factory=dict,
        description=f"Protocol details (hand, trials, device): at most {MAX_DATA_DEPTH} levels "
        f"deep and {MAX_DATA_CHARS:,} characters as JSON",
    )

    @field_validator("data")
    @classmethod
    def _bounded_data(cls, value: dict[str, Any]) -> dict[str, Any]:
        problem = _free_form_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class MeasurementPublic(MeasurementCreate):
    """A stored measurement."""

    model_config = ConfigDict(from_attributes=True, extra="ignore")
    id: int
    person_id: int

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        return value  # a stored row is shown as it is

    @field_validator("data", mode="before")
    @classmethod
    def _bounded_data(cls, value: Any) -> Any:
        # Data stored before the limits (or by hand) is listed, not a 500: what cannot be shown
        # is replaced by a note.
        if isinstance(value, dict) and _free_form_problem(value):
            return {"not_shown": "stored data too deep or too large to show"}
        return value


class DiaryEntryCreate(_Input):
    """A food eaten on a day: a food name or id from the food search, and the amount eaten."""

    model_config = ConfigDict(
        **_IN,
        json_schema_extra={
            "examples": [
                {"date": "2026-03-01", "meal": "lunch", "food": "ndb:15237", "amount": 120}
            ]
        },
    )
    date: CalendarDate
    meal: str | None = Field(default=None, max_length=40, description="breakfast, lunch, ...")
    food: str = Field(
        min_length=1,
        max_length=200,
        description="Food id from `GET /api/foods/search` (e.g. 'ndb:01077') or an exact name",
    )
    amount: float = Field(gt=0, le=10000, allow_inf_nan=False, description="Amount eaten")
    unit: str = Field(default="g", min_length=1, max_length=32, description="g, cup, slice, ...")


class DiaryEntryPublic(BaseModel):
    """A stored diary entry with the food it was resolved to."""

    model_config = _OUT
    id: int
    person_id: int
    date: CalendarDate
    meal: str | None
    food_key: str = Field(description="Food id in the food index")
    food_name: str
    amount: float
    unit: str


_DIARY_LIMITS = rules.get(RULE_PLAUSIBLE_DIARY).parameters


class DiarySupplementCreate(_Input):
    """A B12 supplement in the food diary: µg per dose, and doses per day or per week.

    With a ``date`` it counts on that day only; without one, on every diary day (as in the diary
    layout of docs/intake.md).
    """

    model_config = ConfigDict(
        **_IN,
        json_schema_extra={
            "examples": [
                {"supplement": "cyanocobalamin 2000 µg", "ug_per_dose": 2000, "doses_per_week": 1}
            ],
            "oneOf": one_of_two("doses_per_day", "doses_per_week"),
        },
    )
    supplement: str = Field(
        min_length=1,
        max_length=200,
        description="The product, as labelled",
        json_schema_extra=NOT_BLANK,
    )
    # The diary's data-quality limits (diet.plausible.diary), as a diary file is read.
    ug_per_dose: float = Field(
        ge=_DIARY_LIMITS["B12_UG_PER_DOSE_MIN"],
        le=_DIARY_LIMITS["B12_UG_PER_DOSE_MAX"],
        allow_inf_nan=False,
        description="B12 µg per dose",
    )
    doses_per_day: float | None = Field(
        default=None, gt=0, le=_DIARY_LIMITS["DOSES_PER_DAY_MAX"], allow_inf_nan=False
    )
    doses_per_week: float | None = Field(
        default=None, gt=0, le=7 * _DIARY_LIMITS["DOSES_PER_DAY_MAX"], allow_inf_nan=False
    )
    date: CalendarDate | None = Field(default=None, description="The day taken; empty: every day")
    meal: str | None = Field(
        default=None, max_length=40, description="breakfast, lunch, ...", json_schema_extra=NO_NUL
    )

    @model_validator(mode="after")
    def _one_frequency(self) -> DiarySupplementCreate:
        if (self.doses_per_day is None) == (self.doses_per_week is None):
            raise ValueError("give doses_per_day or doses_per_week (one of them)")
        return self


class DiarySupplementPublic(DiarySupplementCreate):
    """A stored diary supplement."""

    model_config = ConfigDict(from_attributes=True, extra="ignore")
    id: int
    person_id: int

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        return value  # a stored row is shown as it is
