"""No output contradicts itself (issue 12): hypothesis over generated persons, on the judgment and
its JSON, FHIR and CDS Hooks forms.

Adding a raised functional marker never improves the level; adding a caveat never raises the
confidence; adding nerve symptoms never lowers the urgency; with neurological involvement only the
neurological regimen is offered; the plan never offers less than the treatment already given; the
plan summary repeats the judgment's headline, and no reassuring word appears next to a raised marker;
no B12 is offered beside "another explanation" when B12 is normal; a censored B12 is always read;
results over a year old never give a current level.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from b12.cds_hooks.cards import status_card
from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import (
    CARD_INDICATOR,
    CONFIDENCE_ORDER,
    SEVERITY,
    URGENCY_ORDER,
    Direction,
    Kind,
    Level,
    Response,
    Urgency,
)
from b12.fhir.writer import assessment_bundle, read_assessment_bundle
from b12.services.assess import assess_person
from b12.services.ehr import RecordReview
from b12.units import Analyte

DAY = "2026-10-01"
NEURO = ["numbness in both feet", "unsteady walking"]
CAVEATS: dict[str, dict[str, Any]] = {
    "nitrous_oxide": {"conditions": ["recreational nitrous oxide use"]},
    "pernicious_anaemia": {"conditions": ["suspected pernicious anaemia"]},
    "biotin": {"medications": [{"name": "biotin", "dose": "10 mg daily"}]},
    "kidney": {"labs": [{"analyte": "egfr", "value": 40, "unit": "mL/min/1.73m2", "date": DAY}]},
    "folate": {"labs": [{"analyte": "folate", "value": 5, "unit": "nmol/L", "date": DAY}]},
    "combined_pill": {"medications": [{"name": "combined oral contraceptive pill"}]},
}


def lab(analyte: str, value: float | str, unit: str) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": DAY}


@st.composite
def persons(draw: st.DrawFn) -> dict[str, Any]:
    labs = []
    sign = st.sampled_from(["", "", "", "<", ">"])  # mostly exact; sometimes censored
    if draw(st.booleans()):
        unit = draw(st.sampled_from(["pmol/L", "pg/mL"]))
        labs.append(lab("b12", f"{draw(sign)}{draw(st.floats(40, 1200)):.0f}", unit))
    if draw(st.booleans()):
        labs.append(lab("holotc", draw(st.floats(5, 200)), "pmol/L"))
    if draw(st.booleans()):
        labs.append(lab("mma", f"{draw(sign)}{draw(st.floats(0.05, 2.0)):.2f}", "umol/L"))
    if draw(st.booleans()):
        labs.append(lab("hcy", draw(st.floats(4, 60)), "umol/L"))
    if draw(st.booleans()):
        labs.append(lab("hemoglobin", draw(st.floats(80, 170)), "g/L"))
        labs.append(lab("mcv", draw(st.floats(75, 120)), "fL"))
    medications = []
    if draw(st.booleans()):
        medications.append({"name": "metformin", "start_date": "2018-01-01"})
    treatment = draw(st.sampled_from([None, "injection", "oral_high", "oral_low"]))
    # Sometimes the course has stopped (treatment over time: restarted when lifelong).
    stopped = {"stop_date": "2026-08-01"} if draw(st.integers(0, 3)) == 0 else {}
    if treatment == "injection":
        medications.append(
            {"name": "hydroxocobalamin", "route": "intramuscular", "start_date": "2026-03-01"}
            | stopped
        )
    elif treatment is not None:
        dose = "1000 micrograms daily" if treatment == "oral_high" else "50 micrograms daily"
        medications.append(
            {"name": "cyanocobalamin", "dose": dose, "start_date": "2026-03-01"} | stopped
        )
        labs.append({**lab("b12", 100, "pmol/L"), "date": "2026-02-01"})
    stage = draw(st.sampled_from([{}, {}, {"pregnant": True}, {"breastfeeding": True}]))
    symptoms = draw(
        st.lists(st.sampled_from(["tiredness", *NEURO, "sore tongue"]), max_size=2, unique=True)
    )
    # How each symptom went (none recorded, or new / persisting / resolved since June).
    courses = [
        {"symptom": s, "course": c, "onset": "2026-06-01"}
        for s in symptoms
        if (c := draw(st.sampled_from([None, "new", "persisting", "resolved"]))) is not None
    ]
    child = not stage and draw(st.integers(0, 9)) == 0
    return {
        **stage,
        "age": draw(st.integers(1, 15) if child else st.integers(18, 45 if stage else 95)),
        "sex": "female",
        "diet": draw(st.sampled_from(["omnivore", "vegan", "vegetarian"])),
        "symptoms": symptoms,
        "symptom_course": courses,
        "medications": medications,
        "labs": labs,
        "assessed_on": "2026-10-02",
    }


def adult(data: dict[str, Any]) -> bool:
    """NG239's bands are for people aged 16 and over; a child's result is a paediatrician's."""
    return bool(data["age"] >= 16)


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def merged(data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key, values in extra.items():
        out[key] = [*data.get(key, []), *values]
    return out


def regimens(a: Assessment) -> set[Regimen]:
    assert a.plan is not None
    return {r for item in a.plan.items for r in item.regimens}


@given(persons())
@settings(max_examples=120, deadline=None)
def test_one_judgment_everywhere_and_no_contradiction(data: dict[str, Any]) -> None:
    a = assess(data)
    j = a.status.judgment
    assert a.plan is not None
    assert a.plan.summary.startswith(j.headline)
    # The JSON every interface serialises carries the same judgment.
    again = Assessment.model_validate_json(a.model_dump_json())
    assert again.status.judgment == j
    raised = j.has("mma_raised") or j.has("hcy_raised") or j.has("mma_highly_suggestive")
    if raised:
        assert j.level is not Level.DEFICIENCY_UNLIKELY
    assert "adequate" not in j.headline.lower()
    if j.neurological:
        assert regimens(a) <= {Regimen.IM_NEUROLOGICAL}
    # With a normal B12, "a clinician weighs another explanation before treating" never sits
    # beside a B12 offer (an indeterminate B12 with a raised marker is NG239's case to treat).
    first_line = {e.direction for e in j.evidence if e.kind is Kind.FIRST_LINE}
    mma_explained = j.has("mma_raised") and (j.has("older_age_mma") or j.has("kidney_function"))
    if (
        j.advice_on("other_explanations")
        and first_line == {Direction.ARGUES_AGAINST}
        and mma_explained
        and not j.has("hcy_raised")
        and not j.neurological
        and not j.advice_on("do_not_delay")
    ):
        assert not regimens(a)


@given(
    persons(),
    st.sampled_from(["<", ">"]),
    st.floats(20, 2000),
    st.sampled_from(["pmol/L", "ng/L"]),
)
@settings(max_examples=120, deadline=None)
def test_a_censored_b12_is_always_read_never_retested(
    data: dict[str, Any], sign: str, value: float, unit: str
) -> None:
    if not adult(data):
        return
    censored = {**lab("b12", round(value), unit), "value": f"{sign}{round(value)}"}
    others = [x for x in data["labs"] if x["analyte"] != "b12"]
    j = assess({**data, "labs": [*others, censored], "medications": []}).status.judgment
    assert j.level is not Level.CANNOT_JUDGE
    assert "total_b12" not in {t.test for t in j.next_tests}


@given(persons(), st.integers(13, 200))
@settings(max_examples=100, deadline=None)
def test_results_over_a_year_old_never_give_a_current_level(
    data: dict[str, Any], months_back: int
) -> None:
    # Without treatment, old results are history: no level rests on them, a new test is advised.
    if not adult(data):
        return
    old = str(dt.date(2026, 10, 2) - dt.timedelta(days=int(months_back * 30.44) + 1))
    labs = [{**x, "date": old} for x in data["labs"]]
    untreated = {**data, "labs": labs, "medications": [], "assessed_on": "2026-10-02"}
    j = assess(untreated).status.judgment
    assert j.level is Level.CANNOT_JUDGE
    if any(x["analyte"] in ("b12", "holotc") for x in labs):
        # The first-line test again: active B12 in pregnancy (NG239), total B12 otherwise.
        repeat = "holotc" if data.get("pregnant") else "total_b12"
        assert repeat in {t.test for t in j.next_tests}


@given(persons(), st.sampled_from([("mma", 0.6, "umol/L"), ("hcy", 30.0, "umol/L")]))
@settings(max_examples=120, deadline=None)
def test_a_raised_functional_marker_never_improves_the_level(
    data: dict[str, Any], marker: tuple[str, float, str]
) -> None:
    analyte = marker[0]
    base = {**data, "labs": [x for x in data["labs"] if x["analyte"] != analyte]}
    before, after = assess(base).status.judgment, assess(merged(base, {"labs": [lab(*marker)]}))
    if before.level in SEVERITY and after.status.judgment.level in SEVERITY:
        assert SEVERITY[after.status.judgment.level] >= SEVERITY[before.level]
    assert after.status.judgment.level is not Level.DEFICIENCY_UNLIKELY


@given(persons(), st.sampled_from(sorted(CAVEATS)))
@settings(max_examples=150, deadline=None)
def test_a_caveat_never_raises_the_confidence(data: dict[str, Any], caveat: str) -> None:
    extra = CAVEATS[caveat]
    if "labs" in extra:
        analytes = {x["analyte"] for x in extra["labs"]}
        data = {**data, "labs": [x for x in data["labs"] if x["analyte"] not in analytes]}
    before = assess(data).status.judgment.confidence
    after = assess(merged(data, extra)).status.judgment.confidence
    assert CONFIDENCE_ORDER.index(after) <= CONFIDENCE_ORDER.index(before)


@given(persons())
@settings(max_examples=120, deadline=None)
def test_nerve_symptoms_never_lower_the_urgency(data: dict[str, Any]) -> None:
    base = {
        **data,
        "symptoms": [s for s in data["symptoms"] if s not in NEURO],
        "symptom_course": [c for c in data["symptom_course"] if c["symptom"] not in NEURO],
    }
    before = assess(base).status.judgment.urgency
    after = assess(merged(base, {"symptoms": NEURO})).status.judgment
    assert URGENCY_ORDER.index(after.urgency) >= URGENCY_ORDER.index(before)
    assert after.neurological or after.level is Level.DEFICIENCY_UNLIKELY


@given(persons())
@settings(max_examples=120, deadline=None)
def test_the_plan_never_offers_less_than_the_treatment_already_given(data: dict[str, Any]) -> None:
    a = assess(data)
    current = [m for m in data["medications"] if "stop_date" not in m]
    names = " ".join(m["name"] + " " + str(m.get("dose", "")) for m in current)
    offered = regimens(a)
    if "hydroxocobalamin" in names:
        assert a.status.judgment.level is Level.ON_TREATMENT
        assert not offered & {Regimen.ORAL_LOW_DOSE, Regimen.ORAL_HIGH_DOSE}
    if "1000 micrograms" in names:
        assert Regimen.ORAL_LOW_DOSE not in offered


@given(persons())
@settings(max_examples=80, deadline=None)
def test_fhir_and_cds_show_the_same_judgment(data: dict[str, Any]) -> None:
    a = assess(data)
    j = a.status.judgment
    summary = read_assessment_bundle(assessment_bundle(a))
    assert (summary.level, summary.urgency, summary.confidence) == (
        j.level.value,
        j.urgency.value,
        j.confidence.value,
    )
    person = Person.model_validate(data)
    first_line = [lab for lab in person.lab_results if lab.analyte in (Analyte.B12, Analyte.HOLOTC)]
    review = RecordReview(
        person=person,
        assessment=a,
        notes=(),
        as_of=dt.date(2026, 10, 2),
        risk_medicines=(),
        risk_conditions=(),
        last_b12_test=None,
        b12_results=len(first_line),
    )
    card = status_card(review, "p1", None)
    if card is not None:
        assert card.indicator == CARD_INDICATOR[j.urgency]
        assert card.summary.startswith(f"B12: {j.headline}"[:100])


IRREVERSIBLE: dict[str, dict[str, Any]] = {
    "pernicious_anaemia": {"conditions": ["pernicious anaemia"]},
    "intrinsic_factor_antibody": {
        "labs": [{"analyte": "intrinsic_factor_antibody", "value": "positive", "date": DAY}]
    },
    "total_gastrectomy": {"surgery": [{"procedure": "total_gastrectomy", "date": "2015-03-01"}]},
    "sleeve": {"surgery": [{"procedure": "sleeve_gastrectomy", "date": "2020-03-01"}]},
}


@given(persons(), st.sampled_from(sorted(IRREVERSIBLE)))
@settings(max_examples=120, deadline=None)
def test_an_irreversible_absorption_cause_is_never_left_to_food_or_a_low_dose(
    data: dict[str, Any], cause: str
) -> None:
    # IOM 1998: a lack of intrinsic factor "requires medical treatment"; NICE NG239: an
    # irreversible cause needs treatment for life. Whatever the level, diet or treatment so far:
    # no low oral dose, and food advice always says food is not the treatment.
    a = assess(merged(data, IRREVERSIBLE[cause]))
    assert a.plan is not None
    assert Regimen.ORAL_LOW_DOSE not in regimens(a)
    food = [i for i in a.plan.items if i.id == "food.sources"]
    assert all(i.text.startswith("Food alone cannot correct or prevent") for i in food)


@given(persons())
@settings(max_examples=150, deadline=None)
def test_the_plan_is_urgent_exactly_when_the_judgment_is(data: dict[str, Any]) -> None:
    a = assess(data)
    assert a.plan is not None
    urgent_item = any(i.category is Category.URGENT for i in a.plan.items)
    assert urgent_item is (a.status.judgment.urgency is Urgency.URGENT)


@given(persons(), st.sampled_from(sorted(IRREVERSIBLE)))
@settings(max_examples=120, deadline=None)
def test_a_stopped_lifelong_treatment_is_always_restarted(data: dict[str, Any], cause: str) -> None:
    # NICE NG239: "treatment is needed for life". Every B12 medicine listed has stopped: the plan
    # says to restart it, whatever the level now.
    data = merged(data, IRREVERSIBLE[cause])
    b12 = [m for m in data["medications"] if m["name"] != "metformin"]
    if not b12 or any("stop_date" not in m for m in b12) or data["age"] < 16:
        return
    a = assess(data)
    assert a.plan is not None
    text = " ".join(i.text for i in a.plan.items)
    assert "ask your doctor to restart it" in text
    assert "for life" in text


@given(persons())
@settings(max_examples=150, deadline=None)
def test_nerve_symptoms_new_on_treatment_are_never_a_good_response(data: dict[str, Any]) -> None:
    # BNF / SPS: new or worsening nerve symptoms on treatment need the neurological regimen.
    new = {c["symptom"] for c in data["symptom_course"] if c["course"] == "new"}
    j = assess(data).status.judgment
    if j.level is Level.ON_TREATMENT and new & set(NEURO):
        assert j.response is not Response.IMPROVING
        assert j.urgency is Urgency.URGENT
