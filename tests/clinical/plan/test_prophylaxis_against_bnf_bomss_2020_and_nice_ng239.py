"""Lifelong B12 after surgery against the BNF (prophylaxis after total gastrectomy or total ileal
resection), BOMSS 2020 Table 4 (routine IM B12 after SG, RYGB, BPD/DS; not after the band) and
NICE NG239 (irreversible causes: treatment for life)."""

from __future__ import annotations

import datetime as dt

import pytest

from b12.core.person import Person
from b12.core.plan import prophylaxis
from b12.core.plan.model import Regimen
from b12.core.screening.surgery import operations
from b12.services.assess import assess_person

DAY = dt.date(2026, 10, 1)


def person(**fields: object) -> Person:
    base: dict[str, object] = {
        "age": 60,
        "sex": "female",
        "labs": [{"analyte": "b12", "value": 450, "unit": "pmol/L", "date": DAY}],
    }
    return Person.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "regimen"),
    [
        ({"surgery": [{"procedure": "total_gastrectomy", "date": "2019-03-01"}]}, "im_prophylaxis"),
        ({"conditions": ["total gastrectomy 2019"]}, "im_prophylaxis"),
        ({"surgery": [{"procedure": "ileal_resection", "extent": "total"}]}, "im_prophylaxis"),
        ({"conditions": ["Roux-en-Y gastric bypass"]}, "im_prophylaxis"),
        ({"surgery": [{"procedure": "sleeve_gastrectomy"}]}, "im_prophylaxis"),
        (
            {"surgery": [{"procedure": "biliopancreatic_diversion_duodenal_switch"}]},
            "im_prophylaxis",
        ),
    ],
)
def test_adequate_b12_after_these_operations_still_gets_lifelong_b12(
    fields: dict[str, object], regimen: str
) -> None:
    plan = assess_person(person(**fields)).plan
    assert plan is not None
    lifelong = [i for i in plan.items if i.id.startswith("supplement.lifelong")]
    assert len(lifelong) == 1 and "lifelong" in lifelong[0].text
    assert Regimen(regimen) in lifelong[0].regimens
    assert Regimen.ORAL_LOW_DOSE not in {r for i in plan.items for r in i.regimens}


@pytest.mark.parametrize(
    "fields",
    [
        {"surgery": [{"procedure": "gastric_banding"}]},
        {"conditions": ["laparoscopic adjustable gastric band 2017"]},
    ],
)
def test_the_gastric_band_is_not_malabsorptive(fields: dict[str, object]) -> None:
    # BOMSS 2020: routine B12 injections after SG, RYGB, BPD/DS; after the band a multivitamin.
    a = assess_person(person(**fields))
    assert prophylaxis.lifelong_cause(person(**fields)) is None
    assert a.screening is not None and not a.screening.malabsorption
    assert a.screening.has("gastric_banding")
    assert a.plan is not None and not any(i.regimens for i in a.plan.items)


def test_bnf_names_total_gastrectomy_so_a_partial_one_is_not_lifelong_by_itself() -> None:
    p = person(surgery=[{"procedure": "partial_gastrectomy"}])
    assert prophylaxis.lifelong_cause(p) is None
    a = assess_person(p)
    assert a.screening is not None and a.screening.has("gastrectomy")


def test_sleeve_gastrectomy_in_text_is_not_also_a_gastrectomy() -> None:
    assert operations(person(conditions=["laparoscopic sleeve gastrectomy 2020"])) == {
        "sleeve_gastrectomy"
    }


def test_low_b12_after_surgery_says_the_treatment_is_lifelong() -> None:
    p = person(
        conditions=["total gastrectomy"],
        labs=[{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": DAY}],
    )
    plan = assess_person(p).plan
    assert plan is not None
    treatment = next(i for i in plan.items if i.regimens)
    assert "lifelong" in treatment.text
    assert prophylaxis.RULE_LIFELONG in treatment.rules


def test_extent_is_for_ileal_resection_only() -> None:
    with pytest.raises(ValueError, match="extent applies to ileal_resection only"):
        person(surgery=[{"procedure": "total_gastrectomy", "extent": "total"}])


def test_pernicious_anaemia_is_an_irreversible_cause_from_a_listed_condition_or_the_antibody() -> (
    None
):
    # NICE NG239: "Some causes of vitamin B12 deficiency are irreversible and therefore treatment
    # is needed for life"; a positive intrinsic-factor antibody is pernicious anaemia's marker.
    listed = person(conditions=["pernicious anaemia"])
    antibody = person(
        labs=[{"analyte": "intrinsic_factor_antibody", "value": "positive", "date": "2026-09-01"}]
    )
    negative = person(
        labs=[{"analyte": "intrinsic_factor_antibody", "value": "negative", "date": "2026-09-01"}]
    )
    for p in (listed, antibody):
        assert prophylaxis.lifelong_cause(p) == "pernicious anaemia"
        # Its referral item carries the treatment, so no separate prophylaxis item.
        assert prophylaxis.lifelong_item(p, dt.date(2026, 10, 1)) is None
    assert prophylaxis.lifelong_cause(negative) is None
