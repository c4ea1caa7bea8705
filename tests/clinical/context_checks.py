"""Checks for the "results in context" keys (tests/clinical/vignettes/breadth/README.md, section
"Keys for results in context"): censored, old and later results, older-age MMA, children and nerve
conditions. Each reads b12's output back the way the README defines the key; none reads the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from b12.core.assessment import Assessment
from b12.core.muscle.model import Stage
from b12.core.person import LabResult, Person
from b12.core.status.judgment import Direction, Kind, Response
from tests.clinical.exposure_checks import stated_intake_references

Censored = Literal["deficient", "deficient_or_indeterminate", "above_all_edges"]
CENSORED_DIRECTIONS = {
    "deficient": {Direction.SUPPORTS},
    "deficient_or_indeterminate": {Direction.SUPPORTS, Direction.INCONCLUSIVE},
    "above_all_edges": {Direction.ARGUES_AGAINST},
}
REPLACEMENT = {
    "oral_low_dose",
    "oral_high_dose",
    "im_non_neurological",
    "im_neurological",
    "im_prophylaxis",
    "oral_bariatric",
}
SECOND_LINE = {"mma", "holotc", "homocysteine"}
STAGED = {Stage.NO_SARCOPENIA, Stage.PROBABLE, Stage.CONFIRMED, Stage.SEVERE}
EXPLANATION_WORDS = {"age": ("older age", "at this age"), "kidney": ("kidney",)}


class ContextExpect(BaseModel):
    """The keys this module checks (all optional; omitted = the source is silent)."""

    model_config = ConfigDict(extra="forbid")
    response: list[Response] | None = None
    censored_read_as: list[Censored] = []
    censored_not_no_result: bool | None = None
    action_required: bool | None = None
    high_b12_noted: bool | None = None
    treatment_offered: bool | None = None
    result_not_used_as_current: bool | None = None
    result_date_stated: bool | None = None
    markers_not_combined: bool | None = None
    cross_treatment_not_combined: bool | None = None
    alternative_explanation_named: list[Literal["age", "kidney"]] = []
    adult_sarcopenia_cutoffs_not_applied: bool | None = None
    adult_b12_bands_not_applied: bool | None = None
    intake_reference_ug_day: float | None = None
    future_lab_stated: bool | None = None
    conditions_read_as_symptoms: list[str] = []


def _regimens(a: Assessment) -> set[str]:
    assert a.plan is not None
    return {str(r) for i in a.plan.items for r in i.regimens}


def _censored(person: Person) -> list[LabResult]:
    return [lab for lab in person.lab_results if lab.comparator and lab.analyte.value == "b12"]


def _censored_problems(e: ContextExpect, person: Person, a: Assessment, text: str) -> list[str]:
    j = a.status.judgment
    found = []
    item = next((i for i in j.evidence if i.code == "b12" and i.kind is Kind.FIRST_LINE), None)
    for wanted in e.censored_read_as:
        if item is None or item.direction not in CENSORED_DIRECTIONS[wanted]:
            found.append(f"censored B12 not read as {wanted}: {item and item.direction}")
        elif not any(lab.printed in item.message for lab in _censored(person)):
            found.append("the censored value (with its comparator) is not shown")
    if e.censored_not_no_result:
        if j.level == "cannot_judge":
            found.append("a censored result left the level at cannot_judge")
        if "total_b12" in {t.test for t in j.next_tests}:
            found.append("asks for total B12 again although a censored result exists")
        found += [f"censored result not used: {r.why}" for r in j.results if not r.used]
    if e.high_b12_noted and not (
        re.search(r"\bhigh\b|above the lab|above the assay", text)
        and re.search(r"liver|myeloproliferative", text)
    ):
        found.append("a high B12 and its other causes are not noted")
    return found


def _time_problems(e: ContextExpect, person: Person, a: Assessment, text: str) -> list[str]:
    j = a.status.judgment
    found = []
    if e.result_not_used_as_current:
        if j.level != "cannot_judge":
            found.append(f"a years-old result gives the current level {j.level}")
        if not {"total_b12", "holotc"} & {t.test for t in j.next_tests}:
            found.append("no new first-line test advised for a years-old result")
    if e.result_date_stated:
        found += [
            f"the date of {lab.analyte.value} ({lab.date}) is not stated"
            for lab in person.labs
            if lab.date is not None and str(lab.date) not in text
        ]
    dates = {lab.date for lab in person.lab_results}
    if e.markers_not_combined and len(dates) > 1:
        if a.status.cb12.cb12 is not None:
            found.append("cB12 computed from results of different dates")
        if re.search(r"same sample|confirms", text):
            found.append("results of different dates presented as one sample or as confirming")
    if e.cross_treatment_not_combined and re.search(
        r"not confirmed|not deficient|deficiency is unlikely", text
    ):
        found.append("a marker taken on treatment re-judges the status before it")
    if e.future_lab_stated and person.assessed_on is not None:
        later = [lab for lab in person.labs if lab.date and lab.date > person.assessed_on]
        found += [
            f"the later {lab.analyte.value} of {lab.date} is not stated as after the assessment date"
            for lab in later
            if str(lab.date) not in text or "after the assessment date" not in text
        ]
        if later and "check the dates" not in text:
            found.append("does not ask to check the dates")
    return found


def _age_problems(e: ContextExpect, a: Assessment, text: str) -> list[str]:
    assert a.muscle is not None
    j = a.status.judgment
    found = []
    if e.adult_sarcopenia_cutoffs_not_applied:
        if a.muscle.stage in STAGED:
            found.append(f"an adult sarcopenia stage ({a.muscle.stage}) is given under 18")
        said = " ".join(f.message for f in a.muscle.findings).lower()
        if "not applied" not in said:
            found.append("does not say the adult sarcopenia cut-offs are not applied")
    if e.adult_b12_bands_not_applied:
        if any("ng239" in r for i in j.evidence if i.kind is Kind.FIRST_LINE for r in i.rules[:1]):
            found.append("an NG239 band is applied under 16")
        if not re.search(r"lab's own range|paediatric", text):
            found.append("neither the lab's range nor a paediatric clinician is named")
    if e.intake_reference_ug_day is not None:
        found += [
            f"states an intake reference of {v:g} µg, not {e.intake_reference_ug_day:g}"
            for v in stated_intake_references(text)
            if v != e.intake_reference_ug_day
        ]
    return found


def _treatment_problems(e: ContextExpect, a: Assessment, text: str) -> list[str]:
    j = a.status.judgment
    found = []
    offered = _regimens(a) & REPLACEMENT
    if e.response and j.response not in e.response:
        found.append(f"response {j.response} not in {e.response}")
    if e.treatment_offered is not None and bool(offered) is not e.treatment_offered:
        found.append(f"treatment offered: {sorted(offered)}, expected {e.treatment_offered}")
    if e.action_required and not (
        SECOND_LINE & {t.test for t in j.next_tests} or offered or j.urgency in ("soon", "urgent")
    ):
        found.append("nothing to do: no second-line test, regimen or urgency")
    for factor in e.alternative_explanation_named:
        if not any(word in text for word in EXPLANATION_WORDS[factor]):
            found.append(f"{factor} is not named as an explanation")
    return found


def _moved_to_symptoms(person: Person, conditions: list[str]) -> Person:
    data = person.model_dump(exclude_none=True)
    data["conditions"] = [c for c in person.conditions if c not in conditions]
    data["symptoms"] = [*person.symptoms, *conditions]
    return Person.model_validate(data)


def _same_judgment(a: Assessment, b: Assessment) -> list[str]:
    ja, jb = a.status.judgment, b.status.judgment
    pairs = {
        "level": (ja.level, jb.level),
        "urgency": (ja.urgency, jb.urgency),
        "neurological": (ja.neurological, jb.neurological),
        "regimens": (_regimens(a), _regimens(b)),
    }
    return [
        f"{k} {x} differs from the symptom wording's {y}" for k, (x, y) in pairs.items() if x != y
    ]


def context_problems(
    e: ContextExpect,
    person: Person,
    a: Assessment,
    text: str,
    assess: Callable[[Person], Assessment],
) -> list[str]:
    """Every way ``a`` departs from the results-in-context keys of ``e``."""
    found = [
        *_censored_problems(e, person, a, text),
        *_time_problems(e, person, a, text),
        *_age_problems(e, a, text),
        *_treatment_problems(e, a, text),
    ]
    if e.conditions_read_as_symptoms:
        assert a.screening is not None
        unrecognised = " ".join(
            f.message for f in a.screening.findings if f.code == "unrecognised_condition"
        )
        found += [
            f"{c!r} listed as unrecognised"
            for c in e.conditions_read_as_symptoms
            if c in unrecognised
        ]
        moved = assess(_moved_to_symptoms(person, e.conditions_read_as_symptoms))
        found += _same_judgment(a, moved)
    return found
