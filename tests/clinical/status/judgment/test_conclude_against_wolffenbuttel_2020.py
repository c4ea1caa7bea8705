"""Conclude: a caveat on the serum assay alone (a B12 supplement, biotin) is settled by a current
MMA and homocysteine not raised (Wolffenbuttel 2020: "MMA reflects cellular status"), so nerve
symptoms are "soon, other causes", not urgent injections (DECISIONS.md: urgent with "anything but
a clearly adequate, unconfounded status"). Red team round 14, finding 5, with its neighbours."""

from __future__ import annotations

import copy

from b12.core.status.judgment import Level, Urgency
from tests.clinical.status.judgment.test_red_team_round14_confounders_pa_n2o_fhir import (
    F05,
    assert_consistent,
    assess,
    plan_text,
    regimens,
)


def test_supplement_with_normal_mma_and_homocysteine_is_soon_for_other_causes() -> None:
    a = assess(F05)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_UNLIKELY
    assert j.urgency is Urgency.SOON
    assert [r.code for r in j.urgency_reasons] == ["neurological_other_cause"]
    assert "other causes" in j.urgency_reasons[0].message
    # The caveat is still shown (DECISIONS.md: recent supplementation must appear as a caveat).
    assert j.has("recent_supplement_with_symptoms")
    assert not regimens(a)
    assert "hydroxocobalamin 1 mg by injection on alternate days" not in plan_text(a)
    assert "other causes" in plan_text(a)
    assert_consistent(a)


def test_supplement_with_a_raised_mma_stays_urgent() -> None:
    data = copy.deepcopy(F05)
    data["labs"][1]["value"] = 0.6
    a = assess(data)
    assert a.status.judgment.urgency is Urgency.URGENT
    assert_consistent(a)


def test_supplement_with_only_serum_b12_and_holotc_stays_urgent() -> None:
    # Nothing the supplement leaves alone was measured: the status is not unconfounded.
    data = copy.deepcopy(F05)
    data["labs"] = [x for x in data["labs"] if x["analyte"] in ("b12", "holotc")]
    a = assess(data)
    assert a.status.judgment.urgency is Urgency.URGENT
    assert_consistent(a)
