"""Diet cut-offs: IOM 1998 and EFSA 2015 life-stage age bands, PROT-AGE's "over 65" and its
eGFR < 30 protein limit (Bauer 2013).

IOM bands are in completed years ("1-3 y" is 1 <= age < 4), so each edge starts the older band;
EFSA's too (15 years is in 15-17). "Over 65": 65 itself is not. "eGFR < 30": 30 needs no limit.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value, steps

from b12.core.diet import protein, requirements
from b12.core.diet.requirements import LifeStage as S

SPECS = [
    Spec(
        "IOM life stage by age",
        requirements.IOM_AGE_BANDS,
        ("age", "expected"),
        (
            (0.0, S.INFANT_0_6_MONTHS),
            *steps(
                S.INFANT_0_6_MONTHS,
                (0.5, S.INFANT_7_12_MONTHS),
                (1.0, S.CHILD_1_3),
                (4.0, S.CHILD_4_8),
                (9.0, S.CHILD_9_13),
                (14.0, S.ADOLESCENT_14_18),
                (19.0, S.ADULT_19_50),
                (51.0, S.ADULT_51_PLUS),
            ),
        ),
        person=of_value(requirements.life_stage),
    ),
    Spec(
        "EFSA age bands",
        requirements.EFSA_AGE_BANDS,
        ("age", "expected"),
        (
            (0.0, "under_7_months"),
            *steps(
                "under_7_months",
                (7 / 12, requirements.EFSA_INFANT),
                (1.0, "child_1_14"),
                (15.0, requirements.EFSA_ADOLESCENT),
                (18.0, requirements.EFSA_ADULT),
            ),
        ),
    ),
    Spec(
        "PROT-AGE over 65",
        protein.PROT_AGE_AGE_BANDS,
        ("age", "expected"),
        ((64.99, False), (65.0, False), (65.01, True), (None, None)),
        label=protein.OLDER,
        person=of_value(
            lambda age: (
                protein.RULE_PROT_AGE in protein.protein_target(age, None, False, None).rules
            )
        ),
    ),
    Spec(
        "PROT-AGE protein limit below eGFR 30",
        protein.PROTEIN_KIDNEY_BANDS,
        ("egfr", "expected"),
        ((15.0, True), (29.99, True), (30.0, False), (60.0, False), (None, None)),
        label=protein.LIMIT,
        person=of_value(
            lambda egfr: protein.protein_target(70.0, None, False, egfr).limit_for_kidneys
        ),
    ),
]
