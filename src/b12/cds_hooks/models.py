"""CDS Hooks 2.0 request and response bodies (field names as in the specification).

Responses are serialised with ``exclude_none``: the specification forbids null and empty values, so an
optional field without a value is left out.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from b12.cds_hooks.text import one_line

Indicator = Literal["info", "warning", "critical"]
# The specification's plain-text fields (summary, labels): one line whatever text went in.
PlainText = Annotated[str, AfterValidator(one_line)]


class FhirAuthorization(BaseModel):
    """OAuth 2.0 bearer token the EHR grants the service for its FHIR server."""

    model_config = ConfigDict(extra="allow")
    access_token: str = Field(min_length=1)
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str
    subject: str


class HookRequest(BaseModel):
    """The body an EHR POSTs to a CDS Service."""

    model_config = ConfigDict(extra="allow")
    hook: str = Field(min_length=1)
    hookInstance: uuid.UUID  # noqa: N815 - the specification's field name
    fhirServer: AnyHttpUrl | None = None  # noqa: N815
    fhirAuthorization: FhirAuthorization | None = None  # noqa: N815
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _server_with_token(self) -> HookRequest:
        if self.fhirAuthorization is not None and self.fhirServer is None:
            raise ValueError("fhirServer is required when fhirAuthorization is given")
        return self


class Coding(BaseModel):
    """A code (used for card topics and override reasons)."""

    system: str | None = None
    code: str
    display: str | None = None


class Source(BaseModel):
    """The primary source of a card's guidance."""

    label: PlainText
    url: str | None = None
    topic: Coding | None = None


class Action(BaseModel):
    """A change the EHR applies when the user accepts a suggestion."""

    type: Literal["create", "update", "delete"]
    description: PlainText
    resource: dict[str, Any] | None = None


class Suggestion(BaseModel):
    """A button on a card: a labelled set of actions."""

    label: PlainText
    uuid: str = Field(default_factory=lambda: str(uuid.uuid4()))
    isRecommended: bool | None = None  # noqa: N815
    actions: list[Action] | None = None


class Link(BaseModel):
    """A link to more information or a SMART app."""

    label: PlainText
    url: str
    type: Literal["absolute", "smart"] = "absolute"


class Card(BaseModel):
    """One card of decision support."""

    uuid: str = Field(default_factory=lambda: str(uuid.uuid4()))
    summary: Annotated[PlainText, Field(max_length=139)]  # "<140-character summary"
    detail: str | None = None
    indicator: Indicator
    source: Source
    suggestions: list[Suggestion] | None = None
    selectionBehavior: Literal["at-most-one", "any"] | None = None  # noqa: N815
    overrideReasons: list[Coding] | None = None  # noqa: N815
    links: list[Link] | None = None

    @model_validator(mode="after")
    def _selection_with_suggestions(self) -> Card:
        if self.suggestions and self.selectionBehavior is None:
            raise ValueError("selectionBehavior is required when there are suggestions")
        return self


class HookResponse(BaseModel):
    """The service's answer: a (possibly empty) list of cards."""

    cards: list[Card]


class ServiceDefinition(BaseModel):
    """One service in the discovery response."""

    hook: str
    title: str
    description: str
    id: str
    prefetch: dict[str, str] | None = None


class Discovery(BaseModel):
    """The discovery response."""

    services: list[ServiceDefinition]


class AcceptedSuggestion(BaseModel):
    """A suggestion the user accepted."""

    model_config = ConfigDict(extra="allow")
    id: str


class FeedbackItem(BaseModel):
    """What the user did with one card."""

    model_config = ConfigDict(extra="allow")
    card: str
    outcome: Literal["accepted", "overridden"]
    acceptedSuggestions: list[AcceptedSuggestion] | None = None  # noqa: N815
    overrideReason: dict[str, Any] | None = None  # noqa: N815
    outcomeTimestamp: str  # noqa: N815

    @model_validator(mode="after")
    def _accepted_has_suggestions(self) -> FeedbackItem:
        if self.outcome == "accepted" and not self.acceptedSuggestions:
            raise ValueError("acceptedSuggestions is required for an accepted outcome")
        return self


class Feedback(BaseModel):
    """The body POSTed to a service's feedback endpoint."""

    feedback: list[FeedbackItem] = Field(min_length=1)
