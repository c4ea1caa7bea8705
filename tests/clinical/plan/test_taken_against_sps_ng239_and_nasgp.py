"""B12 already taken (b12.core.plan.taken) against the SPS commentary on NICE NG239 ("For symptoms
that are not sufficiently improved ... dose escalation or switching to intramuscular vitamin B12
injection is advised"), NICE NG239 (malabsorption: oral "at least 1 mg a day") and the NASGP
summary of NG239 ("Review after 3 months of treatment, or after 1 month in people who are
pregnant or breastfeeding"). The red team's person files are in test_red_team_round16_plan.py."""

from __future__ import annotations

import pytest

from b12.core import sources
from b12.core.person import Medication
from b12.core.plan import taken
from b12.core.plan import treatment as tx
from b12.core.rules import Evidence
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

S = Evidence.SECONDARY

RULES = {
    "plan.taken.oral-dose-reached-injections": (
        sources.SPS_NG239_ONGOING,
        S,
        {"ORAL_MALABSORPTION_MIN_UG_DAY": 1000.0},
    ),
    "plan.taken.keep-oral-indeterminate": (sources.SPS_NG239_ONGOING, S, {}),
    "plan.taken.signs-on-oral-indeterminate": (sources.SPS_NG239_ONGOING, Evidence.VERIFIED, {}),
}

test_declares, test_cites = rule_table_tests("b12.core.plan.taken", RULES)
test_parameters = parameter_tests(RULES, tx)


@pytest.mark.parametrize(
    ("dose", "reached"),
    [
        ("1 mg daily", True),
        ("1000 micrograms a day", True),
        ("2 mg daily", True),
        ("999 µg daily", False),  # just under NG239's "at least 1 mg a day"
        ("50 micrograms daily", False),
        ("1 mg weekly", False),  # a weekly dose is not a daily one
        ("2000 µg once a week", False),
        (None, False),  # unreadable: the plan still offers "at least 1 mg a day" or injections
    ],
)
def test_the_oral_treatment_dose_is_at_least_1_mg_a_day(dose: str | None, reached: bool) -> None:
    med = Medication(name="cyanocobalamin", dose=dose, route="oral")
    assert taken._at_oral_treatment_dose([med]) is reached
