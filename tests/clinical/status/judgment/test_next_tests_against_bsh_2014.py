"""Next tests: recorded pernicious anaemia (autoimmune gastritis) is not tested for again; BSH
2014: "All patients with anaemia, neuropathy or glossitis, and suspected of having pernicious
anaemia, should be tested for anti-IFAB". Red team round 14, finding 14, with its neighbour (written
as suspected, the test stays)."""

from __future__ import annotations

import copy

import pytest

from tests.clinical.status.judgment.test_red_team_round14_confounders_pa_n2o_fhir import (
    F14,
    assert_consistent,
    assess,
    next_test_names,
    plan_text,
)


def test_recorded_pernicious_anaemia_is_not_suspected_nor_tested_for_again() -> None:
    a = assess(F14)
    j = a.status.judgment
    assert "intrinsic_factor_antibody" not in next_test_names(a)
    assert "intrinsic-factor antibody" not in plan_text(a)
    caveat = next(e for e in j.evidence if e.code == "pernicious_anaemia_assay")
    assert caveat.message.startswith("Pernicious anaemia is recorded")
    assert "suspected" not in caveat.message
    # The stopped lifelong treatment is still restarted (NICE NG239).
    assert "B12 treatment stopped on 2025-12-01: ask your doctor to restart it" in plan_text(a)
    assert_consistent(a)


@pytest.mark.parametrize(
    "written",
    ["suspected pernicious anaemia", "?pernicious anaemia", "possible autoimmune gastritis"],
)
def test_suspected_pernicious_anaemia_is_still_tested_for(written: str) -> None:
    data = {**copy.deepcopy(F14), "conditions": [written], "medications": []}
    data["labs"] = [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-10-01"}]
    a = assess(data)
    assert "intrinsic_factor_antibody" in next_test_names(a)
    assert_consistent(a)
