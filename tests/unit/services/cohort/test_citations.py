"""The rules a cohort row cites: its indicator's, then those behind every row."""

from __future__ import annotations

from b12.core.kidney_blood import ckd_epi_2021
from b12.core.survey.standards import (
    RULE_AGE_BANDS,
    RULE_KORN_GRAUBARD,
    RULE_NCHS_PROPORTIONS,
    RULE_NHANES_DESIGN,
    RULE_SMALL_CELLS,
)
from b12.services.cohort.citations import citations


def test_every_row_cites_estimators_design_groups_and_suppression() -> None:
    cited = citations(
        {"low": ("own.rule",), "custom": ()},
        ["age_band", "sex"],
        uses_kidney=True,
        nhanes=False,
        suppress=True,
    )
    common = sorted(
        {
            RULE_AGE_BANDS,
            ckd_epi_2021.RULE,
            RULE_KORN_GRAUBARD,
            RULE_NCHS_PROPORTIONS,
            RULE_SMALL_CELLS,
        }
    )
    assert cited.common == common
    assert cited.for_target("low") == ["own.rule", *common]
    assert cited.for_target("custom") == common
    assert cited.used == sorted({"own.rule", *common})


def test_nhanes_cites_its_design_and_suppresses_nothing() -> None:
    cited = citations({}, [], uses_kidney=False, nhanes=True, suppress=False)
    assert cited.used == sorted({RULE_KORN_GRAUBARD, RULE_NCHS_PROPORTIONS, RULE_NHANES_DESIGN})


def test_a_rule_of_an_indicator_that_is_also_shared_stays_in_common() -> None:
    # egfr_below_60 cites CKD-EPI itself; an analysis that uses eGFR cites it on every row too.
    cited = citations(
        {"egfr_below_60": (ckd_epi_2021.RULE,)}, [], uses_kidney=True, nhanes=True, suppress=False
    )
    assert ckd_epi_2021.RULE in cited.common
