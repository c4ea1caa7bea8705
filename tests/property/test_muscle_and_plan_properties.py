"""Properties: more strength never worsens the sarcopenia stage; staging never fails on valid
measurements; free-text matching never fails; the plan is deterministic and always cited."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from b12.core import rules
from b12.core.muscle.assess import assess_muscle
from b12.core.muscle.measurements import MuscleMeasurements
from b12.core.muscle.model import Criteria, Stage
from b12.core.person import Person
from b12.core.screening.medications import classify
from b12.core.screening.screen import screen
from b12.core.screening.terms import CONDITION_TERMS, SYMPTOM_TERMS, codes_in
from b12.core.sex import Sex
from b12.core.status.judgment import SEVERITY
from b12.services.assess import assess_person

ORDER = {Stage.NO_SARCOPENIA: 0, Stage.PROBABLE: 1, Stage.CONFIRMED: 2, Stage.SEVERE: 3}

measurements = st.builds(
    MuscleMeasurements,
    grip_strength_kg=st.none() | st.floats(0, 80),
    chair_stand_s=st.none() | st.floats(1, 60),
    asm_kg=st.none() | st.floats(5, 40),
    height_m=st.none() | st.floats(1.2, 2.1),
    weight_kg=st.none() | st.floats(41, 150),  # above every ASM drawn: ASM >= weight is refused
    gait_speed_m_s=st.none() | st.floats(0, 2.5),
    sppb_score=st.none() | st.integers(0, 12),
    tug_s=st.none() | st.floats(3, 60),
)


@given(
    m=measurements,
    sex=st.sampled_from(list(Sex)),
    criteria=st.sampled_from(list(Criteria)),
    extra=st.floats(0.1, 30),
)
@settings(max_examples=300)
def test_a_stronger_grip_never_gives_a_worse_stage(
    m: MuscleMeasurements, sex: Sex, criteria: Criteria, extra: float
) -> None:
    if m.grip_strength_kg is None:
        return
    weaker = assess_muscle(m, sex, criteria)
    stronger = assess_muscle(
        m.model_copy(update={"grip_strength_kg": m.grip_strength_kg + extra}), sex, criteria
    )
    if weaker.stage in ORDER and stronger.stage in ORDER:
        assert ORDER[stronger.stage] <= ORDER[weaker.stage]


@given(m=measurements, sex=st.sampled_from(list(Sex)), criteria=st.sampled_from(list(Criteria)))
def test_staging_always_returns_a_cited_result(
    m: MuscleMeasurements, sex: Sex, criteria: Criteria
) -> None:
    result = assess_muscle(m, sex, criteria)
    assert result.criteria is criteria
    for rule_id in result.rules:
        rules.get(rule_id)
    if result.stage is Stage.INSUFFICIENT_DATA:
        assert result.missing


@given(st.text(max_size=80))
def test_free_text_matching_never_fails(text: str) -> None:
    classify(text)
    codes_in(text, CONDITION_TERMS)
    codes_in(text, SYMPTOM_TERMS)


people = st.fixed_dictionaries(
    {
        "age": st.floats(16, 100),
        "sex": st.just("female"),
        "diet": st.sampled_from(["omnivore", "vegan", "vegetarian", "pescatarian"]),
        "symptoms": st.lists(
            st.sampled_from(["fatigue", "numbness", "sore tongue", "itch"]), max_size=2
        ),
        "conditions": st.lists(
            st.sampled_from(["coeliac disease", "gastric bypass", "asthma"]), max_size=2
        ),
        "medications": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(
                        ["metformin", "Nexium", "ramipril", "hydroxocobalamin injection"]
                    )
                }
            ),
            max_size=2,
        ),
        "labs": st.lists(
            st.fixed_dictionaries(
                {"analyte": st.just("b12"), "value": st.floats(50, 900), "unit": st.just("pmol/L")}
            ),
            max_size=1,
        ),
        "muscle": st.none() | st.fixed_dictionaries({"grip_strength_kg": st.floats(5, 50)}),
    }
)


@given(people)
@settings(max_examples=150, deadline=None)
def test_the_plan_is_deterministic_and_every_item_is_cited(data: dict[str, object]) -> None:
    person = Person.model_validate(data)
    first, second = assess_person(person).plan, assess_person(person).plan
    assert first == second and first is not None
    for item in first.items:
        assert item.rules and all(rules.get(r) for r in item.rules)
        assert "stop taking" not in item.text.lower()


@given(low=st.floats(30, 900), extra=st.floats(0.5, 500))
@settings(max_examples=150, deadline=None)
def test_a_higher_total_b12_never_gives_a_worse_judgment(low: float, extra: float) -> None:
    def level(value: float) -> str:
        person = Person.model_validate(
            {
                "age": 50,
                "sex": "male",
                "labs": [{"analyte": "b12", "value": value, "unit": "pmol/L"}],
            }
        )
        return SEVERITY[assess_person(person).status.judgment.level]

    assert level(low + extra) <= level(low)


RECOMMENDATION_ORDER = ["not_indicated", "discuss_symptoms", "discuss_screening", "offer_test"]


@given(
    symptoms=st.lists(st.sampled_from(["fatigue", "numbness", "sore tongue"]), max_size=2),
    condition=st.sampled_from(["coeliac disease", "gastric bypass", "pernicious anaemia"]),
)
def test_adding_a_risk_factor_never_lowers_the_screening_recommendation(
    symptoms: list[str], condition: str
) -> None:
    day = dt.date(2026, 11, 1)
    base = {"age": 30, "sex": "female", "symptoms": symptoms}
    before = screen(Person.model_validate(base), day).recommendation.value
    after = screen(Person.model_validate(base | {"conditions": [condition]}), day)
    assert RECOMMENDATION_ORDER.index(after.recommendation.value) >= RECOMMENDATION_ORDER.index(
        before
    )
