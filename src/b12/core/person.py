"""The person b12 assesses: demographics, diet, conditions, medications and lab results.

Lab values arrive in the units their lab printed; each :class:`LabResult` converts itself once, when
validated, to the canonical unit of its analyte (see :mod:`b12.units`). Core rules read only
canonical values.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from b12.core.measurements import MuscleMeasurements
from b12.core.sex import Sex
from b12.units import Analyte, to_canonical

__all__ = ["Diet", "LabResult", "Medication", "MuscleMeasurements", "Person", "Sex"]


class Diet(StrEnum):
    """Usual dietary pattern."""

    OMNIVORE = "omnivore"
    PESCATARIAN = "pescatarian"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"


_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ReferenceRange(BaseModel):
    """The reference range printed by the lab, in the result's own unit."""

    model_config = _STRICT
    low: float | None = Field(default=None, description="Lower limit, in the result's unit")
    high: float | None = Field(default=None, description="Upper limit, in the result's unit")


class LabResult(BaseModel):
    """One laboratory result, as printed by the lab."""

    model_config = _STRICT
    analyte: Analyte = Field(description="What was measured")
    value: float = Field(description="The number the lab printed", allow_inf_nan=False)
    unit: str = Field(
        min_length=1,
        description="The unit the lab printed, e.g. 'pg/mL', 'pmol/L', 'umol/L', 'nmol/L'",
    )
    date: dt.date | None = Field(default=None, description="Date the sample was taken")
    reference_range: ReferenceRange | None = Field(
        default=None, description="The lab's reference range, in the same unit"
    )
    _canonical: float = PrivateAttr(default=float("nan"))

    @model_validator(mode="after")
    def _convert(self) -> LabResult:
        self._canonical = to_canonical(self.analyte, self.value, self.unit)
        return self

    @property
    def canonical_value(self) -> float:
        """The value in the canonical unit of its analyte."""
        return self._canonical


class Medication(BaseModel):
    """A medicine or supplement the person takes or took."""

    model_config = _STRICT
    name: str = Field(min_length=1, description="Brand or generic name, e.g. 'metformin'")
    start_date: dt.date | None = Field(default=None, description="When it was started")
    dose: str | None = Field(default=None, description="Dose as written, e.g. '1 g twice daily'")


Years = Annotated[float, Field(gt=0, le=125, description="Age in years")]


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
    labs: list[LabResult] = Field(default_factory=list, description="Laboratory results")
    diary: str | list[dict[str, Any]] | dict[str, Any] | None = Field(
        default=None,
        description="Food diary for `b12 intake`: a CSV/JSON/YAML file path (relative to the "
        "person file) or inline entries, as in docs/intake.md",
    )
    muscle: MuscleMeasurements | None = Field(
        default=None, description="Muscle measurements and SARC-F answers, if any"
    )
    assessed_on: dt.date | None = Field(
        default=None,
        description="Date of the assessment (for how long medicines have been taken); defaults to "
        "the latest lab date, else today",
    )

    @model_validator(mode="after")
    def _life_stage_fits_sex(self) -> Person:
        for flag in ("pregnant", "breastfeeding"):
            if getattr(self, flag) and self.sex is not Sex.FEMALE:
                raise ValueError(f"{flag} can only be true when sex is 'female'")
        return self

    def latest(self, analyte: Analyte) -> LabResult | None:
        """The most recent result for an analyte (dated results win; else the last listed)."""
        results = [lab for lab in self.labs if lab.analyte is analyte]
        if not results:
            return None
        dated = [lab for lab in results if lab.date is not None]
        if dated:
            return max(dated, key=lambda lab: lab.date or dt.date.min)
        return results[-1]

    def latest_values(self) -> dict[Analyte, float]:
        """Canonical value of the latest result of each analyte present."""
        values: dict[Analyte, float] = {}
        for analyte in Analyte:
            lab = self.latest(analyte)
            if lab is not None:
                values[analyte] = lab.canonical_value
        return values
