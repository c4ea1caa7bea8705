"""The tests worth doing next, by NICE NG239, BSH 2014 and DECISIONS.md: a first-line test when
there is none, second-line tests only while the status is unsettled, what reads a raised marker,
intrinsic-factor antibodies, and on treatment only what judges a response not yet judged (serum B12
on tablets, never on injections)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from b12.core.findings import NextTest
from b12.core.person import Person, latest_result, plant_based
from b12.core.rules import Evidence, register
from b12.core.screening.screen import INFANT_BELOW_YEARS, lifelong_cause, mothers_at_risk
from b12.core.screening.surgery import pernicious_anaemia_diagnosed
from b12.core.sources import BSH_2014, Source
from b12.core.status import nice_ng239
from b12.core.status.confounders import RULE_BIOTIN, RULE_SPURIOUSLY_LOW
from b12.core.status.judgment import advice, derive
from b12.core.status.judgment import evidence as ev
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import (
    DIRECTION,
    KIND,
    LEVEL,
    EvidenceItem,
    Level,
    has_code,
)
from b12.core.status.judgment.response import (
    RULE_IRON_ON_TREATMENT,
    RULE_RESPONSE_TESTS,
    before_treatment,
    hb_not_better,
    iron_suspected,
    not_yet_normal,
    other_cause,
    replete,
)
from b12.core.status.nice_ng239 import (
    RULE_INDETERMINATE_ACTIVE,
    RULE_INDETERMINATE_MMA,
    RULE_PREGNANCY_ACTIVE,
)
from b12.core.status.result_age import CURRENT_RESULT_MONTHS, RULE_CURRENT_RESULT
from b12.units import ANALYTE, Analyte

RULE_KNOWN_AUTOIMMUNE_GASTRITIS = register(
    "status.judgment.next_tests.known-autoimmune-gastritis",
    "Pernicious anaemia (autoimmune gastritis) recorded as a diagnosis: the intrinsic-factor "
    "antibody test, which looks for it as the cause of a deficiency, is not asked for again",
    BSH_2014,
    Evidence.SECONDARY,
    note="BSH 2014 via a copy: 'All patients with anaemia, neuropathy or glossitis, and suspected "
    "of having pernicious anaemia, should be tested for anti-IFAB' (Grade 1A); NHS North West "
    "London Pathology, intrinsic factor antibodies: 'Clinical Indications: Differential diagnosis "
    "of vitamin B12 deficiency'; Marshfield Labs: the work-up first confirms deficiency 'and then "
    "... establish[es] its most likely etiology', IFBA testing being 'indicated to confirm PA as "
    "the etiology'. A recorded diagnosis is neither suspected nor an unknown cause. Written as "
    "suspected ('suspected pernicious anaemia', '?PA') the test is still asked for.",
)


@dataclass
class _Tests:
    """The tests chosen so far (the first reason for a test is kept) and the analytes measured."""

    have: frozenset[Analyte]
    chosen: dict[str, NextTest] = field(default_factory=dict)

    def add(self, test: str, reason: str, *rules: str) -> None:
        self.chosen.setdefault(test, NextTest(test=test, reason=reason, rules=rules))

    def add_unmeasured(self, analyte: Analyte, test: str, reason: str, *rules: str) -> None:
        if analyte not in self.have:
            self.add(test, reason, *rules)

    def add_functional(self, reason: str, *rules: str) -> None:
        """MMA and homocysteine, those not measured yet: the markers that show B12 at work."""
        for analyte, test in ((ANALYTE.MMA, "mma"), (ANALYTE.HCY, "homocysteine")):
            self.add_unmeasured(analyte, test, reason, *rules)


def next_tests_of(
    person: Person,
    ctx: ev.Context,
    items: Sequence[EvidenceItem],
    level: Level,
    start: dt.date | None = None,
) -> list[NextTest]:
    """Tests worth doing next, by NG239 and DECISIONS.md; never serum B12 or holoTC on injections.
    ``start``: when the current treatment started (on treatment)."""
    codes = {i.code for i in items}
    if level is LEVEL.ON_TREATMENT:
        # Only a result since the start judges the response.
        since = (lab for lab in person.lab_results if not before_treatment(lab.date, start))
        tests = _Tests(frozenset(lab.analyte for lab in since))
        by_mouth = bool(ctx.oral_b12) and not ctx.injections
        if by_mouth:
            _tablet_response_tests(tests, person, ctx, codes)
        else:
            _response_tests(
                tests,
                codes,
                working=replete(person, start, ctx.assessed_on),
                low=derive.low_on_injections(items),
                symptoms=bool(ctx.symptoms),
            )
        _other_cause_tests(tests, person, start, ctx.assessed_on)
        _iron_tests(tests, person, start)
        # Serum B12 nearer normal is repeated only where it shows the response (not beside new
        # nerve symptoms, which call for injections).
        serum = by_mouth and "response_not_improving" not in codes
        _not_yet_normal_tests(tests, person, start, by_mouth=serum)
        return list(tests.chosen.values())
    tests = _Tests(_measured(person))
    if ctx.nitrous_oxide:
        _nitrous_oxide_tests(tests)
    if level is LEVEL.CANNOT_JUDGE and derive.injected(items):
        # Serum B12 and holoTC stay high for months after an injection (DECISIONS.md).
        tests.add_functional(
            "A B12 injection in the 3 months before the sample (or stopped on a date not given): "
            "serum B12 cannot be read; MMA or homocysteine shows the status",
            jr.RULE_RECENT_INJECTION,
        )
    elif level is LEVEL.CANNOT_JUDGE:
        _first_line_tests(tests, person, ctx, items)
    _second_line_tests(tests, items, level)
    _explained_tests(tests, items, level)
    # The caveat: not beside a high total B12, nor after an injection (holoTC stays high too).
    if "pregnancy" in codes and not derive.injected(items):
        tests.add_unmeasured(
            ANALYTE.HOLOTC,
            "holotc",
            "Pregnancy: active B12 (holoTC) is the preferred test",
            RULE_PREGNANCY_ACTIVE,
        )
    _repeat_tests(tests, codes)
    _falsely_low_tests(tests, codes, level)
    _biotin_tests(tests, codes, level)
    _raised_marker_tests(tests, codes)
    _unsettled_tests(tests, person, ctx, items, codes, level)
    return list(tests.chosen.values())


def _measured(person: Person) -> frozenset[Analyte]:
    return frozenset(lab.analyte for lab in person.lab_results)


def _unsettled_tests(
    tests: _Tests,
    person: Person,
    ctx: ev.Context,
    items: Sequence[EvidenceItem],
    codes: set[str],
    level: Level,
) -> None:
    """A child's unread result or signs, a result a course followed, an untreated raised marker,
    antibodies and the blood count."""
    if derive.child_result_unread(person, items, level):
        tests.add_functional(
            "A child's B12 that adult bands would call low or borderline, with no lab range to "
            "read it against: homocysteine and MMA show the status, for the paediatric team",
            jr.RULE_CHILD_UNREAD,
        )
    if derive.child_signs_unsettled(items, level):
        tests.add_functional(
            "A child's signs with a B12 that does not exclude deficiency: homocysteine and MMA "
            "show it",
            jr.RULE_CHILD_SIGNS,
        )
    for code, test in (("mma", "mma"), ("hcy", "homocysteine")):
        if _before_course(codes, code):
            tests.add(
                test,
                "A course of treatment followed the last result: repeat it to see today's state",
                jr.RULE_RESPONSE,
            )
    for lab in ctx.untreated_functional:
        tests.add(
            "mma" if lab.analyte is ANALYTE.MMA else "homocysteine",
            "An earlier raised result was never treated, and only total or active B12 was "
            "measured since: repeat it",
            jr.RULE_UNTREATED_FUNCTIONAL,
        )
    _antibody_tests(tests, person, ctx, codes, level)
    _blood_count_tests(tests, ctx, codes, level)


def _before_course(codes: set[str], marker: str) -> bool:
    """A result of ``marker`` that a finished course followed (``..._before_course``)."""
    return any(c.startswith(marker) and c.endswith("_before_course") for c in codes)


def _response_tests(
    tests: _Tests, codes: set[str], *, working: bool, low: bool = False, symptoms: bool = False
) -> None:
    """On injections only what judges the response: never serum B12 or holoTC (DECISIONS.md). A
    serum B12 read as low on injections is named as such (red team round 15, finding 19a). The
    blood count follows the response (BNSSG), one since the start being enough once it looks
    good; MMA or homocysteine only when symptoms, a blood count that did not settle it, or no
    response leave it open (rule status.judgment.response.tests-on-treatment)."""
    not_improving = "response_not_improving" in codes
    judged = "response_improving" in codes and not low
    open_question = not judged and (
        not_improving or low or symptoms or ANALYTE.HEMOGLOBIN in tests.have
    )
    if open_question:
        for analyte, test in ((ANALYTE.MMA, "mma"), (ANALYTE.HCY, "homocysteine")):
            tests.add_unmeasured(
                analyte,
                test,
                "B12 is low despite the injections: MMA or homocysteine shows whether B12 "
                "reaches the cells"
                if low
                else "Response to injections is judged from MMA or homocysteine, not serum B12 "
                "(which injections raise)",
                jr.RULE_RESPONSE,
                RULE_RESPONSE_TESTS,
                *((jr.RULE_LOW_DESPITE_INJECTIONS,) if low else ()),
            )
    _blood_count_response_test(tests)
    _no_response_tests(tests, codes, working=working)


def _blood_count_response_test(tests: _Tests) -> None:
    """A blood count for the response, unless one is already in hand (``tests.have``)."""
    tests.add_unmeasured(
        ANALYTE.HEMOGLOBIN,
        "full_blood_count",
        "Response to treatment: haemoglobin and MCV",
        jr.RULE_RESPONSE,
        RULE_RESPONSE_TESTS,
    )


ROUMELIOTIS_2012_INFANT_MATERNAL = Source(
    "roumeliotis-2012-infant-maternal-b12",
    "Roumeliotis N, Dix D, Lipson A. Vitamin B12 deficiency in infants secondary to maternal "
    "causes. CMAJ 2012;184(14):1593-1598, Table 1 'Characteristics of B12 deficiency in infants': "
    "in infants whose mothers' diets are deficient, diagnosis by 'Low serum B12 in infant and "
    "mother' and a 'Maternal history of diet low in B12'; in infants whose mothers have "
    "pernicious anaemia, by a 'Positive Schilling test in mother or history of maternal "
    "pernicious anemia'",
    "http://www.cmaj.ca/highwire/markup/48843/expansion",
)
RULE_INFANT_ANTIBODIES_MOTHER = register(
    "status.judgment.next_tests.infant-antibodies-are-the-mothers",
    "A baby (under 1 year), or a breastfed child whose mother has a B12 risk factor: "
    "intrinsic-factor antibodies are not among the child's next tests, since an infant's "
    "deficiency comes from the mother's B12 (her diet, or her own pernicious anaemia); the "
    "mother's B12, and its cause, are checked instead (plan item for the breastfeeding mother)",
    ROUMELIOTIS_2012_INFANT_MATERNAL,
    Evidence.SECONDARY,
    note="Red team round 17, note on 20 (a 9-month-old breastfed by a vegan mother was asked for "
    "intrinsic-factor antibodies 'taken the same day, before any B12 is given'). NICE NG239 is for "
    "over 16s. The CMAJ review's Table 1 (the table page was read at cmaj.ca; the authors, volume "
    "and pages were not on it and are cited from memory: confirm them) places the pernicious-anaemia test in "
    "the mother; Monagle P, Tauro GP, Clin Lab Haematol 1997;19:23-25 (abstract): in six infants "
    "with megaloblastosis from maternal B12 deficiency, 'In 50% of cases the mother was "
    "asymptomatic ... having early pernicious anaemia'. Extending it to every baby under 1 year, "
    "and to breastfed children with a mother at risk, is b12's choice: the paediatric team asks "
    "for any other test.",
)


def infant_antibodies_are_the_mothers(person: Person) -> bool:
    """A baby, or a breastfed child with a mother at risk: intrinsic-factor antibodies are the
    mother's test, not the child's (rule status.judgment.next_tests.infant-antibodies-are-the-mothers)."""
    return person.age < INFANT_BELOW_YEARS or bool(mothers_at_risk(person))


def _tablet_antibody_tests(tests: _Tests, person: Person, ctx: ev.Context, codes: set[str]) -> None:
    if any(r.analyte.value == "intrinsic_factor_antibody" for r in person.antibody_results):
        return
    if infant_antibodies_are_the_mothers(person):
        return
    if pernicious_anaemia_diagnosed(person):
        return  # the cause is known (rule status.judgment.next_tests.known-autoimmune-gastritis)
    failing = "response_not_improving" in codes and not plant_based(person.diet)
    if ctx.autoimmune_gastritis_suspected or (failing and not ctx.nitrous_oxide):
        tests.add(
            "intrinsic_factor_antibody",
            "Look for autoimmune gastritis (pernicious anaemia): intrinsic-factor antibodies; "
            "with it B12 is needed for life, and tablets may not be absorbed",
            jr.RULE_AUTOIMMUNE_GASTRITIS,
        )


def _tablet_response_tests(tests: _Tests, person: Person, ctx: ev.Context, codes: set[str]) -> None:
    """On B12 by mouth serum B12 shows the response (only injections make it unreadable,
    DECISIONS.md): the total or active B12 measured before, when none since; a blood count with
    symptoms; MMA or homocysteine once the response is not as expected, to see whether B12
    reaches the cells; nothing once it looks good (rule
    status.judgment.response.tests-on-treatment). Intrinsic-factor antibodies when autoimmune
    gastritis is suspected, or when tablets fail without a dietary cause: the cause decides
    whether tablets can do (rule status.autoimmune-gastritis-antibodies)."""
    _tablet_antibody_tests(tests, person, ctx, codes)
    if "response_improving" in codes:
        return
    if not any(a in tests.have for a in ev.FIRST_LINE):
        active = person.pregnant or (
            latest_result(person, ANALYTE.HOLOTC) is not None
            and latest_result(person, ANALYTE.B12) is None
        )
        analyte, test = (ANALYTE.HOLOTC, "holotc") if active else (ANALYTE.B12, "total_b12")
        tests.add_unmeasured(
            analyte,
            test,
            "On B12 by mouth serum B12 shows the response (injections are what make it "
            "unreadable): test it at the review",
            jr.RULE_RESPONSE,
            RULE_RESPONSE_TESTS,
        )
    if "response_not_improving" in codes:
        tests.add_functional(
            "No response to B12 by mouth: MMA or homocysteine shows whether B12 reaches the cells",
            jr.RULE_RESPONSE,
            RULE_RESPONSE_TESTS,
        )
    if ctx.symptoms:
        _blood_count_response_test(tests)
    _no_response_tests(tests, codes, working=False)


def _no_response_tests(tests: _Tests, codes: set[str], *, working: bool) -> None:
    if "response_not_improving" in codes:
        tests.add_unmeasured(
            ANALYTE.FOLATE,
            "folate",
            # With MMA or homocysteine normal B12 is at work: never "no response to B12".
            "Not as hoped on treatment although MMA or homocysteine is normal: a coexisting "
            "folate (or iron) deficiency, or another diagnosis, is looked for"
            if working
            else "No response to B12: a coexisting folate (or iron) deficiency, or "
            "another diagnosis, is the usual reason",
            jr.RULE_RESPONSE,
        )


def _other_cause_tests(
    tests: _Tests, person: Person, start: dt.date | None, assessed_on: dt.date
) -> None:
    """B12 at work (MMA or homocysteine normal) but the blood count not better: the anaemia
    work-up, ferritin first when the red cells are small (red team round 14b, finding 17)."""
    if not (held_back := other_cause(person, start, assessed_on)):
        return
    mcv = latest_result(person, ANALYTE.MCV)
    small = mcv is not None and mcv.canonical_value < jr.MICROCYTIC_MCV_BELOW_FL
    if ANALYTE.HEMOGLOBIN in held_back and small:  # still anaemic, with small red cells
        tests.add_unmeasured(
            ANALYTE.FERRITIN,
            "ferritin",
            "Haemoglobin not better on B12 although MMA or homocysteine is normal, with small red "
            f"cells (MCV under {jr.MICROCYTIC_MCV_BELOW_FL:g} fL): serum ferritin looks for iron "
            "deficiency",
            jr.RULE_WORKING_BLOOD_OTHER_CAUSE,
        )
    tests.add_unmeasured(
        ANALYTE.FOLATE,
        "folate",
        "Blood count not better on B12 although MMA or homocysteine is normal: a coexisting "
        "folate (or iron) deficiency, or another diagnosis, is the usual reason",
        jr.RULE_WORKING_BLOOD_OTHER_CAUSE,
    )


def _iron_tests(tests: _Tests, person: Person, start: dt.date | None) -> None:
    """An anaemia on B12 with small red cells, or not better with the MCV back to normal or
    falling: serum ferritin, and folate when the haemoglobin is not better (rule
    status.judgment.response.iron-on-treatment; red team round 16b, F4; round 16c, N1, N2)."""
    if (mcv := iron_suspected(person, start)) is None:
        return
    tests.add_unmeasured(
        ANALYTE.FERRITIN,
        "ferritin",
        f"Anaemia on B12 treatment with {mcv}: serum ferritin looks for iron deficiency, which "
        "B12 treatment often brings to light",
        RULE_IRON_ON_TREATMENT,
    )
    if hb_not_better(person, start):
        tests.add_unmeasured(
            ANALYTE.FOLATE,
            "folate",
            "Haemoglobin not better on B12 treatment: a coexisting folate (or iron) deficiency is "
            "looked for",
            RULE_IRON_ON_TREATMENT,
        )


_REPEAT_TEST = {
    ANALYTE.B12: "total_b12",
    ANALYTE.HOLOTC: "holotc",
    ANALYTE.MMA: "mma",
    ANALYTE.HCY: "homocysteine",
    ANALYTE.HEMOGLOBIN: "full_blood_count",
    ANALYTE.MCV: "full_blood_count",
}


def _not_yet_normal_tests(
    tests: _Tests, person: Person, start: dt.date | None, *, by_mouth: bool = False
) -> None:
    # Much nearer normal than before treatment, not yet normal: repeat it to see it normalise
    # (on tablets total or active B12 too, which show their response).
    for analyte in not_yet_normal(person, start, by_mouth=by_mouth):
        tests.add(
            _REPEAT_TEST[analyte],
            "Much nearer normal on treatment but not yet normal: repeat it at the review to see "
            "it normalise",
            jr.RULE_RESPONSE_TREND,
        )


# The test that repeats a result no longer current, by the code its evidence item starts with.
_REPEAT = (
    (("b12",), "total_b12"),
    (("holotc",), "holotc"),
    (("mma",), "mma"),
    (("hcy",), "homocysteine"),
    (("anaemia", "no_anaemia", "macrocytosis", "no_macrocytosis"), "full_blood_count"),
)


def _repeat_tests(tests: _Tests, codes: set[str]) -> None:
    # A result no longer current says nothing of today: repeat it (result_age).
    for code in sorted(codes):
        if not code.endswith("_not_current"):
            continue
        for starts, test in _REPEAT:
            if code.startswith(starts):
                tests.add(
                    test,
                    f"The last result is more than {CURRENT_RESULT_MONTHS:g} months old: repeat "
                    "it to know today's status",
                    RULE_CURRENT_RESULT,
                )
                break


def _nitrous_oxide_tests(tests: _Tests) -> None:
    for analyte, test in ((ANALYTE.HCY, "homocysteine"), (ANALYTE.MMA, "mma")):
        tests.add_unmeasured(
            analyte,
            test,
            "Nitrous oxide: homocysteine and MMA are the informative tests; total "
            "B12 can look normal",
            jr.RULE_NITROUS_OXIDE_STOP,
        )


# NG239 offers the test for a symptom or sign with a risk factor; without any, the plan says
# testing is worth discussing (red team round 15, 03/04): the next test then names the test only.
_FIRST_LINE = "No current first-line result: total or active B12"
# A lifelong cause needs B12 whatever the test shows: the test is a baseline (screening's rule).
_BASELINE = (
    "No current first-line result: total or active B12, taken before the first B12 dose as a "
    "baseline (B12 is needed for life with this cause whatever it shows)"
)
_NO_SIGN_YET = (
    "No current first-line result; no symptom or sign is listed, so whether to test is for a "
    "clinician to discuss (NICE NG239): if tested, total or active B12"
)


def _first_line_tests(
    tests: _Tests, person: Person, ctx: ev.Context, items: Sequence[EvidenceItem]
) -> None:
    if person.pregnant:
        tests.add(
            "holotc",
            "Pregnancy: active B12 (holoTC) is the preferred test",
            RULE_PREGNANCY_ACTIVE,
        )
    elif not ctx.nitrous_oxide and not (
        nice_ng239.below_scope_age(person.age)
        and any(latest_result(person, a) for a in ev.FIRST_LINE)
    ):
        # Under 16 a result the lab printed no range for goes to a paediatric clinician, not
        # to the same test again.
        signs = ctx.symptoms or any(i.kind is KIND.SIGN for i in items)
        tests.add(
            "total_b12",
            _BASELINE if lifelong_cause(person) else _FIRST_LINE if signs else _NO_SIGN_YET,
            derive.RULE_FIRST_LINE,
        )


def _second_line_tests(tests: _Tests, items: Sequence[EvidenceItem], level: Level) -> None:
    # Second-line tests only while the status is unsettled (NG239: MMA after an indeterminate
    # result); a likely deficiency or a normal MMA needs none.
    if level is not LEVEL.INDETERMINATE:
        return
    inconclusive_first_line = any(
        i.kind is KIND.FIRST_LINE and i.direction is DIRECTION.INCONCLUSIVE for i in items
    )
    tests.add_unmeasured(
        ANALYTE.MMA,
        "mma",
        "Indeterminate or unreliable B12 result: serum MMA (NICE NG239) tells whether "
        "B12 is working in the cells",
        RULE_INDETERMINATE_MMA,
    )
    if not inconclusive_first_line:
        tests.add_unmeasured(
            ANALYTE.HCY,
            "homocysteine",
            "The B12 result cannot be read on its own here: homocysteine is a functional test",
            jr.RULE_MASKED_NORMAL,
        )
    elif ANALYTE.B12 in tests.have and not holotc_masked(items):
        tests.add_unmeasured(
            ANALYTE.HOLOTC,
            "holotc",
            "Indeterminate total B12: active B12 (holoTC) can help where available",
            RULE_INDETERMINATE_ACTIVE,
        )


# Caveats under which B12 taken (a supplement, injections) raises active B12 first: a holoTC
# result would be masked as the total B12 is, so MMA alone is the next test (evidence.md §2.7:
# "MMA, not serum B12, reflects cellular status"; red team round 17b, 07).
HOLOTC_MASKING_CODES = frozenset(
    {"recent_supplement", "recent_supplement_with_symptoms", "on_injections", "recent_injection"}
)


def holotc_masked(items: Sequence[EvidenceItem]) -> bool:
    """Whether a caveat says B12 taken raises (and can mask) active B12 (holoTC)."""
    return any(
        i.kind is KIND.CAVEAT and i.code in HOLOTC_MASKING_CODES and "holotc" in i.affects
        for i in items
    )


def _explained_tests(tests: _Tests, items: Sequence[EvidenceItem], level: Level) -> None:
    # The advice's next step for a raised MMA that kidney function or older age explains beside a
    # normal B12 is a test too, so that the plan's test items and the advice agree (red team round
    # 16, D9; rule status.judgment.advice.explained-functional-next-step).
    if level is not LEVEL.POSSIBLE_FUNCTIONAL_DEFICIENCY or not advice.holotc_next(items):
        return
    kidney = has_code(items, "kidney_function")
    tests.add(
        "holotc",
        f"A raised MMA that {' and '.join(advice.explanations(items))} may explain, beside a "
        "normal B12: active B12 (holoTC) tells whether B12 is low"
        + (" (kidney function raises MMA and homocysteine, not holoTC)" if kidney else ""),
        advice.RULE_EXPLAINED_FUNCTIONAL,
    )


# Caveats under which a low total B12 may not mean deficiency (evidence.md §2.7).
FALSELY_LOW_CODES = frozenset(
    {
        "pregnancy",
        "spuriously_low.combined_oral_contraceptive",
        "spuriously_low.myeloma",
        "spuriously_low.hiv",
    }
)


def _falsely_low_tests(tests: _Tests, codes: set[str], level: Level) -> None:
    # BNSSG: in these settings "MMA may help show whether deficiency is present"; NG239 prefers
    # active B12 in pregnancy. Only on a total B12 reading that is not reassuring, and only a test
    # not yet done.
    if (
        not codes & FALSELY_LOW_CODES
        or ANALYTE.B12 not in tests.have
        or level is LEVEL.DEFICIENCY_UNLIKELY
    ):
        return
    reason = (
        "Total B12 can read low here without deficiency: a functional test (MMA) or active B12 "
        "(holoTC) tells"
    )
    tests.add_unmeasured(ANALYTE.MMA, "mma", reason, RULE_SPURIOUSLY_LOW)
    tests.add_unmeasured(ANALYTE.HOLOTC, "holotc", reason, RULE_SPURIOUSLY_LOW)


def _biotin_tests(tests: _Tests, codes: set[str], level: Level) -> None:
    # Biotin lowers the confidence in a B12 that reads normal or borderline: a test the
    # immunoassay does not carry tells (the caveat's own advice).
    if not {"biotin", "biotin_with_symptoms"} & codes or level not in (
        LEVEL.DEFICIENCY_UNLIKELY,
        LEVEL.INDETERMINATE,
    ):
        return
    reason = "Biotin can interfere with the B12 immunoassay: MMA or homocysteine tells"
    tests.add_unmeasured(ANALYTE.MMA, "mma", reason, RULE_BIOTIN)
    tests.add_unmeasured(ANALYTE.HCY, "homocysteine", reason, RULE_BIOTIN)


def _raised_marker_tests(tests: _Tests, codes: set[str]) -> None:
    raised = codes & {"mma_raised", "hcy_raised", "mma_highly_suggestive"}
    if raised and ANALYTE.CREATININE not in tests.have:
        tests.add_unmeasured(
            ANALYTE.EGFR,
            "egfr",
            "MMA or homocysteine is raised: kidney function (eGFR) is needed to read them",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )
    if "hcy_raised" in codes:
        tests.add_unmeasured(
            ANALYTE.MMA,
            "mma",
            "Homocysteine is raised: MMA is the more specific test of B12 function (BSH 2014)",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )
        tests.add_unmeasured(
            ANALYTE.FOLATE,
            "folate",
            "Homocysteine is raised: serum folate tells whether folate explains it",
            jr.RULE_FUNCTIONAL_NOT_REASSURING,
        )


def _antibody_tests(
    tests: _Tests, person: Person, ctx: ev.Context, codes: set[str], level: Level
) -> None:
    if any(r.analyte.value == "intrinsic_factor_antibody" for r in person.antibody_results):
        return
    if pernicious_anaemia_diagnosed(person) or infant_antibodies_are_the_mothers(person):
        # the cause is known (rule status.judgment.next_tests.known-autoimmune-gastritis), or the
        # test is the mother's (rule status.judgment.next_tests.infant-antibodies-are-the-mothers)
        return
    dietary = plant_based(person.diet)
    treated_low = ctx.earlier_low is not None
    if (
        ctx.autoimmune_gastritis_suspected
        or (
            (level is LEVEL.DEFICIENCY_LIKELY or treated_low)
            and not dietary
            and not ctx.nitrous_oxide
        )
        or {"anaemia", "macrocytosis"} <= codes
        # Low again within months of injections points to malabsorption, whatever the diet.
        or (level is LEVEL.DEFICIENCY_LIKELY and derive.RECENT_INJECTION in codes)
    ):
        tests.add(
            "intrinsic_factor_antibody",
            "Look for autoimmune gastritis (pernicious anaemia): "
            "intrinsic-factor antibodies; a normal B12 does not exclude it",
            jr.RULE_AUTOIMMUNE_GASTRITIS,
        )


def _blood_count_tests(tests: _Tests, ctx: ev.Context, codes: set[str], level: Level) -> None:
    if codes & {"anaemia", "macrocytosis"}:
        tests.add_unmeasured(
            ANALYTE.FOLATE,
            "folate",
            "Anaemia or macrocytosis: folate deficiency is the other common cause, so "
            "measure B12 and folate together",
            jr.RULE_FULL_BLOOD_COUNT,
        )
    if ctx.symptoms and level is not LEVEL.DEFICIENCY_UNLIKELY:
        tests.add_unmeasured(
            ANALYTE.HEMOGLOBIN,
            "full_blood_count",
            "Symptoms: a full blood count shows anaemia or macrocytosis",
            jr.RULE_FULL_BLOOD_COUNT,
        )


# The further tests whose result B12 treatment changes: serum B12 and holoTC stay high for months
# after an injection (DECISIONS.md), and MMA and homocysteine fall as the treatment works (BMJ Best
# Practice: they "should normalise in 8 weeks with adequate treatment"). With nerve symptoms their
# samples are taken the same day, before any B12 is given, and the treatment does not wait for their
# results (rule status.judgment.rules.neurological-sample-first; red team round 15b, finding 47).
# An injection in the week before also makes the intrinsic-factor antibody test falsely positive
# (Leeds Teaching Hospitals pathology handbook).
_CHANGED_BY_TREATMENT = {
    "total_b12": "B12",
    "holotc": "active B12 (holoTC)",
    "mma": "MMA",
    "homocysteine": "homocysteine",
    "intrinsic_factor_antibody": "intrinsic-factor antibodies",
}


def samples_before_treatment(tests: Sequence[NextTest]) -> str:
    """The next tests whose samples come before any B12 is given, in words ('MMA and active B12
    (holoTC)'); empty when the judgment asks for none of them."""
    names = [_CHANGED_BY_TREATMENT[t.test] for t in tests if t.test in _CHANGED_BY_TREATMENT]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
