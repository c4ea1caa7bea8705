"""The person page, and the one way its forms save: parse, call a service, assess again, redirect.

A form whose input is refused shows the person page again with the error beside that form (the
same message, naming the field, as the API's problem detail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from b12 import __version__
from b12.core.diet.requirements import ReferenceIntake
from b12.core.person import Medication
from b12.data.store import Store
from b12.data.store.schemas import AssessmentPublic, PersonPublic
from b12.errors import InputError
from b12.reports.overview import Overview, overview
from b12.reports.series_chart import grip_svg, intake_svg
from b12.reports.trend_chart import CHART_ANALYTES, trend_svg
from b12.services import clock, diary, followup, foods, measurements, records
from b12.services.assess import assessment_date
from b12.web.forms import (
    ASM_METHODS,
    MEALS,
    MEASUREMENT_KINDS,
    ROUTES,
    SARC_F_ANSWERS,
    SARC_F_ITEMS,
    antibody_fields,
    measurement_label,
    panel_fields,
)
from b12.web.pages import render, see_other
from b12.web.person_forms import (
    PERSON_FORMS,
    history_context,
    invalid_inputs,
)

PANEL_NAMES = frozenset(f["name"] for f in panel_fields())

# The person page's forms, each with its own place for an error ("assessment": after an import).
FORMS = ("assessment", "symptoms", "medication", "labs", "muscle", "sarc_f", "diary", *PERSON_FORMS)
# Forms that show what was typed when refused (their input names are unique on the page).
KEEP_TYPED = ("labs", "sarc_f", *PERSON_FORMS)


def person_page(
    request: Request,
    store: Store,
    person_id: int,
    *,
    errors: Mapping[str, str] | None = None,
    food_q: str = "",
    typed: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A person: latest assessment, charts, results, diary and their forms (422 with errors)."""
    labs = records.list_labs(store, person_id)
    history = records.assessments_page(store, person_id)  # the newest; the API pages through all
    assessments = history.items
    series = {
        a: [(lab.date, lab.canonical_value) for lab in results]
        for a, results in records.trend(labs, CHART_ANALYTES).items()
    }
    person = records.get_person(store, person_id)
    muscle = measurements.list_measurements(store, person_id)
    stored = records.stored_person(store, person_id, checked=False)  # the error shows beside
    intake_days, reference = diary.daily_intake(stored)
    refused = bool(errors)  # 422: a form was refused (not: the records cannot be assessed)
    errors = dict.fromkeys(FORMS, "") | dict(errors or {})
    matches = foods.search_foods(food_q, limit=15) if food_q.strip() else []
    current = _current(store, person, assessments[0] if assessments else None, errors)
    context = {
        "person": person,
        "current": current,
        "overview": current and _overview(current.result, person.medications, reference),
        "labs": labs,
        "antibodies": records.list_antibodies(store, person_id),
        "antibody_fields": antibody_fields(),
        "routes": ROUTES,
        "assessments": assessments,
        "assessment_total": history.total,
        "chart": trend_svg(series, periods=records.supplement_periods(person.medications)),
        "panel": panel_fields(),
        "measurements": [(m, measurement_label(m.kind)) for m in muscle],
        "grip_chart": grip_svg(measurements.series(muscle, "grip_strength"), person.sex),
        "kinds": MEASUREMENT_KINDS,
        "asm_methods": ASM_METHODS,
        "sarc_f_items": SARC_F_ITEMS,
        "sarc_f_answers": SARC_F_ANSWERS,
        "entries": diary.list_diary_entries(store, person_id),
        "supplements": diary.list_supplements(store, person_id),
        "intake_days": intake_days,
        "intake_chart": intake_svg(intake_days, reference),
        "food_q": food_q,
        "matches": matches,
        "food_message": foods.search_message(food_q, matches) if food_q.strip() else "",
        "portions_of": matches[0].food if matches else None,
        "meals": MEALS,
        "errors": errors,
        "typed": dict(typed or {}),  # a refused form shows what was typed, not empty fields
        "invalid": invalid_input(errors["labs"]),
        "invalid_in": invalid_inputs(errors),  # the input a refusal names, per person form
        **history_context(),
        "today": clock.today().isoformat(),
        # What "current" meant for the judgment shown: result ages count to this date.
        "as_of": assessment_date(stored).isoformat(),
    }
    return render(request, "person.html", context, status_code=422 if refused else 200)


def invalid_input(message: str) -> str:
    """The id of the lab panel input a refusal names ("b12: value: ..." -> "b12_value"), so the
    page can mark it and move the focus there; "" when the message names none."""
    field = message.split(":", 2)
    name = field[0].strip()
    if name in ("date", "specimen_id") or (len(field) > 1 and field[1].strip() == "date"):
        return "date" if name != "specimen_id" else name
    if name in PANEL_NAMES and len(field) > 1 and field[1].strip().startswith("reference_range"):
        return f"{name}_ref_high" if field[1].strip().endswith("high") else f"{name}_ref_low"
    if name in PANEL_NAMES and len(field) > 1 and field[1].strip() == "flag":
        return f"{name}_flag"
    if name in PANEL_NAMES:
        unit = len(field) > 1 and "unit" in field[1] and field[1].strip() != "value"
        return f"{name}_unit" if unit else f"{name}_value"
    return ""


def _current(
    store: Store, person: PersonPublic, latest: AssessmentPublic | None, errors: dict[str, str]
) -> AssessmentPublic | None:
    """The assessment of the records as they are now: the latest stored one when it says exactly
    that (so its reports link to it), else assessed now and not stored. What `b12 assess` would
    refuse is shown as the assessment form's error."""
    try:
        result = records.current_result(store, person.id)
    except InputError as exc:
        errors["assessment"] = errors["assessment"] or str(exc)
        return None
    if latest is not None and latest.shown == "as_stored" and latest.result == result:
        return latest
    now = dt.datetime.now(dt.UTC)
    return AssessmentPublic(
        id=0,
        person_id=person.id,
        created_at=now,
        b12_version=__version__,
        rule_ids=[],
        input={},
        result=result,
    )


def _overview(
    result: dict[str, Any], medications: Sequence[Medication], reference: ReferenceIntake
) -> Overview:
    retest = followup.retest(result, medications)
    return overview(
        result,
        retest_text=retest.text if retest else "",
        retest_due=retest.due if retest else None,
        target_ug=reference.rda_ug_per_day,
    )


async def save_and_assess(
    request: Request,
    store: Store,
    person_id: int,
    save: Callable[[FormData], object],
    *,
    form: str,
    anchor: str,
) -> Response:
    """Post/Redirect/Get for a person-page form.

    ``save`` turns the submitted form into a service call; refused input shows the page again
    with the error beside ``form``; otherwise the person is assessed again and the browser goes
    back to ``anchor`` on their page. Only reading the form runs on the event loop: the database
    and assessment work runs in the thread pool, so that other requests are answered meanwhile.
    """
    submitted = await request.form()

    def save_then_assess() -> Response:
        try:
            save(submitted)
        except InputError as exc:
            # the lab panel and the person forms keep what was typed
            typed = {k: v for k, v in submitted.items() if isinstance(v, str) and k != "csrf_token"}
            kept = typed if form in KEEP_TYPED else {}
            return person_page(request, store, person_id, errors={form: str(exc)}, typed=kept)
        return assess_again(request, store, person_id, anchor)

    return await run_in_threadpool(save_then_assess)


def assess_again(
    request: Request, store: Store, person_id: int, anchor: str = "", *, explicit: bool = False
) -> Response:
    """Assess from the stored records and go to ``anchor`` on the person page.

    After a save the assessment is kept only when its conclusion changed
    (:func:`b12.services.records.assess_and_keep`); "assess again" (``explicit``) keeps it
    whenever its input changed. What `b12 assess` would refuse (a diary with no dated entry,
    say) is stored but not assessed: the person page says why.
    """
    try:
        records.assess_and_keep(store, person_id, same_conclusion_is_enough=not explicit)
    except InputError as exc:
        return person_page(request, store, person_id, errors={"assessment": str(exc)})
    return see_other(f"/persons/{person_id}" + (f"#{anchor}" if anchor else ""))
