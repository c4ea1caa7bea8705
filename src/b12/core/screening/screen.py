"""Who should be tested for B12 deficiency, why, and with which test.

Sources
-------
- NICE NG239 (2024), via the BMJ summary (Sands T et al. BMJ 2024;385:q1019; ``verified``): offer an
  initial test (total or active B12) to people with at least one common symptom or sign and at least
  one common risk factor. Risk-factor box via the Pulse summary (``secondary``); nitrous oxide:
  homocysteine is the initial test (NICE draft 2023, ``verified``).
- NIH ODS vitamin B12 fact sheet (via copies, ``secondary``): older adults, pernicious anaemia,
  gastrointestinal disorders and surgery, vegetarians and vegans, infants of vegan mothers; PPIs and
  H2 blockers for prolonged periods.
- IOM 1998/2006 (``verified``): 10-30% of people over 50 malabsorb food-bound B12.
- Miller JW. Adv Nutr 2018 (via a summary, ``secondary``): PPI or H2RA use for >= 10 months,
  HR 1.83 for B12 deficiency.
- MHRA Drug Safety Update 2022 (``verified``): metformin lowers B12, especially at higher dose or
  with longer treatment.
- DECISIONS.md: without symptoms, list the risk factors and say screening is worth discussing.

The full NG239 symptom list was not read; b12 recognises the symptoms named in the project brief
(fatigue, neuropathy, cognitive change, glossitis), falls or mobility problems (NG239's "mobility
problems", via a summary: a sign, not by itself a neurological presentation) and reports any other
symptom as unrecognised.
Input: age in years; free-text conditions, symptoms and medicine names; dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

from b12.core.findings import Finding, NextTest
from b12.core.history import Course
from b12.core.kidney_blood.kidney_history import named_in
from b12.core.muscle import ewgsop2, sarc_f
from b12.core.muscle.assess import ADULT_FROM_AGE_YEARS
from b12.core.person import Diet, LabResult, Medication, Person, age_on, derived
from b12.core.relatives import about_blood_relative, split_relative
from b12.core.rules import Evidence, register
from b12.core.screening import medications as meds
from b12.core.screening import surgery
from b12.core.screening.medications import (
    MedicationClass,
    MedicationMatch,
    is_b12_by_mouth,
    is_b12_injection,
    taken_on,
)
from b12.core.screening.model import (
    RECOMMENDATION,
    Recommendation,
    RiskFactor,
    ScreeningResult,
)
from b12.core.screening.rules import (
    ACID_SUPPRESSION_BANDS,
    DAYS_PER_MONTH,
    INFANT_SIGNS_BELOW_AGE_YEARS,
    PROLONGED,
    RULE_ACID_SUPPRESSION_DURATION,
    RULE_AUTOIMMUNE,
    RULE_CONDITIONS_NICE,
    RULE_CONDITIONS_ODS,
    RULE_DIET,
    RULE_DISCUSS,
    RULE_FALLS,
    RULE_GASTRIC_BAND,
    RULE_MEDICINES,
    RULE_METFORMIN,
    RULE_NITROUS_OXIDE_TEST,
    RULE_OFFER_TEST,
    RULE_OLDER_ADULT,
    RULE_SYMPTOMS,
    RULE_SYMPTOMS_WITHOUT_RISK,
    RULE_VEGAN_PREGNANCY,
    older_adult,
)
from b12.core.screening.terms import (
    ADULT_SYMPTOM_TERMS,
    ANY_SURGERY_TERMS,
    BREASTFED_TERMS,
    CONDITION_TERMS,
    SYMPTOM_TERMS,
    classify_texts,
    codes_ever,
    codes_in,
    family_history_codes,
    mentions,
    mother_at_risk,
    written_absent,
)
from b12.core.sources import NICE_NG239, ODS_B12
from b12.core.status import confounders, nice_ng239
from b12.core.status.result_age import is_current
from b12.units import ANALYTE

INFANT_BELOW_YEARS = 1.0  # a baby (the first year): fed breast milk or formula
RULE_INFANT_MOTHER = register(
    "screening.screen.infant-mother",
    "An infant of a vegan or B12-deficient mother, or a child breastfed by one, is at risk of B12 "
    "deficiency",
    ODS_B12,
    Evidence.SECONDARY,
    note="ODS lists 'infants of vegan mothers'; CDC: 'if a breastfeeding mother is deficient in "
    "vitamin B12, her infant may also become deficient' (rule plan.build.breastfed-child-mother). "
    "A mother's condition that lowers her own B12 (malabsorption, nitrous oxide) counts too.",
)

# Risk-factor code → (category, plain-language label, rule).
CONDITION_RISKS: dict[str, tuple[str, str, str]] = {
    "pernicious_anaemia": ("condition", "pernicious anaemia", RULE_CONDITIONS_ODS),
    "atrophic_gastritis": ("condition", "atrophic or autoimmune gastritis", RULE_CONDITIONS_NICE),
    "coeliac_disease": ("condition", "coeliac disease", RULE_CONDITIONS_NICE),
    "crohns_disease": ("condition", "Crohn's disease", RULE_CONDITIONS_ODS),
    "autoimmune_other": ("condition", "an autoimmune condition", RULE_AUTOIMMUNE),
    "family_history": ("family", "a family history", RULE_CONDITIONS_NICE),
    "ileal_resection": ("surgery", "ileal resection", RULE_CONDITIONS_NICE),
    "gastrectomy": ("surgery", "gastrectomy", RULE_CONDITIONS_NICE),
    "bariatric_surgery": ("surgery", "bariatric surgery", RULE_CONDITIONS_NICE),
    "gastric_banding": (
        "surgery",
        "gastric band (bariatric surgery, which NICE NG239 lists: the band does not reduce B12 "
        "absorption, but it limits how much is eaten, and so how much B12)",
        RULE_GASTRIC_BAND,
    ),
    "abdominal_pelvic_radiotherapy": (
        "surgery",
        "abdominal or pelvic radiotherapy",
        RULE_CONDITIONS_NICE,
    ),
    "nitrous_oxide": ("exposure", "nitrous oxide use", RULE_MEDICINES),
    "infant_mother": (
        "mother",
        "a mother at risk of low B12 (a baby's B12 comes from the mother's, before birth and in "
        "breast milk)",
        RULE_INFANT_MOTHER,
    ),
}
# Natural B12 sources left in each plant-based diet: B12 "is naturally found in foods that come from
# animals, including fish, meat, poultry, eggs, milk, and milk products" (NIH ODS); NICE NG239 lists
# a vegan or low animal-sourced diet and low or no egg consumption as risk factors.
_VEGETARIAN = "eggs and dairy are its natural B12 sources, often eaten in too small amounts"
DIET_B12_SOURCES = {
    Diet.VEGAN: "few or no reliable natural B12 sources",
    Diet.VEGETARIAN: _VEGETARIAN,
    Diet.LACTO_OVO_VEGETARIAN: _VEGETARIAN,
    Diet.LACTO_VEGETARIAN: "dairy is its only natural B12 source, often eaten in too small amounts",
    Diet.OVO_VEGETARIAN: "eggs are its only natural B12 source, often eaten in too small amounts",
}
NEUROLOGICAL_SYMPTOMS = frozenset({"neuropathy", "cognitive_change", "infant_neurological"})


def symptom_terms(person: Person) -> tuple[tuple[str, str], ...]:
    """The symptom words read for this person: a baby's or child's signs only under 16."""
    return SYMPTOM_TERMS if person.age < INFANT_SIGNS_BELOW_AGE_YEARS else ADULT_SYMPTOM_TERMS


# A condition written as resolved is no current sign; one written as absent ("no peripheral
# neuropathy", "neuropathy ruled out") gives no code at all (b12.core.screening.negation).
_RESOLVED = re.compile(r"\bresolved\b", re.I)
# A dementia is an established diagnosis: a sign of its kind, but not a new one (Right Decisions:
# "(newly diagnosed) dementia"); new memory problems written as a condition are new.
_ESTABLISHED = re.compile(r"dementia|alzheimer", re.I)


def _named_nerve_signs(person: Person) -> list[str]:
    """Own conditions naming a nerve or memory sign, whatever their course."""
    return [
        c
        for c in person.own_conditions
        if NEUROLOGICAL_SYMPTOMS & set(codes_in(c, symptom_terms(person)))
    ]


def nerve_conditions(person: Person) -> list[str]:
    """The person's own conditions, present and not resolved, that name a neurological or memory
    sign of B12 deficiency (NG239 box 1: peripheral neuropathy, myelopathy, optic nerve problems,
    short-term memory loss). A diagnosis is at least as strong as the symptom: read as one."""
    if not person.conditions:  # most people list none
        return []
    sources = (person.conditions, person.condition_dates, person.age)  # age: a child's words
    return derived(person, "_nerve_conditions", sources, _nerve_conditions)


def _nerve_conditions(person: Person) -> list[str]:
    current = {c.casefold() for c in person.current_conditions}
    return [
        c for c in _named_nerve_signs(person) if c.casefold() in current and not _RESOLVED.search(c)
    ]


def nerve_involvement(person: Person) -> bool:
    """Nerve or memory symptoms listed at all (current, long-standing or resolved) or a nerve
    diagnosis: the nerves have been involved, so B12 injections follow the BNF's neurological
    regimen, whose 2-monthly maintenance continues after the symptoms settle."""
    texts = [*person.symptoms, *_named_nerve_signs(person)]
    # A symptom written as gone ("numbness resolved") is a resolved course in free text.
    codes = {code for text in texts for code in codes_ever(text, symptom_terms(person))}
    return bool(NEUROLOGICAL_SYMPTOMS & codes)


# Falls or mobility problems written as a condition ("recurrent falls") are the sign they name,
# as under symptoms (rule screening.rules.falls; red team round 17b, 05): never neurological.
_MOBILITY_SIGNS = frozenset({"falls"})


def mobility_conditions(person: Person) -> list[str]:
    """The person's own conditions, present and not resolved, that name falls or mobility
    problems (a sign in NG239's list, as the same words under symptoms)."""
    if not person.conditions:  # most people list none
        return []
    sources = (person.conditions, person.condition_dates, person.age)
    return derived(person, "_mobility_conditions", sources, _mobility_conditions)


def _named_mobility_signs(person: Person) -> list[str]:
    return [
        c
        for c in person.own_conditions
        if _MOBILITY_SIGNS & set(codes_in(c, symptom_terms(person)))
    ]


def _mobility_conditions(person: Person) -> list[str]:
    current = {c.casefold() for c in person.current_conditions}
    return [
        c
        for c in _named_mobility_signs(person)
        if c.casefold() in current and not _RESOLVED.search(c)
    ]


def current_signs(person: Person) -> list[str]:
    """Current symptoms and the nerve and mobility conditions read as symptoms
    (:func:`nerve_conditions`, :func:`mobility_conditions`)."""
    return [*person.current_symptoms, *nerve_conditions(person), *mobility_conditions(person)]


# SARC-F's falls item counts falls in the past year (Malmström 2013: 1 for 1-3 falls, 2 for 4 or
# more). Its top score is recurrent falls, the sign "recurrent falls" is under symptoms (red team
# round 17b, 04); a score of 1 may be a single fall in a year, common in older age (a third of
# people over 65 fall each year, NICE CG161), and is not read as the sign on its own.


def sarc_f_falls(person: Person) -> bool:
    """An adult's SARC-F recording 4 or more falls in the past year (a SARC-F dated after the
    assessment date is not read, as in the muscle assessment)."""
    m = person.muscle
    if m is None or m.sarc_f is None or m.sarc_f.falls < sarc_f.ITEM_MAX_POINTS:
        return False
    if age_on(person.age, person.assessed_on, m.measured_on) < ADULT_FROM_AGE_YEARS:
        return False
    return not (m.measured_on and person.assessed_on and m.measured_on > person.assessed_on)


_NO_CODES: frozenset[str] = frozenset()
_NO_SYMPTOM_CODES = (_NO_CODES, _NO_CODES)


def symptom_codes(person: Person) -> tuple[frozenset[str], frozenset[str]]:
    """Codes of the current symptoms (resolved ones left out), and the codes that only
    long-standing symptoms carry: still symptoms, but not a new neurological presentation (a
    stable dementia is not an urgent neurological symptom; a new one is)."""
    if not person.symptoms and not person.conditions and person.muscle is None:
        return _NO_SYMPTOM_CODES  # most people list none of them
    sources = (
        person.muscle,
        person.assessed_on,
        person.symptoms,
        person.symptom_course,
        person.conditions,
        person.condition_dates,
        person.age,
    )
    return derived(person, "_symptom_codes", sources, _symptom_codes)


# A measured low physical performance (EWGSOP2: gait speed <= 0.8 m/s, SPPB <= 8, TUG >= 20 s,
# 400 m walk not completed) is a mobility problem, a sign in NG239's list (rule
# screening.rules.falls; red team round 17, D3): counted as one, never as a neurological one.
LOW_PERFORMANCE = "low_physical_performance"


def measured_low_performance(person: Person) -> bool:
    """An adult's performance test below its EWGSOP2 cut-off (muscle is not staged under 18; a
    measurement dated after the assessment date is not read, as in the muscle assessment). The
    EWGSOP2 cut-offs whatever the muscle criteria chosen: the strictest of them."""
    m = person.muscle
    if m is None or age_on(person.age, person.assessed_on, m.measured_on) < ADULT_FROM_AGE_YEARS:
        return False
    if m.measured_on and person.assessed_on and m.measured_on > person.assessed_on:
        return False
    return ewgsop2.low_performance(m) is True


def _symptom_codes(person: Person) -> tuple[frozenset[str], frozenset[str]]:
    symptoms = person.current_symptoms
    codes, _ = classify_texts(current_signs(person), symptom_terms(person))
    if measured_low_performance(person):
        codes = {**codes, LOW_PERFORMANCE: []}
    if "falls" not in codes and sarc_f_falls(person):
        codes = {**codes, "falls": []}
    steady = [
        s
        for s in symptoms
        if (c := person.course_of(s)) is not None and c.course is Course.LONG_STANDING
    ]
    # A nerve diagnosis is current nerve involvement whatever the course of other symptoms; a
    # dementia is established, not new.
    changing = [
        *(s for s in symptoms if s not in steady),
        *(c for c in nerve_conditions(person) if not _ESTABLISHED.search(c)),
        *mobility_conditions(person),
    ]
    active, _ = classify_texts(changing, symptom_terms(person))
    return frozenset(codes), frozenset(codes) - frozenset(active) - {LOW_PERFORMANCE} - (
        {"falls"} if sarc_f_falls(person) else set()
    )


def nerve_symptoms_new_since(person: Person, day: dt.date | None) -> bool:
    """Nerve or memory symptoms recorded as new and beginning on or after ``day`` (any onset when
    either date is unknown)."""
    new = [
        s
        for s in person.current_symptoms
        if (c := person.course_of(s)) is not None
        and c.course is Course.NEW
        and (day is None or c.onset is None or c.onset >= day)
    ]
    codes, _ = classify_texts(new, symptom_terms(person))
    return bool(NEUROLOGICAL_SYMPTOMS & set(codes))


def unrecognised_conditions(person: Person) -> list[str]:
    """Condition texts that no table of b12 reads: not a risk factor, operation, kidney stage or
    dialysis, nor a confounder of the B12 tests."""
    if not person.conditions:
        return []
    _, unmatched = classify_texts(person.conditions, CONDITION_TERMS)
    signs = [*_named_nerve_signs(person), *_named_mobility_signs(person)]  # read, even resolved
    return [
        text
        for text in unmatched
        if text not in signs
        and not written_absent(text, symptom_terms(person))  # "no neuropathy": read as absent
        and not written_absent(text, ANY_SURGERY_TERMS)  # "never had surgery"
        and text not in family_history(person)  # "mother has B12 deficiency"
        and text not in mothers_at_risk(person)  # a baby's "mother is vegan"
        and not codes_in(text, surgery.PROCEDURE_TERMS)
        and not named_in(text)
        and not confounders.mentions([text], confounders.CONFOUNDER_CONDITION_TERMS)
        # a child's "breastfed" is read: the plan asks about the mother's B12
        and not (nice_ng239.below_scope_age(person.age) and mentions([text], BREASTFED_TERMS))
    ]


def mothers_at_risk(person: Person) -> list[str]:
    """For an infant, or a breastfed child, conditions naming a mother with B12 deficiency, a
    plant-based diet or a B12 risk factor (ODS: infants of vegan mothers; CDC: a breastfeeding
    mother's deficiency)."""
    if not person.conditions:
        return []
    child = nice_ng239.below_scope_age(person.age) and mentions(person.conditions, BREASTFED_TERMS)
    if not (person.age < INFANT_BELOW_YEARS or child):
        return []
    return [c for c in person.conditions if mother_at_risk(c)]


def family_history(person: Person) -> list[str]:
    """Conditions naming a blood relative's B12 deficiency or autoimmune disease ("mother has
    pernicious anaemia"): NICE NG239's family history. One written as absent ("no family history
    of ..."), a partner's, or a relative's operation or nitrous oxide use is not."""
    if not person.conditions:
        return []
    return [
        c
        for c in person.conditions
        if (part := split_relative(c)[1])
        and about_blood_relative(part)
        and family_history_codes(part)
    ]


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (0 if ``start`` is later)."""
    return max(0, int((end - start).days // DAYS_PER_MONTH))


def _medication_risks(matches: list[MedicationMatch]) -> list[RiskFactor]:
    risks: list[RiskFactor] = []
    if not matches:  # most people take none
        return risks
    for m in matches:
        if m.drug_class not in meds.RISK_CLASSES:
            continue
        rules = [RULE_MEDICINES]
        duration = f" for {m.months_taken} months" if m.months_taken is not None else ""
        message = f"{m.name}{duration}: {m.drug_class.value.replace('_', ' ')} can lower B12"
        if m.drug_class in (MedicationClass.PPI, MedicationClass.H2RA):
            rules.append(RULE_ACID_SUPPRESSION_DURATION)
            if m.months_taken is not None and (
                ACID_SUPPRESSION_BANDS.label_canonical(m.months_taken) == PROLONGED
            ):
                message += "; prolonged use (>= 10 months) makes deficiency more likely"
            elif m.months_taken is not None:
                # NG239 lists the medicine without a duration; the raised risk was measured with
                # >= 10 months of use (Miller 2018), so say that this use is shorter.
                message += (
                    "; a listed risk factor (NICE NG239), though the raised risk reported was "
                    "with >= 10 months of use"
                )
            elif m.months_taken is None:
                message += "; add a start date: use for >= 10 months raises the risk"
        if m.drug_class is MedicationClass.METFORMIN:
            rules.append(RULE_METFORMIN)
            message += ", more so at higher doses and with longer use"
        risks.append(
            RiskFactor(
                code=f"medication.{m.drug_class.value}",
                category="medication",
                message=message,
                rules=tuple(rules),
            )
        )
    return risks


def _person_risks(person: Person) -> list[RiskFactor]:
    risks = []
    if older_adult(person.age):
        risks.append(
            RiskFactor(
                code="older_adult",
                category="age",
                message=f"age {person.age:g} (over 50): food-bound B12 is absorbed less well "
                "with age",
                rules=(RULE_OLDER_ADULT,),
            )
        )
    if person.diet is not None and person.diet.plant_based:
        risks.append(
            RiskFactor(
                code=f"diet.{person.diet.value}",
                category="diet",
                message=f"{person.diet.label} diet: {DIET_B12_SOURCES[person.diet]}",
                rules=(RULE_DIET,),
            )
        )
        if person.pregnant or person.breastfeeding:
            stage = "pregnancy" if person.pregnant else "breastfeeding"
            risks.append(
                RiskFactor(
                    code="diet.plant_based_pregnancy",
                    category="life_stage",
                    message=f"{person.diet.label} diet during {stage}: higher priority, because "
                    "the baby depends on the mother's B12",
                    rules=(RULE_VEGAN_PREGNANCY,),
                )
            )
    if (
        not person.conditions
        and not person.surgery
        and not person.intrinsic_factor_antibody_positive
    ):
        return risks  # no condition, operation or antibody recorded (most people)
    own = person.own_conditions
    conditions, _ = classify_texts(own, CONDITION_TERMS)
    relatives = family_history(person)
    if relatives:
        conditions.setdefault("family_history", []).extend(relatives)
    if mothers := mothers_at_risk(person):
        conditions["infant_mother"] = mothers
    for operation in person.surgery:
        when = f", {operation.date.isoformat()}" if operation.date else ""
        conditions.setdefault(surgery.RISK_CODE[operation.procedure], []).append(
            f"{surgery.label(operation.procedure)}{when}"
        )
    if person.intrinsic_factor_antibody_positive and "pernicious_anaemia" not in conditions:
        # A positive antibody is pernicious anaemia's marker even when no condition is listed.
        conditions["pernicious_anaemia"] = ["intrinsic-factor antibodies positive"]
    for code, texts in conditions.items():
        category, label, rule = CONDITION_RISKS[code]
        risks.append(
            RiskFactor(
                code=code, category=category, message=f"{label} ({'; '.join(texts)})", rules=(rule,)
            )
        )
    return risks


def _tests(person: Person, risks: list[RiskFactor]) -> list[NextTest]:
    tests = []
    if any(rf.code in ("nitrous_oxide", "medication.nitrous_oxide") for rf in risks):
        tests.append(
            NextTest(
                test="hcy",
                reason="Nitrous oxide: homocysteine is the initial test "
                "(total B12 can look normal)",
                rules=(RULE_NITROUS_OXIDE_TEST,),
            )
        )
    if person.pregnant:
        tests.append(
            NextTest(
                test="holotc",
                reason="Pregnancy: active B12 (holoTC) is the preferred first test",
                rules=(nice_ng239.RULE_PREGNANCY_ACTIVE,),
            )
        )
    else:
        tests.append(
            NextTest(
                test="b12_or_holotc",
                reason="First-line test: total or active B12",
                rules=(RULE_OFFER_TEST,),
            )
        )
    return tests


_RISK_WITHOUT_SYMPTOMS = "Risk factors for low B12 without symptoms"
_NOTHING_LISTED = "No risk factor or symptom listed"
_SUMMARY = {
    RECOMMENDATION.OFFER_TEST: "B12 testing is recommended: at least one symptom and at least one "
    "risk factor (NICE NG239)",
    RECOMMENDATION.DISCUSS_SCREENING: f"{_RISK_WITHOUT_SYMPTOMS}: screening is worth discussing "
    "with a clinician",
    RECOMMENDATION.DISCUSS_SYMPTOMS: "Symptoms that can come from low B12 but no listed risk "
    "factor: discuss the symptoms with a clinician",
    RECOMMENDATION.NOT_INDICATED: f"{_NOTHING_LISTED}: routine B12 testing is not indicated",
}


def screen(person: Person, assessed_on: dt.date) -> ScreeningResult:
    """Screening for B12 deficiency: risk factors, symptoms, medicines and the test to offer.

    References
    ----------
    NICE NG239 (2024); NIH ODS vitamin B12 fact sheet; IOM 1998; Miller JW. Adv Nutr 2018;
    MHRA Drug Safety Update 2022.
    """
    taken = taken_on(person, assessed_on)  # not one written stopped
    matches = _medicine_matches(taken, assessed_on)
    risks = [*_person_risks(person), *_medication_risks(matches)]
    found_codes, unrecognised_symptoms = classify_texts(
        current_signs(person), symptom_terms(person)
    )
    symptoms = tuple(found_codes)
    if measured_low_performance(person):
        symptoms += (LOW_PERFORMANCE,)
    if "falls" not in symptoms and sarc_f_falls(person):
        symptoms += ("falls",)
    findings = _unrecognised(person, matches, unrecognised_symptoms)
    recommendation = _recommendation(risks, symptoms)
    # Only a current first-line result counts as tested (rule
    # status.result_age.current-result-window).
    first_line = _current_first_line(person, assessed_on)
    tests = (
        []
        if first_line or recommendation is RECOMMENDATION.NOT_INDICATED
        else _tests(person, risks)
    )
    return _screening_result(
        person,
        assessed_on,
        recommendation,
        first_line,
        taken,
        risks,
        symptoms,
        matches,
        findings,
        tests,
    )


def _medicine_matches(taken: list[Medication], assessed_on: dt.date) -> list[meds.MedicationMatch]:
    matches: list[meds.MedicationMatch] = []
    if not taken:  # most people take none
        return matches
    for m in taken:
        months = months_between(m.start_date, assessed_on) if m.start_date else None
        matches.append(meds.match(m.name, months, m.dose))
    return matches


def _neurological(person: Person) -> bool:
    codes, long_standing = symptom_codes(person)
    if not codes:  # no symptom at all, the usual case
        return False
    return bool(NEUROLOGICAL_SYMPTOMS & (codes - long_standing))


def _unrecognised(
    person: Person, matches: list[meds.MedicationMatch], unrecognised_symptoms: list[str]
) -> list[Finding]:
    """The medicines, conditions and symptoms b12 could not read, each as a finding."""
    findings: list[Finding] = []
    if not matches and not person.conditions and not unrecognised_symptoms:
        return findings  # nothing listed to be unread (most people)
    for m in matches:
        if not m.recognised and not confounders.read_in_medicine(m.name):  # "Microgynon"
            findings.append(
                Finding(
                    code="unrecognised_medication",
                    message=f"'{m.name}' is not in b12's medication table, so b12 could not "
                    "check whether it affects B12; ask a pharmacist",
                    rules=(RULE_MEDICINES,),
                )
            )
    for text in unrecognised_conditions(person):
        findings.append(
            Finding(
                code="unrecognised_condition",
                message=f"'{text[:60]}' is not in b12's condition table, so it was not read as a "
                "B12 risk factor or test confounder; your clinician can judge whether it matters",
                rules=(RULE_CONDITIONS_NICE,),
            )
        )
    for text in unrecognised_symptoms:
        findings.append(
            Finding(
                code="unrecognised_symptom",
                message=f"'{text}' is not a symptom b12 recognises; it was not counted",
                rules=(RULE_SYMPTOMS,),
            )
        )
    return findings


def _recommendation(risks: list[RiskFactor], symptoms: tuple[str, ...]) -> Recommendation:
    if symptoms and risks:
        return RECOMMENDATION.OFFER_TEST
    if risks:
        return RECOMMENDATION.DISCUSS_SCREENING
    if symptoms:
        return RECOMMENDATION.DISCUSS_SYMPTOMS
    return RECOMMENDATION.NOT_INDICATED


_FIRST_LINE = (ANALYTE.B12, ANALYTE.HOLOTC)


def _current_first_line(person: Person, assessed_on: dt.date) -> list[LabResult]:
    """The latest total and active B12 results that are current on ``assessed_on``."""
    labs = []
    latest = person.latest  # one bound method for both
    for analyte in _FIRST_LINE:
        lab = latest(analyte)
        if lab is not None and is_current(lab.date, assessed_on):
            labs.append(lab)
    return labs


TESTED = "tested"  # a current first-line result exists: the judgment's urgency governs


def _priority(risks: list[RiskFactor], tested: bool, neurological: bool) -> str:
    """How pressing testing is; once a current first-line result exists, testing is done and the
    judgment's urgency (from the result and the symptoms) governs."""
    if tested:
        return TESTED
    if neurological:
        return "urgent"
    for rf in risks:
        if rf.code == "diet.plant_based_pregnancy":
            return "high"
    return "routine"


def lifelong_cause(person: Person) -> str | None:
    """A cause that makes B12 needed for life whatever a test shows, in words (None if there is
    none): an operation that removes B12 absorption for good, or pernicious anaemia recorded as a
    diagnosis (one written as suspected is still to be confirmed) (rule
    screening.screen.lifelong-cause-without-symptoms)."""
    cause = surgery.irreversible_cause(person)
    if cause == surgery.PERNICIOUS_ANAEMIA and not surgery.pernicious_anaemia_diagnosed(person):
        return None
    return cause


RULE_LIFELONG_CAUSE = register(
    "screening.screen.lifelong-cause-without-symptoms",
    "A lifelong cause of B12 malabsorption (total gastrectomy, total ileal resection, a bariatric "
    "operation that removes B12 absorption, diagnosed pernicious anaemia) without symptoms: B12 is "
    "needed for life whatever a test shows, so screening is not the question; a B12 sample taken "
    "before the first dose is a baseline for the clinician",
    NICE_NG239,
    Evidence.SECONDARY,
    note="NICE NG239 (rule plan.prophylaxis.nice-ng239-irreversible-cause): an irreversible cause "
    "needs treatment for life; BNF (rule plan.prophylaxis.bnf-total-gastrectomy-ileal-resection): "
    "prophylactic hydroxocobalamin 1 mg every 3 months after total gastrectomy or total ileal "
    "resection, which does not depend on a test; BOMSS 2020 (rule plan.prophylaxis.bomss-2020): "
    "routine IM B12 after sleeve, bypass or BPD/DS. Baseline: ESPEN 2022 via a secondary summary "
    "('Sampling should be performed prior to any intramuscular (IM) administration of "
    "cobalamin'), as rule status.judgment.rules.neurological-sample-first. Red team round 15b, "
    "findings 43 and 44.",
)
RULE_TESTED_ON_TREATMENT = register(
    "screening.screen.tested-on-treatment",
    "B12 by mouth is taken and a first-line result taken on it is on record: screening (whether "
    "to test someone untreated) does not apply; the judgment reads the result and the plan gives the "
    "follow-up",
    NICE_NG239,
    Evidence.SECONDARY,
    note="Screening is NG239's test offer for suspected deficiency ('Offer an initial diagnostic "
    "test (total or active B12) ... to people who have at least one common symptom or sign and at "
    "least one common risk factor'); someone already on B12 with a result is followed up, not "
    "screened (as for injections). Red team round 15b, finding 53.",
)

RULE_TESTED_WITHOUT_INDICATION = register(
    "screening.screen.tested-without-indication",
    "No risk factor or symptom listed, but a current first-line B12 result is on record: the "
    "screening line says a result is already available for the status to read, never that "
    "testing is 'not indicated' beside a result the judgment acts on",
    NICE_NG239,
    Evidence.SECONDARY,
    note="NICE NG239's test offer ('Offer an initial diagnostic test (total or active B12) ... to "
    "people who have at least one common symptom or sign and at least one common risk factor') "
    "decides whether to test; once a result exists the judgment reads it and its urgency governs "
    "(screening's priority 'tested'). DECISIONS.md: every part of the output shows the one "
    "judgment. Red team round 16: a pregnant woman with a total B12 of 125 pmol/L was urgent "
    "while screening said 'routine B12 testing is not indicated' (file 23; also 07).",
)


def _lifelong_summary(cause: str, baseline_done: bool) -> str:
    summary = (
        f"A lifelong cause of low B12 is listed: {surgery.with_cause(cause)}, B12 is needed for "
        "life whatever a test shows (see the plan), so screening is not the question"
    )
    if baseline_done:  # a result on record, or B12 already taken: no "before the first dose"
        return summary
    return (
        summary + "; a B12 blood test taken before the first dose is a baseline for the clinician"
    )


@cache
def _judgment_readers() -> tuple[
    Callable[[LabResult, float], bool],
    Callable[[Person, dt.date], bool],
    Callable[[LabResult, float], bool],
]:
    # The judgment's own readers: imported here, as the judgment's modules import this one; and
    # once, as an import statement run at every call looks the module up again (and allocates).
    from b12.core.status.judgment.derive import low_despite_injection, recent_injection
    from b12.core.status.judgment.evidence import readable_at

    return readable_at, recent_injection, low_despite_injection


def _unread_first_line(person: Person, assessed_on: dt.date, labs: list[LabResult]) -> str | None:
    """Why the current first-line result on record (``labs``) cannot be read, as the judgment
    says (None if it can): a child's without the lab's own range, or one within 3 months of a B12
    injection that is not low (a low one is read). Red team round 15b, findings 41 and 46."""
    readable_at, recent_injection, low_despite_injection = _judgment_readers()
    if labs and not _holds_for_any(readable_at, labs, person.age):
        return (
            "a first-line B12 result is on record, but under 16 without the lab's own range it is "
            "for a paediatric clinician to read (see status)"
        )
    if (
        labs
        and person.medications  # an injection is a listed medicine: none, no reading needed
        and recent_injection(person, assessed_on)
        and not _holds_for_any(low_despite_injection, labs, person.age)
    ):
        return (
            "a first-line B12 result is on record, but it cannot be read within 3 months of a B12 "
            "injection: the status gives the tests that can"
        )
    return None


def _holds_for_any(
    test: Callable[[LabResult, float], bool], labs: list[LabResult], age: float
) -> bool:
    # A loop, not any() over a generator: a comprehension reading a local would also cost a
    # closure cell at every call.
    for lab in labs:  # noqa: SIM110
        if test(lab, age):
            return True
    return False


def _result_on_oral_b12(taken: list[Medication], first_line: list[LabResult]) -> bool:
    """B12 by mouth taken now (``taken``), and the current first-line result taken on it (on or
    after its start, or its start not given): a treated person's result, followed up rather than
    screened. A result from before the start is the one that led to treatment: screening's line
    stands."""
    for m in taken:
        if is_b12_by_mouth(m):
            start = m.start_date
            for lab in first_line:
                if start is None or (lab.date is not None and lab.date >= start):
                    return True
    return False


def _undated_beside_start(taken: list[Medication], first_line: list[LabResult]) -> bool:
    """B12 by mouth taken now with its start date given, and a current first-line result without
    a date: the result cannot be placed before or after the start, and b12 says so rather than
    assume either (red team round 17, from the screening engineer: the judgment likewise counts
    the listed supplement as a caveat on an undated sample, rule confounder.recent-supplement)."""
    return any(is_b12_by_mouth(m) and m.start_date is not None for m in taken) and any(
        lab.date is None for lab in first_line
    )


def _summary(
    person: Person,
    assessed_on: dt.date,
    recommendation: Recommendation,
    first_line: list[LabResult],
    taken: list[Medication],
    on_oral_b12: bool,
) -> str:
    if taken and any(is_b12_injection(m) for m in taken):  # most take nothing: no generator
        # Screening is for people not yet treated; the plan carries the follow-up on injections.
        return (
            "B12 injections are already recorded: screening does not apply; the plan gives the "
            "follow-up"
        )
    if on_oral_b12:
        return (
            "B12 taken by mouth is already recorded, with a first-line B12 result taken on it: "
            "screening does not apply; the status reads the result and the plan gives the follow-up"
        )
    tested = bool(first_line)
    summary = _SUMMARY[recommendation]
    if tested and recommendation is RECOMMENDATION.DISCUSS_SCREENING:
        summary = _RISK_WITHOUT_SYMPTOMS  # tested already: nothing left to discuss screening for
    if tested and recommendation is RECOMMENDATION.NOT_INDICATED:
        # Never "not indicated" beside a result the judgment reads and acts on (rule
        # screening.screen.tested-without-indication).
        summary = _NOTHING_LISTED
    if recommendation is RECOMMENDATION.DISCUSS_SCREENING and (cause := lifelong_cause(person)):
        summary = _lifelong_summary(cause, tested or any(is_b12_by_mouth(m) for m in taken))
    if nice_ng239.below_scope_age(person.age):
        # NG239 covers people aged 16 and over: its rule is only a guide for a child.
        summary = summary.replace(
            "(NICE NG239)",
            "(NICE NG239's rule, as a guide only: NG239 covers people aged 16 and over)",
        )
    if tested:
        unread = _unread_first_line(person, assessed_on, first_line)
        if not unread and _undated_beside_start(taken, first_line):
            unread = (
                "a first-line B12 result is available, but without a date: whether it was taken "
                "before or after the B12 tablets started cannot be told (see status)"
            )
        return f"{summary}; {unread or 'a first-line B12 result is already available (see status)'}"
    return summary


_RECOMMENDATION_RULE = {
    RECOMMENDATION.OFFER_TEST: RULE_OFFER_TEST,
    RECOMMENDATION.DISCUSS_SYMPTOMS: RULE_SYMPTOMS_WITHOUT_RISK,
}


def _screening_rules(
    person: Person,
    recommendation: Recommendation,
    tested: bool,
    on_oral_b12: bool,
    symptoms: tuple[str, ...],
    risks: list[RiskFactor],
    tests: list[NextTest],
    findings: list[Finding],
) -> tuple[str, ...]:
    rules = [RULE_SYMPTOMS] if symptoms else []
    if "falls" in symptoms or LOW_PERFORMANCE in symptoms:
        rules.append(RULE_FALLS)
    rules.append(_RECOMMENDATION_RULE.get(recommendation, RULE_DISCUSS))
    if recommendation is RECOMMENDATION.DISCUSS_SCREENING and lifelong_cause(person):
        rules.append(RULE_LIFELONG_CAUSE)
    if on_oral_b12:
        rules.append(RULE_TESTED_ON_TREATMENT)
    elif tested and recommendation is RECOMMENDATION.NOT_INDICATED:
        rules.append(RULE_TESTED_WITHOUT_INDICATION)
    if nice_ng239.below_scope_age(person.age):
        rules.append(nice_ng239.RULE_AGE_SCOPE)
    for risk in risks:
        rules += risk.rules
    for test in tests:
        rules += test.rules
    for finding in findings:
        rules += finding.rules
    return _each_once(rules)


def _each_once(rules: list[str]) -> tuple[str, ...]:
    """The rules in their order, each once (a loop over a few names: dict.fromkeys would build a
    dict and its key table for them at every screening)."""
    unique: list[str] = []
    for rule in rules:
        if rule not in unique:
            unique.append(rule)
    return tuple(unique)


def _screening_result(
    person: Person,
    assessed_on: dt.date,
    recommendation: Recommendation,
    first_line: list[LabResult],
    taken: list[Medication],
    risks: list[RiskFactor],
    symptoms: tuple[str, ...],
    matches: list[meds.MedicationMatch],
    findings: list[Finding],
    tests: list[NextTest],
) -> ScreeningResult:
    tested = bool(first_line)
    on_oral_b12 = tested and _result_on_oral_b12(taken, first_line)
    neurological = _neurological(person)
    return ScreeningResult(
        recommendation=recommendation,
        summary=_summary(person, assessed_on, recommendation, first_line, taken, on_oral_b12),
        priority=_priority(risks, tested, neurological),
        already_tested=tested,
        risk_factors=tuple(risks),
        symptoms=symptoms,
        neurological_symptoms=neurological,
        medications=tuple(matches),
        findings=tuple(findings),
        tests=tuple(tests),
        rules=_screening_rules(
            person, recommendation, tested, on_oral_b12, symptoms, risks, tests, findings
        ),
    )
