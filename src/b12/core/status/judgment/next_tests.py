"""The tests worth doing next, by NICE NG239, BSH 2014 and DECISIONS.md: a first-line test when
there is none, second-line tests only while the status is unsettled, what reads a raised marker,
intrinsic-factor antibodies, and on treatment only what judges the response (never serum B12)."""

from __future__ import annotations

from collections.abc import Sequence

from b12.core.findings import NextTest
from b12.core.person import Diet, Person
from b12.core.status.judgment import derive
from b12.core.status.judgment import evidence as ev
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import Direction, EvidenceItem, Kind, Level
from b12.core.status.nice_ng239 import (
    RULE_INDETERMINATE_ACTIVE,
    RULE_INDETERMINATE_MMA,
    RULE_PREGNANCY_ACTIVE,
)
from b12.units import Analyte


def next_tests_of(
    person: Person, ctx: ev.Context, items: Sequence[EvidenceItem], level: Level
) -> list[NextTest]:
    """Tests worth doing next, by NG239 and DECISIONS.md; never serum B12 or holoTC on injections."""
    tests: dict[str, NextTest] = {}
    have = {lab.analyte for lab in person.lab_results}
    codes = {i.code for i in items}

    def add(test: str, reason: str, *rules: str) -> None:
        tests.setdefault(test, NextTest(test=test, reason=reason, rules=rules))

    treated = level is Level.ON_TREATMENT
    if treated:
        for analyte, test in ((Analyte.MMA, "mma"), (Analyte.HCY, "homocysteine")):
            if analyte not in have:
                add(
                    test,
                    "Response to treatment is judged from MMA or homocysteine, not serum B12",
                    jr.RULE_RESPONSE,
                )
        if Analyte.HEMOGLOBIN not in have:
            add("full_blood_count", "Response to treatment: haemoglobin and MCV", jr.RULE_RESPONSE)
        if any(i.code == "response_not_improving" for i in items) and Analyte.FOLATE not in have:
            add(
                "folate",
                "No response to B12: a coexisting folate (or iron) deficiency, or "
                "another diagnosis, is the usual reason",
                jr.RULE_RESPONSE,
            )
        return list(tests.values())
    if ctx.nitrous_oxide:
        for analyte, test in ((Analyte.HCY, "homocysteine"), (Analyte.MMA, "mma")):
            if analyte not in have:
                add(
                    test,
                    "Nitrous oxide: homocysteine and MMA are the informative tests; total "
                    "B12 can look normal",
                    jr.RULE_NITROUS_OXIDE_STOP,
                )
    if level is Level.CANNOT_JUDGE:
        if person.pregnant:
            add(
                "holotc",
                "Pregnancy: active B12 (holoTC) is the preferred test",
                RULE_PREGNANCY_ACTIVE,
            )
        elif not ctx.nitrous_oxide:
            add("total_b12", "No first-line test yet: total or active B12", derive.RULE_FIRST_LINE)
    # Second-line tests only while the status is unsettled (NG239: MMA after an indeterminate
    # result); a likely deficiency or a normal MMA needs none.
    unsettled = level is Level.INDETERMINATE
    inconclusive_first_line = unsettled and any(
        i.kind is Kind.FIRST_LINE and i.direction is Direction.INCONCLUSIVE for i in items
    )
    masked = unsettled and not inconclusive_first_line
    if unsettled and Analyte.MMA not in have:
        add(
            "mma",
            "Indeterminate or unreliable B12 result: serum MMA (NICE NG239) tells whether "
            "B12 is working in the cells",
            RULE_INDETERMINATE_MMA,
        )
    if masked and Analyte.HCY not in have:
        add(
            "homocysteine",
            "A normal B12 cannot be trusted here: homocysteine is a functional test",
            jr.RULE_MASKED_NORMAL,
        )
    if inconclusive_first_line and Analyte.B12 in have and Analyte.HOLOTC not in have:
        add(
            "holotc",
            "Indeterminate total B12: active B12 (holoTC) can help where available",
            RULE_INDETERMINATE_ACTIVE,
        )
    if person.pregnant and Analyte.HOLOTC not in have:
        add("holotc", "Pregnancy: active B12 (holoTC) is the preferred test", RULE_PREGNANCY_ACTIVE)
    raised = codes & {"mma_raised", "hcy_raised", "mma_highly_suggestive"}
    if raised and Analyte.EGFR not in have and Analyte.CREATININE not in have:
        add(
            "egfr",
            "MMA or homocysteine is raised: kidney function (eGFR) is needed to read them",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )
    if "hcy_raised" in codes and Analyte.MMA not in have:
        add(
            "mma",
            "Homocysteine is raised: MMA is the more specific test of B12 function (BSH 2014)",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )
    if "hcy_raised" in codes and Analyte.FOLATE not in have:
        add(
            "folate",
            "Homocysteine is raised: serum folate tells whether folate explains it",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )
    tested_if = any(r.analyte.value == "intrinsic_factor_antibody" for r in person.antibody_results)
    dietary = person.diet in (Diet.VEGAN, Diet.VEGETARIAN)
    if not tested_if and (
        ctx.autoimmune_gastritis_suspected
        or (level is Level.DEFICIENCY_LIKELY and not dietary and not ctx.nitrous_oxide)
        or {"anaemia", "macrocytosis"} <= codes
    ):
        add(
            "intrinsic_factor_antibody",
            "Look for autoimmune gastritis (pernicious anaemia): "
            "intrinsic-factor antibodies; a normal B12 does not exclude it",
            jr.RULE_AUTOIMMUNE_GASTRITIS,
        )
    if codes & {"anaemia", "macrocytosis"} and Analyte.FOLATE not in have:
        add(
            "folate",
            "Anaemia or macrocytosis: folate deficiency is the other common cause, so "
            "measure B12 and folate together",
            jr.RULE_FULL_BLOOD_COUNT,
        )
    if ctx.symptoms and Analyte.HEMOGLOBIN not in have and level is not Level.DEFICIENCY_UNLIKELY:
        add(
            "full_blood_count",
            "Symptoms: a full blood count shows anaemia or macrocytosis",
            jr.RULE_FULL_BLOOD_COUNT,
        )
    return list(tests.values())
