"""The person b12 assesses: demographics, diet, conditions, medications and lab results.

Lab values arrive in the units their lab printed; each :class:`LabResult` converts itself once, when
validated, to the canonical unit of its analyte (see :mod:`b12.units`). Core rules read only
canonical values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from b12.core.dates import CalendarDate
from b12.core.history import (
    ConditionDates,
    Dialysis,
    Ethnicity,
    Surgery,
    SymptomCourse,
)
from b12.core.muscle.assess import ADULT_FROM_AGE_YEARS
from b12.core.muscle.measurements import DAYS_PER_YEAR, MuscleMeasurements
from b12.core.relatives import split_relative
from b12.core.sex import Sex
from b12.units import Analyte, to_canonical

__all__ = [
    "AntibodyResult",
    "ConditionDates",
    "Dialysis",
    "Diet",
    "Ethnicity",
    "LabResult",
    "Medication",
    "MuscleMeasurements",
    "Person",
    "Route",
    "Sex",
    "Surgery",
    "SymptomCourse",
]


class Diet(StrEnum):
    """Usual dietary pattern."""

    OMNIVORE = "omnivore"
    PESCATARIAN = "pescatarian"
    VEGETARIAN = "vegetarian"  # unspecified: eggs and dairy not known
    LACTO_OVO_VEGETARIAN = "lacto_ovo_vegetarian"  # eggs and dairy
    LACTO_VEGETARIAN = "lacto_vegetarian"  # dairy, no eggs
    OVO_VEGETARIAN = "ovo_vegetarian"  # eggs, no dairy
    VEGAN = "vegan"

    @property
    def plant_based(self) -> bool:
        """Vegan or any vegetarian diet: low in animal food (NICE NG239's risk factor)."""
        return self is not Diet.OMNIVORE and self is not Diet.PESCATARIAN

    @property
    def label(self) -> str:
        """The diet in words, e.g. 'lacto-ovo vegetarian'."""
        return self.value.replace("_", "-").replace("-vegetarian", " vegetarian")


def plant_based(diet: Diet | None) -> bool:
    """Whether a (possibly unknown) diet is vegan or vegetarian."""
    return diet is not None and diet.plant_based


_T = TypeVar("_T")
_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ReferenceRange(BaseModel):
    """The reference range printed by the lab, in the result's own unit."""

    model_config = _STRICT
    low: float | None = Field(
        default=None, description="Lower limit, in the result's unit", allow_inf_nan=False
    )
    high: float | None = Field(
        default=None, description="Upper limit, in the result's unit", allow_inf_nan=False
    )

    @model_validator(mode="after")
    def _ordered(self) -> ReferenceRange:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        return self


Comparator = Literal["<", "<=", ">", ">="]
# The flag a lab prints beside a result: high, low, critically high or low, abnormal.
LabFlag = Literal["H", "L", "HH", "LL", "A"]
# A censored result as labs print it: ">1476", "< 50", "≥2000".
_CENSORED = re.compile(r"^\s*(<=|>=|≤|≥|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*$")
_COMPARATOR_SPELLING = {"≤": "<=", "≥": ">="}

LabValue = Annotated[
    float,
    Field(allow_inf_nan=False),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*(<=|>=|≤|≥|<|>)\s*[0-9]+(\.[0-9]+)?\s*$"},
            ],
            "description": "The number the lab printed; a censored result as text ('>1476', '<50')",
        }
    ),
]


class LabResult(BaseModel):
    """One laboratory result, as printed by the lab."""

    model_config = _STRICT
    analyte: Analyte = Field(description="What was measured")
    value: LabValue
    comparator: Comparator | None = Field(
        default=None,
        description="For a censored result: the true value is this side of `value` ('>' for "
        "'>1476 pmol/L'); usually written inside `value` as text",
    )
    unit: str = Field(
        min_length=1,
        description="The unit the lab printed, e.g. 'pg/mL', 'pmol/L', 'umol/L', 'nmol/L'",
    )
    date: CalendarDate | None = Field(default=None, description="Date the sample was taken")
    specimen_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Results with the same specimen id come from one sample",
    )
    reference_range: ReferenceRange | None = Field(
        default=None, description="The lab's reference range, in the same unit"
    )
    flag: LabFlag | None = Field(
        default=None,
        description="The flag the lab printed beside the value: H high, L low, HH critically "
        "high, LL critically low, A abnormal. Kept and shown for the clinician; b12's rules do "
        "not read it (they use the value and the printed reference range)",
    )
    _canonical: float = PrivateAttr(default=float("nan"))
    _printed: str = PrivateAttr(default="")

    @model_validator(mode="before")
    @classmethod
    def _censored_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            match = _CENSORED.match(data["value"])
            if match is None:
                return data  # a number as text, or refused by _number below
            if data.get("comparator") is not None:
                raise ValueError("give the comparator once: in value ('>1476') or in comparator")
            sign = match.group(1)
            data = {
                **data,
                "value": float(match.group(2)),
                "comparator": _COMPARATOR_SPELLING.get(sign, sign),
            }
        return data

    @field_validator("analyte", mode="before")
    @classmethod
    def _analyte(cls, value: Any) -> Any:
        return analyte_name(value)

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise ValueError(
                    f"{value[:20]!r} is neither a number nor a censored result such as '>1476' "
                    "or '<50'"
                ) from None
        return value

    @model_validator(mode="after")
    def _convert(self) -> LabResult:
        # Written straight into pydantic's private store (filled with the defaults before this
        # runs): a private attribute set through BaseModel.__setattr__ costs a call chain per lab.
        private = cast("dict[str, Any]", self.__pydantic_private__)
        private["_canonical"] = to_canonical(
            self.analyte, self.value, self.unit, comparator=self.comparator or ""
        )
        # Kept: an assessment shows each result about 3 times (evidence, results read, readings).
        private["_printed"] = f"{self.comparator or ''}{self.value:g} {self.unit}"
        return self

    @property
    def canonical_value(self) -> float:
        """The value in the canonical unit of its analyte."""
        # Read straight from pydantic's private store: ``self._canonical`` goes through
        # BaseModel.__getattr__, which raises and catches an AttributeError on every read.
        return self.__pydantic_private__["_canonical"]  # type: ignore[index,no-any-return]

    @property
    def printed(self) -> str:
        """The result as the lab printed it, e.g. '>1476 pmol/L'."""
        return self.__pydantic_private__["_printed"]  # type: ignore[index,no-any-return]


class Antibody(StrEnum):
    """Qualitative antibody tests for autoimmune gastritis (pernicious anaemia)."""

    INTRINSIC_FACTOR = "intrinsic_factor_antibody"
    PARIETAL_CELL = "parietal_cell_antibody"


class AntibodyResult(BaseModel):
    """A qualitative antibody result: positive, negative or equivocal (no unit)."""

    model_config = _STRICT
    analyte: Antibody = Field(description="Which antibody was tested")
    value: Literal["positive", "negative", "equivocal"] = Field(description="The lab's result")
    date: CalendarDate | None = Field(default=None, description="Date the sample was taken")
    specimen_id: str | None = Field(default=None, min_length=1, max_length=64)

    @field_validator("analyte", mode="before")
    @classmethod
    def _analyte(cls, value: Any) -> Any:
        return analyte_name(value)

    @field_validator("value", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


def _lab_kind(entry: Any) -> str:
    """Which model a lab entry is: antibody results are told apart by their analyte, and an
    unknown analyte with a qualitative value and no unit is a misspelt antibody (its one error is
    the name, not a value that is no number and a missing unit as well)."""
    if not isinstance(entry, dict):
        analyte = getattr(entry, "analyte", None)
        return "antibody" if isinstance(analyte, Antibody) else "lab"
    name = analyte_name(entry.get("analyte"))
    if not isinstance(name, str):
        return "lab"  # not a name at all: the lab model's error says what is allowed
    if name in _ANTIBODY_NAMES:
        return "antibody"
    qualitative = isinstance(value := entry.get("value"), str) and value.strip().lower() in (
        _QUALITATIVE
    )
    unknown = name not in _LAB_NAMES
    return "antibody" if unknown and qualitative and "unit" not in entry else "lab"


_ANTIBODY_NAMES = frozenset(a.value for a in Antibody)
_LAB_NAMES = frozenset(a.value for a in Analyte)
_QUALITATIVE = ("positive", "negative", "equivocal")
# Analyte names as people write them: any case, spaces or hyphens for underscores, and the full
# names b12's own messages use ("mma (methylmalonic acid)"); the short name is stored.
_ANALYTE_SYNONYMS = {
    "vitamin_b12": "b12",
    "total_b12": "b12",
    "serum_b12": "b12",
    "cobalamin": "b12",
    "active_b12": "holotc",
    "holotranscobalamin": "holotc",
    "methylmalonic_acid": "mma",
    "homocysteine": "hcy",
    "total_homocysteine": "hcy",
    "haemoglobin": "hemoglobin",
    "hb": "hemoglobin",
    "serum_folate": "folate",
    "serum_creatinine": "creatinine",
    "serum_ferritin": "ferritin",
}


def analyte_name(given: Any) -> Any:
    """The analyte's short name for a name written another way ("MMA", "methylmalonic acid",
    "intrinsic factor antibody"); anything else unchanged, for the error to show as given."""
    return _analyte_name(given) if isinstance(given, str) else given


@lru_cache(maxsize=256)  # pure; every lab result of every person file names its analyte
def _analyte_name(given: str) -> str:
    key = re.sub(r"[\s-]+", "_", given.strip().casefold())
    key = _ANALYTE_SYNONYMS.get(key, key)
    return key if key in _LAB_NAMES or key in _ANTIBODY_NAMES else given


# A tagged union, so that an error names the field of the right kind of result; error paths
# drop the tags (b12.data.validation).
LAB_ENTRY_TAGS = frozenset({"lab", "antibody"})
LabEntry = Annotated[
    Annotated[LabResult, Tag("lab")] | Annotated[AntibodyResult, Tag("antibody")],
    Discriminator(_lab_kind),
]


class Route(StrEnum):
    """How a medicine is given."""

    ORAL = "oral"
    SUBLINGUAL = "sublingual"
    INTRAMUSCULAR = "intramuscular"
    SUBCUTANEOUS = "subcutaneous"
    INTRAVENOUS = "intravenous"
    NASAL = "nasal"
    OTHER = "other"


class Medication(BaseModel):
    """A medicine or supplement the person takes or took."""

    model_config = _STRICT
    name: str = Field(min_length=1, description="Brand or generic name, e.g. 'metformin'")
    start_date: CalendarDate | None = Field(default=None, description="When it was started")
    stop_date: CalendarDate | None = Field(
        default=None, description="When it was stopped; omit while it is still taken"
    )
    dose: str | None = Field(default=None, description="Dose as written, e.g. '1 g twice daily'")
    route: Route | None = Field(
        default=None, description="How it is given: oral, intramuscular, ... (omit if unknown)"
    )
    stopped: bool = Field(
        default=False,
        description="Stopped, the date not given (a FHIR MedicationStatement stopped, completed "
        "or on hold without an end date); give stop_date when it is known",
    )

    @model_validator(mode="after")
    def _stop_after_start(self) -> Medication:
        if self.start_date and self.stop_date and self.stop_date < self.start_date:
            raise ValueError(f"stop_date {self.stop_date} is before start_date {self.start_date}")
        return self

    def taken_on(self, day: dt.date) -> bool:
        """Whether the medicine is taken on ``day`` (unknown start: assumed started). The stop
        date is the day it stopped: a medicine stopped on the visit day is not taken then. One
        stopped on a date not given is taken on no day b12 can name: it is history."""
        started = self.start_date is None or self.start_date <= day
        if self.stop_date is None and self.stopped:
            return False
        return started and (self.stop_date is None or self.stop_date > day)


Years = Annotated[float, Field(gt=0, le=125, description="Age in years")]


def age_on(age: float, assessed_on: dt.date | None, day: dt.date | None) -> float:
    """The age on ``day``, counted back from the age on ``assessed_on`` (the age as recorded
    when either date is unknown)."""
    if day is None or assessed_on is None:
        return age
    return age - (assessed_on - day).days / DAYS_PER_YEAR


class Person(BaseModel):
    """Everything b12 needs to know about one person (no name or identifier is required)."""

    model_config = _STRICT
    age: Years
    sex: Sex
    pregnant: bool = Field(default=False, description="Currently pregnant")
    breastfeeding: bool = Field(default=False, description="Currently breastfeeding")
    diet: Diet | None = Field(default=None, description="Usual diet; omit if unknown")
    conditions: list[str] = Field(
        default_factory=list,
        description="Diagnoses, surgery and exposures, free text or common names, e.g. "
        "'coeliac disease', 'gastric bypass 2019', 'recreational nitrous oxide'",
    )
    symptoms: list[str] = Field(
        default_factory=list,
        description="Symptoms or signs, free text, e.g. 'fatigue', 'tingling feet', "
        "'memory problems', 'sore tongue'",
    )
    medications: list[Medication] = Field(
        default_factory=list, description="Medicines and supplements"
    )
    labs: list[LabEntry] = Field(
        default_factory=list,
        description="Laboratory results: numbers with their unit, or qualitative antibody results",
    )
    diary: str | list[dict[str, Any]] | dict[str, Any] | None = Field(
        default=None,
        description="Food diary for `b12 intake`: a CSV/JSON/YAML file path (relative to the "
        "person file) or inline entries, as in docs/intake.md",
    )
    muscle: MuscleMeasurements | None = Field(
        default=None, description="Muscle measurements and SARC-F answers, if any"
    )
    assessed_on: CalendarDate | None = Field(
        default=None,
        description="Date of the assessment (for how long medicines have been taken, and whether "
        "a result is still current); defaults to today",
    )
    surgery: list[Surgery] = Field(
        default_factory=list,
        description="Operations by name, with their date: total_gastrectomy, partial_gastrectomy, "
        "roux_en_y_gastric_bypass, sleeve_gastrectomy, biliopancreatic_diversion_duodenal_switch, "
        "gastric_banding, ileal_resection",
    )
    dialysis: Dialysis | None = Field(
        default=None, description="Maintenance dialysis (haemodialysis or peritoneal), if any"
    )
    symptom_course: list[SymptomCourse] = Field(
        default_factory=list,
        description="For symptoms listed in symptoms: new, persisting, resolved or "
        "long_standing, with onset and resolved_on dates",
    )
    condition_dates: list[ConditionDates] = Field(
        default_factory=list,
        description="For conditions listed in conditions: onset and resolved_on dates",
    )
    gestational_age_weeks: float | None = Field(
        default=None, ge=0, le=45, description="Weeks of pregnancy (only when pregnant)"
    )
    ethnicity: Ethnicity | None = Field(
        default=None,
        description="Optional broad ethnic group; only read for NICE NG239's note that people of "
        "black ethnicity have a higher total-B12 reference range",
    )

    @model_validator(mode="after")
    def _life_stage_fits_sex(self) -> Person:
        for flag in ("pregnant", "breastfeeding"):
            if getattr(self, flag) and self.sex is not Sex.FEMALE:
                raise ValueError(f"{flag} can only be true when sex is 'female'")
        if self.gestational_age_weeks is not None and not self.pregnant:
            raise ValueError("gestational_age_weeks needs pregnant: true")
        return self

    @model_validator(mode="after")
    def _adult_body_size(self) -> Person:
        # A child's weight measured years ago is no adult's weight typed in grams: the limits of
        # the age on the day it was measured apply.
        if self.muscle is None or (problem := self.muscle.adult_size_problem()) is None:
            return self
        if age_on(self.age, self.assessed_on, self.muscle.measured_on) >= ADULT_FROM_AGE_YEARS:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _history_names_listed(self) -> Person:
        # A course or dates for a symptom or condition that is not listed would be silently unused.
        for entry in self.symptom_course:
            if entry.symptom.casefold() not in {s.casefold() for s in self.symptoms}:
                raise ValueError(
                    f"symptom_course names {entry.symptom[:40]!r}, which is not in symptoms"
                )
        for dates in self.condition_dates:
            if dates.condition.casefold() not in {c.casefold() for c in self.conditions}:
                raise ValueError(
                    f"condition_dates names {dates.condition[:40]!r}, which is not in conditions"
                )
        return self

    def course_of(self, symptom: str) -> SymptomCourse | None:
        """The recorded course of a listed symptom, if any."""
        return next(
            (c for c in self.symptom_course if c.symptom.casefold() == symptom.casefold()), None
        )

    @property
    def current_symptoms(self) -> list[str]:
        """Symptoms listed, without those whose course says they have resolved (one list per
        symptoms and courses: read, never change)."""
        sources = (self.symptoms, self.symptom_course)
        return derived(self, "_current_symptoms", sources, _current_symptoms)

    @property
    def lab_results(self) -> list[LabResult]:
        """The numeric results, in the order given (one list per labs list: read, never change)."""
        return _derived(self, "_lab_results", self.labs, _lab_results)

    @property
    def antibody_results(self) -> list[AntibodyResult]:
        """The qualitative antibody results, in the order given (one list per labs list)."""
        return _derived(self, "_antibody_results", self.labs, _antibody_results)

    @property
    def own_conditions(self) -> list[str]:
        """The person's own conditions: a relative's ("family history of pernicious anaemia") is a
        risk factor of its own (NICE NG239) and never the person's diagnosis."""
        return _derived(self, "_own", self.conditions, _own_conditions)

    @property
    def current_conditions(self) -> list[str]:
        """Own conditions without those ``condition_dates`` marks resolved: a nitrous oxide use
        that ended years ago is history, not an exposure now."""
        return derived(
            self, "_current", (self.conditions, self.condition_dates), _current_conditions
        )

    @property
    def intrinsic_factor_antibody_positive(self) -> bool:
        """Whether any intrinsic-factor antibody result is positive: the antibody is highly
        specific for pernicious anaemia, so one positive result is not undone by a later negative."""
        return _derived(self, "_if_positive", self.labs, _intrinsic_factor_positive)

    def latest_antibody(self, antibody: Antibody) -> AntibodyResult | None:
        """The most recent result of one antibody test."""
        found = [r for r in self.antibody_results if r.analyte is antibody]
        return max(found, key=_date_key) if found else None

    def history(self, analyte: Analyte) -> Iterator[LabResult]:
        """Every dated result of an analyte, oldest first."""
        dated = [lab for lab in self.lab_results if lab.analyte is analyte and lab.date]
        yield from sorted(dated, key=_date_key)

    def latest(self, analyte: Analyte) -> LabResult | None:
        """The most recent result for an analyte (dated results win; else the last listed)."""
        return latest_result(self, analyte)

    def derived(self, name: str, sources: tuple[object, ...], build: Callable[[Person], _T]) -> _T:
        """``build(self)``, kept beside the field values it was built from (see :func:`derived`)."""
        return derived(self, name, sources, build)

    def latest_results(self) -> list[LabResult]:
        """The latest result of each analyte present, in the order of :class:`Analyte` (one list
        per labs list: read, never change)."""
        return _derived(self, "_latest_results", self.labs, _latest_results)

    def latest_values(self) -> dict[Analyte, float]:
        """Canonical value of the latest result of each analyte present."""
        return {lab.analyte: lab.canonical_value for lab in self.latest_results()}


# Module functions, not methods: a pydantic model defines ``__getattr__``, so each method call on
# it allocates a bound method, and the readings below run tens of times per assessment.
def derived(
    person: Person, name: str, sources: tuple[object, ...], build: Callable[[Person], _T]
) -> _T:
    """``build(person)``, kept beside the field values it was built from (the model is frozen,
    so they change only in a copy; a copy with other ``sources`` rebuilds it). The readings
    one assessment asks for many times (conditions, symptoms, causes) are built once."""
    cached = person.__dict__.get(name)
    if cached is None or not _same_objects(cached[0], sources):
        cached = (sources, build(person))
        person.__dict__[name] = cached
    result: _T = cached[1]
    return result


def latest_result(person: Person, analyte: Analyte) -> LabResult | None:
    """:meth:`Person.latest` without a bound method per call (the judgment asks ~40 times)."""
    # One pass over the labs per person instead of one per call.
    return _derived(person, "_latest", person.labs, _latest_index).get(analyte)


def _derived(person: Person, name: str, source: object, build: Callable[[Person], _T]) -> _T:
    """:meth:`Person.derived` of one field: an identity check (called ~40 times per assessment)."""
    cached = person.__dict__.get(name)
    if cached is None or cached[0] is not source:
        cached = (source, build(person))
        person.__dict__[name] = cached
    result: _T = cached[1]
    return result


def _same_objects(kept: tuple[object, ...], sources: tuple[object, ...]) -> bool:
    # An index loop allocates nothing (map, zip or a generator would: one object per check, ~20
    # checks per assessment, each costly where allocations are traced, as in the latency bench).
    count = len(kept)
    if count != len(sources):
        return False
    i = 0
    while i < count:
        if kept[i] is not sources[i]:
            return False
        i += 1
    return True


def _current_symptoms(person: Person) -> list[str]:
    return [s for s in person.symptoms if (c := person.course_of(s)) is None or c.current]


def _lab_results(person: Person) -> list[LabResult]:
    return [lab for lab in person.labs if isinstance(lab, LabResult)]


def _antibody_results(person: Person) -> list[AntibodyResult]:
    return [lab for lab in person.labs if isinstance(lab, AntibodyResult)]


def _latest_results(person: Person) -> list[LabResult]:
    index = _derived(person, "_latest", person.labs, _latest_index)
    return [index[a] for a in _ANALYTES if a in index]


def _latest_index(person: Person) -> dict[Analyte, LabResult]:
    index: dict[Analyte, LabResult] = {}
    for lab in person.lab_results:
        best = index.get(lab.analyte)
        # A dated result beats an undated one; the first of equal dates stays; among undated
        # results the last listed wins.
        if (
            best is None
            or (lab.date is None and best.date is None)
            or (lab.date is not None and (best.date is None or lab.date > best.date))
        ):
            index[lab.analyte] = lab
    return index


def _intrinsic_factor_positive(person: Person) -> bool:
    return any(
        r.value == "positive"
        for r in person.antibody_results
        if r.analyte is Antibody.INTRINSIC_FACTOR
    )


def _current_conditions(person: Person) -> list[str]:
    # condition_dates name a condition as written, so resolution is read on the whole text.
    resolved = {d.condition.casefold() for d in person.condition_dates if d.resolved_on}
    return [
        own
        for c in person.conditions
        if c.casefold() not in resolved and (own := split_relative(c)[0])
    ]


def _own_conditions(person: Person) -> list[str]:
    return [own for c in person.conditions if (own := split_relative(c)[0])]


_ANALYTES = tuple(Analyte)


def _date_key(lab: LabResult | AntibodyResult) -> dt.date:
    return lab.date or dt.date.min
