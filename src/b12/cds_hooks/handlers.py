"""What happens when an EHR calls a service: validate, gather data, review the record, build cards.

Returns plain (status, body) pairs so the routes stay thin. Errors become RFC 9457 problem details;
they name fields and resources, never values, and nothing personal is logged: the log lines carry
the service id, the hookInstance, counts and timings only. Parsing and the review run in worker
threads for a bounded time; waiting for the EHR's FHIR server holds no thread (see b12.fhir.client).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread
from pydantic import BaseModel, ValidationError

from b12.cds_hooks import cards
from b12.cds_hooks.definitions import ORDER_SELECT, services
from b12.cds_hooks.gather import ChartNotReadError, PreconditionError, gather
from b12.cds_hooks.models import Card, Feedback, HookRequest, HookResponse, ServiceDefinition
from b12.codes import CodeTable, DrugClass, drug_class_of_text, medication
from b12.errors import InputError
from b12.fhir.elements import codes_of
from b12.fhir.reader import validate_bundle
from b12.services import clock
from b12.services.ehr import ABSORPTION_CLASSES, RiskMedicine, review_records
from b12.services.inputs import load_code_table
from b12.settings import Settings

log = logging.getLogger("b12.cds_hooks")
PROBLEM_JSON = "application/problem+json"
Reply = tuple[int, dict[str, Any]]
M = TypeVar("M", bound=BaseModel)
_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    421: "Misdirected Request",
}
# FHIR's id type: what an EHR may put in context.patientId (and so in card links and references)
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


@lru_cache(maxsize=4)
def _table_from(path: Path | None) -> CodeTable:
    return load_code_table(path) if path else CodeTable()


def code_table(settings: Settings) -> CodeTable:
    """b12's code table plus the site's local codes, if configured (read once)."""
    return _table_from(settings.local_codes)


def problem(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> Reply:
    """An RFC 9457 problem details body."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return status, body


def _validation_problem(exc: ValidationError, what: str) -> Reply:
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]) or what, "message": str(e["msg"])}
        for e in exc.errors(include_url=False, include_input=False)
    ]
    return problem(400, f"the {what} does not follow CDS Hooks 2.0", errors)


def _read(model: type[M], body: bytes, what: str) -> M | Reply:
    """``body`` as ``model``, or the problem answer that says what is wrong with it."""
    try:
        return model.model_validate(_parse(body))
    except ValidationError as exc:
        return _validation_problem(exc, what)
    except InputError as exc:
        return problem(400, str(exc))


def _parse(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f" (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise InputError(f"the body is not valid JSON{where}") from None


def _ordered_medicines(request: HookRequest, limit: int) -> list[RiskMedicine]:
    """Medicines of the selected draft orders that lower B12 absorption (at most ``limit``)."""
    draft = request.context.get("draftOrders")
    if not isinstance(draft, dict):
        raise InputError("context.draftOrders must be a FHIR Bundle", field="context.draftOrders")
    entries = draft.get("entry")
    if isinstance(entries, list) and len(entries) > limit:
        raise InputError(f"more than {limit:,} draft orders", field="context.draftOrders")
    bundle = validate_bundle(draft, where="context.draftOrders")
    selections = request.context.get("selections")
    chosen = set(selections) if isinstance(selections, list) else None
    found: list[RiskMedicine] = []
    for entry in bundle.entry or []:
        res: Any = entry.resource
        if res is None or res.get_resource_type() != "MedicationRequest":
            continue
        if chosen is not None and f"MedicationRequest/{res.id}" not in chosen:
            continue
        concept = res.medicationCodeableConcept
        codes = codes_of(concept)
        coded = medication(codes)
        drug_class: DrugClass | None
        if coded is not None:
            name, drug_class = coded.name, coded.drug_class
        elif not codes and concept is not None and concept.text:
            name, drug_class = str(concept.text), drug_class_of_text(str(concept.text))
        else:
            continue
        if drug_class in ABSORPTION_CLASSES and drug_class is not None:
            found.append(RiskMedicine(name, drug_class, None))
    return found


@dataclass
class _Call:
    """A validated hook request and what the service needs to answer it."""

    service_id: str
    service: ServiceDefinition
    request: HookRequest
    patient_id: str
    table: CodeTable
    started: float


def _patient_id(request: HookRequest) -> str | Reply:
    patient_id = request.context.get("patientId")
    if not isinstance(patient_id, str) or not patient_id:
        return problem(
            400,
            "context.patientId is required",
            [{"field": "context.patientId", "message": "required"}],
        )
    if not FHIR_ID.fullmatch(patient_id) or set(patient_id) == {"."}:
        return problem(
            400,
            "context.patientId must be a FHIR id (letters, digits, '-' and '.', up to 64)",
            [{"field": "context.patientId", "message": "not a FHIR id"}],
        )
    return patient_id


def _validated(service_id: str, body: bytes, settings: Settings) -> _Call | Reply:
    """Parse and check the request (CPU work, in a worker thread)."""
    started = time.perf_counter()
    table = code_table(settings)
    service = services(table).get(service_id)
    if service is None:
        return problem(404, f"no CDS service {service_id!r}; see GET /cds-services")
    request = _read(HookRequest, body, "request")
    if isinstance(request, tuple):
        return request
    if request.hook != service.hook:
        return problem(
            400, f"service {service_id} answers the {service.hook} hook, not {request.hook!r}"
        )
    patient_id = _patient_id(request)
    if not isinstance(patient_id, str):
        return patient_id
    return _Call(service_id, service, request, patient_id, table, started)


def _cards(
    call: _Call,
    resources: list[dict[str, Any]],
    ordered: list[RiskMedicine],
    report: str | None,
    today: dt.date,
) -> list[Card] | Reply:
    """Review the record and build the cards (CPU work, in a worker thread)."""
    if any(
        r.get("resourceType") == "Patient" and r.get("id") not in (None, call.patient_id)
        for r in resources
    ):
        return problem(400, "the Patient in prefetch is not the patient of context.patientId")
    review = review_records(resources, as_of=today, codes=call.table)
    if call.service_id == ORDER_SELECT:
        return cards.order_select_cards(review, ordered, call.patient_id, report)
    return cards.patient_view_cards(review, call.patient_id, report)


def _log(call: _Call, outcome: str) -> None:
    took = (time.perf_counter() - call.started) * 1000
    log.info("%s %s: %s, %.0f ms", call.service_id, call.request.hookInstance, outcome, took)


async def answer(service_id: str, body: bytes, settings: Settings) -> Reply:
    """Answer one hook call with cards, or with problem details."""
    call = await anyio.to_thread.run_sync(_validated, service_id, body, settings)
    if not isinstance(call, _Call):
        return call
    try:
        ordered = (
            await anyio.to_thread.run_sync(
                _ordered_medicines, call.request, settings.cds.max_resources
            )
            if service_id == ORDER_SELECT
            else []
        )
        resources, fetched = await gather(call.request, call.service.prefetch or {}, settings.cds)
        result = await anyio.to_thread.run_sync(
            _cards, call, resources, ordered, settings.cds.report_url, clock.today(settings)
        )
    except ChartNotReadError as exc:
        _log(call, f"chart not read in full ({exc.kind}), information card only")
        return 200, HookResponse(cards=[cards.not_read_card()]).model_dump(
            mode="json", exclude_none=True
        )
    except PreconditionError as exc:
        _log(call, "412 (data not available)")
        return problem(412, str(exc))
    except InputError as exc:
        _log(call, "400 (record not readable)")
        field = [{"field": exc.field, "message": "see detail"}] if exc.field else None
        return problem(400, f"the patient record cannot be read: {exc}", field)
    if not isinstance(result, list):
        return result
    _log(
        call,
        f"{len(result)} card(s), {len(resources)} resource(s), "
        f"{fetched} query(ies) to the FHIR server",
    )
    return 200, HookResponse(cards=result).model_dump(mode="json", exclude_none=True)


def call_service(service_id: str, body: bytes, settings: Settings) -> Reply:
    """:func:`answer` for callers without an event loop (tests, fuzzing)."""
    return asyncio.run(answer(service_id, body, settings))


def receive_feedback(service_id: str, body: bytes) -> Reply:
    """Accept feedback on cards (counted in the log; the service keeps no patient data)."""
    if service_id not in services(CodeTable()):
        return problem(404, f"no CDS service {service_id!r}; see GET /cds-services")
    feedback = _read(Feedback, body, "feedback")
    if isinstance(feedback, tuple):
        return feedback
    outcomes = [item.outcome for item in feedback.feedback]
    log.info(
        "%s feedback: %d accepted, %d overridden",
        service_id,
        outcomes.count("accepted"),
        outcomes.count("overridden"),
    )
    return 200, {}
