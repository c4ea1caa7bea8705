"""`b12 intake` and `b12 assess` never disagree on the intake verdict (red-team C3-C5), over
generated diaries: foods of the bundled table (fortified, food-bound, none), an unmatched row,
meals, dated and undated supplements, ages either side of 50 and absorption-lowering medicines."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.core.diet.verdict import IntakeLevel
from b12.reports.intake import intake_document
from b12.services.assess import assess_input
from b12.services.intake import intake_file

FOODS = (
    "Cereals ready-to-eat, GENERAL MILLS, Rice CHEX",  # added (crystalline) B12
    "ndb:15157",  # clams: food-bound B12
    "ndb:01077",  # whole milk
    "Tofu, raw, firm, prepared with calcium sulfate",  # no B12
    "water",  # not matched: never a real zero
)
MEDICINES = ((), ("omeprazole",), ("metformin",), ("ranitidine",), ("amlodipine",))

entries = st.lists(
    st.fixed_dictionaries(
        {
            "date": st.sampled_from(["2026-11-01", "2026-11-02", "2026-11-03"]),
            "meal": st.sampled_from(["breakfast", "lunch", "dinner", ""]),
            "food": st.sampled_from(FOODS),
            "amount": st.integers(min_value=1, max_value=400).map(lambda g: f"{g} g"),
        }
    ),
    max_size=6,
)
supplements = st.lists(
    st.builds(
        lambda dose, often, weekly, dated: {
            "supplement": "B12",
            "ug_per_dose": dose,
            ("doses_per_week" if weekly else "doses_per_day"): often,
            **({"date": "2026-11-02"} if dated else {}),
        },
        st.sampled_from([0.5, 1, 2.5, 10, 100, 500, 1000, 2000]),
        st.integers(min_value=1, max_value=3),
        st.booleans(),
        st.booleans(),
    ),
    max_size=2,
)


def _files(folder: str, diary: dict[str, Any], age: int, medicines: tuple[str, ...]) -> Path:
    person = {
        "age": age,
        "sex": "female",
        "labs": [{"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-11-04"}],
        "medications": [{"name": m, "start_date": "2020-01-01"} for m in medicines],
        "diary": diary,
    }
    path = Path(folder) / "person.yaml"
    path.write_text(yaml.safe_dump(person), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries,
    supplements,
    st.sampled_from([30, 49, 51, 70, 85]),
    st.sampled_from(MEDICINES),
)
def test_intake_and_assess_give_one_verdict(
    foods: list[dict[str, Any]],
    doses: list[dict[str, Any]],
    age: int,
    medicines: tuple[str, ...],
) -> None:
    if not foods and not doses:
        return  # an empty diary measures nothing
    with tempfile.TemporaryDirectory() as folder:
        path = _files(folder, {"entries": foods, "supplements": doses}, age, medicines)
        summary = intake_document(intake_file(None, person_path=path))["verdict"]
        assessment = assess_input(path).assessment
    compared = assessment.intake_vs_target
    assert compared is not None
    assert summary["level"] == compared.level.value
    assert summary["level_words"] == compared.level_words
    assert summary["text"] == compared.verdict
    # the plan reads the same level: no deficit advice from rows b12 could not read
    items = {item.id for item in assessment.plan.items} if assessment.plan else set()
    assert ("intake.low" in items) == (compared.level is IntakeLevel.BELOW_EAR)
    assert ("intake.below_rda" in items) == (compared.level is IntakeLevel.BELOW_RDA)
    if compared.level is not IntakeLevel.MEETS_RDA:
        assert "meets the recommended amount" not in compared.verdict
