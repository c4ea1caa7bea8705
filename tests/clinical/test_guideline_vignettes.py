"""b12 against guideline vignettes written before b12 ran on them, by a checker who had not read
b12's code (tests/clinical/vignettes, format in FORMAT.md). Each vignette quotes the source that
decides its expectation. Where b12 and a vignette disagree, the guideline decides: an expectation is
never edited to match the code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.status.judgment import Confidence, Judgment, Level, Response, Urgency
from b12.services import clock
from b12.services.assess import assess_person
from tests.fixtures.today import TEST_TODAY

FOLDER = Path(__file__).parent / "vignettes"
Test = Literal[
    "total_b12",
    "holotc",
    "mma",
    "homocysteine",
    "folate",
    "egfr",
    "full_blood_count",
    "intrinsic_factor_antibody",
    "parietal_cell_antibody",
]
Topic = Literal[
    "cutoffs",
    "functional_markers",
    "nitrous_oxide",
    "neurological",
    "pernicious_anaemia",
    "blood_count",
    "folate",
    "on_treatment",
    "confounders",
    "issue_cases",
    "other",
]


class Expect(BaseModel):
    """What the guideline says b12 must (not) conclude."""

    model_config = ConfigDict(extra="forbid")
    level: list[Level] = Field(min_length=1)
    urgency: list[Urgency] | None = None
    confidence: list[Confidence] | None = None
    response: list[Response] | None = None
    next_tests_include: list[Test] = []
    next_tests_exclude: list[Test] = []
    forbidden_phrases: list[str] = []
    forbidden_regimens: list[Regimen] = []
    required_regimens: list[Regimen] = []


class Vignette(BaseModel):
    """One guideline vignette (FORMAT.md)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    topic: Topic
    source: str
    quote: str = Field(min_length=10)
    evidence: Literal["verified", "secondary"]
    person: Person
    expect: Expect


def load() -> list[Vignette]:
    vignettes = []
    for path in sorted(FOLDER.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
            vignettes.append(Vignette.model_validate(raw))
    return vignettes


VIGNETTES = load()


def all_text(assessment: Assessment) -> str:
    """Every sentence b12 shows a reader about this person."""
    judgment = assessment.status.judgment
    plan = assessment.plan
    assert plan is not None
    texts = [
        judgment.headline,
        *(e.message for e in judgment.evidence),
        *(f.message for f in (*judgment.advice, *judgment.urgency_reasons)),
        *(t.reason for t in judgment.next_tests),
        plan.summary,
        *(i.text for i in plan.items),
    ]
    return "\n".join(texts).lower()


class JudgmentExpect(Protocol):
    """The expectations on the judgment both vignette sets share (empty: the source is silent)."""

    @property
    def level(self) -> Sequence[Level] | None: ...
    @property
    def urgency(self) -> Sequence[Urgency] | None: ...
    @property
    def confidence(self) -> Sequence[Confidence] | None: ...
    @property
    def next_tests_include(self) -> Sequence[str]: ...
    @property
    def next_tests_exclude(self) -> Sequence[str]: ...


def judgment_problems(j: Judgment, e: JudgmentExpect) -> list[str]:
    """Where the judgment's level, urgency, confidence and next tests depart from ``e``."""
    found = []
    if e.level and j.level not in e.level:
        found.append(f"level {j.level} not in {e.level}")
    if e.urgency and j.urgency not in e.urgency:
        found.append(f"urgency {j.urgency} not in {e.urgency}")
    if e.confidence and j.confidence not in e.confidence:
        found.append(f"confidence {j.confidence} not in {e.confidence}")
    tests = {t.test for t in j.next_tests}
    if missing := set(e.next_tests_include) - tests:
        found.append(f"next tests lack {sorted(missing)} (have {sorted(tests)})")
    if extra := set(e.next_tests_exclude) & tests:
        found.append(f"next tests include forbidden {sorted(extra)}")
    return found


def problems(v: Vignette, assessment: Assessment) -> list[str]:
    """Every way b12's output departs from the vignette's expectation."""
    j = assessment.status.judgment
    e = v.expect
    plan = assessment.plan
    assert plan is not None
    found = judgment_problems(j, e)
    if e.response and j.response not in e.response:
        found.append(f"response {j.response} not in {e.response}")
    text = all_text(assessment)
    found += [f"says {p!r}" for p in e.forbidden_phrases if p.lower() in text]
    offered = {r for i in plan.items for r in i.regimens}
    if bad := offered & set(e.forbidden_regimens):
        found.append(f"offers forbidden regimens {sorted(bad)}")
    if e.required_regimens and not offered & set(e.required_regimens):
        found.append(f"offers none of {e.required_regimens} (offers {sorted(offered)})")
    return found


def test_the_vignettes_are_many_and_cover_every_topic() -> None:
    assert len(VIGNETTES) >= 150
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)
    per_topic: dict[str, int] = {}
    for v in VIGNETTES:
        per_topic[v.topic] = per_topic.get(v.topic, 0) + 1
    assert all(per_topic.get(t, 0) >= 5 for t in Topic.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_b12_agrees_with_the_guideline(vignette: Vignette) -> None:
    assessment = assess_person(vignette.person)
    assert not problems(vignette, assessment), (vignette.source, vignette.quote[:300])


def test_assessment_day_is_the_vignettes_own() -> None:
    # The judgment must not depend on the day the suite runs: a vignette without assessed_on is
    # assessed as of today, and the suite fixes today (tests/conftest.py, B12_TODAY).
    assert clock.today() == TEST_TODAY
