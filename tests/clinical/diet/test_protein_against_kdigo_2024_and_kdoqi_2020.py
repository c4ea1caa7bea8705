"""Protein with chronic kidney disease: PROT-AGE's limit below eGFR 30 not on dialysis (ceiling: the
adult RDA 0.8 g/kg/day, KDIGO 2024 rec 3.3.1.1), no limit on dialysis (KDOQI 2020), and in G3 no
target above KDIGO's 1.3 g/kg/day."""

from __future__ import annotations

from b12.core.diet.protein import (
    PROTEIN_ADULT_RDA_G_KG_DAY,
    PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY,
    protein_target,
)


def test_egfr_just_below_30_or_a_named_stage_4_caps_at_the_adult_rda() -> None:
    for target in (
        protein_target(79, 60, True, 29.9),
        protein_target(79, 60, True, None, severe_ckd=True),
    ):
        assert target.limit_for_kidneys and target.max_g_kg_day == PROTEIN_ADULT_RDA_G_KG_DAY
        assert not target.renal_dietitian


def test_egfr_30_is_not_limited_but_stays_below_kdigos_ceiling_in_g3() -> None:
    target = protein_target(79, 60, True, 30.0, ckd_g3=True)
    assert not target.limit_for_kidneys
    assert target.high_g_kg_day is not None
    assert target.high_g_kg_day <= PROTEIN_CKD_AVOID_ABOVE_G_KG_DAY


def test_dialysis_lifts_the_limit_and_sends_to_the_renal_dietitian() -> None:
    target = protein_target(72, 70, True, 8.0, on_dialysis=True)
    assert not target.limit_for_kidneys and target.max_g_kg_day is None
    assert target.renal_dietitian
    # KDOQI 2020: 1.0-1.2 g/kg/day for metabolically stable people on maintenance HD or PD.
    assert (target.low_g_kg_day, target.high_g_kg_day) == (1.0, 1.2)
    assert (target.low_g_day, target.high_g_day) == (70, 84)


def test_the_old_call_is_unchanged() -> None:
    # The menu planner calls protein_target positionally; keywords default to no kidney disease.
    target = protein_target(70, 70, False, None)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (1.0, 1.2)
    assert target.max_g_kg_day is None and not target.renal_dietitian
