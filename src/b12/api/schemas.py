"""Response models the API documents: problem details and the assessment document.

The assessment document is the core's :class:`~b12.core.assessment.Assessment` plus what
:func:`b12.reports.json_report.assessment_document` adds (each plan item's sources, the registry
entry of every rule, two derived flags). The routes return that document unchanged, byte for byte
the output of `b12 assess --json`; these models describe it (a test checks they round-trip it).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from b12.core.assessment import Assessment
from b12.core.muscle.model import MuscleResult
from b12.core.plan.build import Plan
from b12.core.plan.model import PlanItem
from b12.core.rules import Evidence
from b12.core.screening.model import ScreeningResult
from b12.data.store.schemas import AssessmentPublic


class Problem(BaseModel):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://github.com/b12-developers/b12/blob/main/docs/api.md#invalid-input",
                    "title": "Invalid input",
                    "status": 422,
                    "detail": "must be between 0 and 130",
                    "field": "age",
                }
            ]
        }
    )
    type: str = Field(description="A link to this kind of problem in docs/api.md")
    title: str = Field(description="Short, the same for every problem of this type")
    status: int = Field(description="The HTTP status code")
    detail: str = Field(description="What went wrong with this request")
    field: str | None = Field(default=None, description="The input at fault, when there is one")


class RuleEntry(BaseModel):
    """A rule's registry entry: what it says, its evidence level and its source."""

    id: str
    module: str
    summary: str
    evidence: Evidence
    source: str = Field(description="The citation")
    url: str | None = None


class SourceEntry(BaseModel):
    """A source behind a plan item, with the evidence levels of the rules citing it."""

    key: str
    citation: str
    url: str | None = None
    evidence: list[Evidence]


class PlanItemDocument(PlanItem):
    """A plan item with the sources of the rules it rests on."""

    sources: list[SourceEntry]


class PlanDocument(Plan):
    """The plan, each item with its sources."""

    items: tuple[PlanItemDocument, ...]


def _with(model: type[BaseModel], name: str, doc: str, **fields: Any) -> type[BaseModel]:
    """``model``'s fields plus ``fields`` (the document's own), in a new model named ``name``: a
    subclass cannot declare a field where its parent has a property of the same name."""
    own = {key: (field.annotation, field) for key, field in model.model_fields.items()}
    return create_model(name, __doc__=doc, __config__=model.model_config, **(own | fields))


MuscleDocument = _with(
    MuscleResult,
    "MuscleDocument",
    "The muscle result with its at-risk flag (probable or worse sarcopenia, or a positive screen).",
    at_risk=(bool, ...),
)
ScreeningDocument = _with(
    ScreeningResult,
    "ScreeningDocument",
    "The screening result with its malabsorption flag.",
    malabsorption=(bool, ...),
)
AssessmentDocument = _with(
    Assessment,
    "AssessmentDocument",
    "An assessment as `POST /api/assess` and `b12 assess --json` return it.",
    screening=(ScreeningDocument | None, None),
    muscle=(MuscleDocument | None, None),
    plan=(PlanDocument | None, None),
    rules=(list[RuleEntry], ...),
)


class StoredAssessment(AssessmentPublic):
    """A stored assessment; ``result`` is an assessment document (as stored by an older version of
    b12 when ``shown`` is ``stale``)."""

    result: AssessmentDocument | dict[str, Any] = Field(  # type: ignore[valid-type]
        description="The assessment, same shape as `b12 assess --json`"
    )
