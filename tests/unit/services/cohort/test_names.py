"""The names an analysis uses, read from the parsed options (what it must classify and read)."""

from __future__ import annotations

from b12.services.cohort.names import analysis_names
from b12.services.cohort.options import CohortOptions


def test_names_option_by_option() -> None:
    names = analysis_names(
        CohortOptions(
            indicators=["b12_deficient", "low=isnull(mma) or b12 < 1e3"],
            where="sex == 'egfr_band' and age >= 60",
            means=["grip_max"],
            by=["age_band"],
        )
    )
    assert names.where == {"sex", "age"}  # not the egfr_band inside the string
    assert names.indicators == {"b12_deficient", "mma", "b12"}  # not NAME, nor isnull, nor e3
    assert names.columns == {"grip_max", "age_band"}
    assert names.to_classify() == {
        "sex",
        "age",
        "b12_deficient",
        "mma",
        "b12",
        "grip_max",
        "age_band",
    }
    assert names.in_expressions() == {"sex", "age", "b12_deficient", "mma", "b12"}
    assert names.kidney_blood() == set()
    assert not names.uses_diet()


def test_a_model_names_its_outcome_and_terms() -> None:
    names = analysis_names(CohortOptions(regress="grip_max ~ egfr_below_60 + age + sex"))
    assert names.regress == {"grip_max", "egfr_below_60", "age", "sex"}
    assert names.kidney_blood() == {"egfr_below_60"}
    assert names.uses_kidney()


def test_kidney_blood_and_diet_from_any_option() -> None:
    names = analysis_names(
        CohortOptions(indicators=["anaemia"], by=["egfr_band"], means=["diet_b12_ug"])
    )
    assert names.kidney_blood() == {"anaemia", "egfr_band"}
    assert names.uses_kidney()
    assert names.uses_diet()


def test_a_blood_name_alone_is_not_kidney() -> None:
    names = analysis_names(CohortOptions(where="notnull(hemoglobin) and mcv > 100"))
    assert names.kidney_blood() == {"hemoglobin", "mcv"}
    assert not names.uses_kidney()


def test_text_that_does_not_parse_names_nothing_but_classifies_everything() -> None:
    names = analysis_names(
        CohortOptions(where="egfr < 60 and (", indicators=["x=((", "cb12_low"], regress="egfr")
    )
    assert names.where is None
    assert names.indicators is None
    assert names.regress is None  # no ~
    assert names.to_classify() is None
    assert names.everything() == set()
