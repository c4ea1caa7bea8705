"""The person's clinical history in structured form: operations, dialysis, the course of each
symptom and the dates of each condition.

These fields sit beside the free-text ``conditions`` and ``symptoms`` of :class:`b12.core.person.Person`
(which stay valid on their own); the screening and the judgment read both. Procedure names follow
the sources that decide B12 prophylaxis: the hydroxocobalamin SmPC and the BNF (gastrectomy, ileal
resection), BOMSS 2020 (sleeve gastrectomy, Roux-en-Y gastric bypass, BPD/DS, gastric band) and
NICE NG239's risk-factor box (bariatric surgery, gastrectomy, terminal ileal resection).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from b12.core.dates import CalendarDate

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Procedure(StrEnum):
    """Operations that change B12 absorption (and the gastric band, which does not)."""

    TOTAL_GASTRECTOMY = "total_gastrectomy"
    PARTIAL_GASTRECTOMY = "partial_gastrectomy"
    ROUX_EN_Y_GASTRIC_BYPASS = "roux_en_y_gastric_bypass"
    SLEEVE_GASTRECTOMY = "sleeve_gastrectomy"
    BILIOPANCREATIC_DIVERSION = "biliopancreatic_diversion_duodenal_switch"
    GASTRIC_BANDING = "gastric_banding"
    ILEAL_RESECTION = "ileal_resection"


class Surgery(BaseModel):
    """One operation, with its date if known."""

    model_config = _STRICT
    procedure: Procedure = Field(description="The operation")
    date: CalendarDate | None = Field(default=None, description="Date of the operation")
    extent: Literal["total", "partial"] | None = Field(
        default=None,
        description="For an ileal resection: total or partial, if the operation note says",
    )

    @model_validator(mode="after")
    def _extent_for_resection(self) -> Surgery:
        if self.extent is not None and self.procedure is not Procedure.ILEAL_RESECTION:
            raise ValueError(
                f"extent applies to ileal_resection only, not {self.procedure.value}; "
                "name total_gastrectomy or partial_gastrectomy instead"
            )
        return self


class DialysisModality(StrEnum):
    """How dialysis is given."""

    HAEMODIALYSIS = "haemodialysis"
    PERITONEAL = "peritoneal"


class Dialysis(BaseModel):
    """Maintenance dialysis."""

    model_config = _STRICT
    modality: DialysisModality = Field(description="haemodialysis or peritoneal")
    since: CalendarDate | None = Field(default=None, description="When dialysis started")


class Course(StrEnum):
    """How a symptom has behaved."""

    NEW = "new"  # began recently
    PERSISTING = "persisting"  # present and continuing
    RESOLVED = "resolved"  # gone
    LONG_STANDING = "long_standing"  # present for a long time and stable


class SymptomCourse(BaseModel):
    """The course of one symptom listed in ``symptoms``."""

    model_config = _STRICT
    symptom: str = Field(min_length=1, max_length=200, description="As written in symptoms")
    course: Course = Field(description="new, persisting, resolved or long_standing")
    onset: CalendarDate | None = Field(default=None, description="When it began")
    resolved_on: CalendarDate | None = Field(
        default=None, description="When it went (resolved only)"
    )

    @model_validator(mode="after")
    def _dates_fit_course(self) -> SymptomCourse:
        if self.resolved_on is not None and self.course is not Course.RESOLVED:
            raise ValueError(
                f"resolved_on is only for course 'resolved', not {self.course.value!r}"
            )
        if self.onset and self.resolved_on and self.resolved_on < self.onset:
            raise ValueError(f"resolved_on {self.resolved_on} is before onset {self.onset}")
        return self

    @property
    def current(self) -> bool:
        """Whether the symptom is present now."""
        return self.course is not Course.RESOLVED


class ConditionDates(BaseModel):
    """When one condition listed in ``conditions`` began and, if it did, ended."""

    model_config = _STRICT
    condition: str = Field(min_length=1, max_length=200, description="As written in conditions")
    onset: CalendarDate | None = Field(default=None, description="When it was diagnosed or began")
    resolved_on: CalendarDate | None = Field(default=None, description="When it ended, if it did")

    @model_validator(mode="after")
    def _ordered(self) -> ConditionDates:
        if self.onset and self.resolved_on and self.resolved_on < self.onset:
            raise ValueError(f"resolved_on {self.resolved_on} is before onset {self.onset}")
        return self


class Ethnicity(StrEnum):
    """Broad ethnic group, optional: only NICE NG239's note on reference ranges reads it."""

    ASIAN = "asian"
    BLACK = "black"
    MIXED = "mixed"
    WHITE = "white"
    OTHER = "other"
