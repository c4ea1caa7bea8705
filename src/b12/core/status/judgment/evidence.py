"""Evidence for the judgment: each marker, sign, antibody and caveat becomes one item that says
whether it supports a deficiency, argues against it, is inconclusive, or makes a marker unreliable.

Values are read in the unit the lab printed (NICE NG239 edges as the guideline states them) and
shown with their date beside the canonical value. The thresholds live in the instrument modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from b12.core.findings import Finding
from b12.core.kidney_blood import blood_count
from b12.core.person import Antibody, LabResult, Medication, Person, latest_result, plant_based
from b12.core.screening.medications import (
    is_b12_by_mouth,
    is_b12_injection,
    taken_on,
)
from b12.core.screening.rules import RULE_INFANT_SIGNS
from b12.core.screening.screen import (
    NEUROLOGICAL_SYMPTOMS,
    nerve_symptoms_new_since,
    symptom_codes,
)
from b12.core.screening.surgery import irreversible_cause
from b12.core.status import epidemiology, markers, nice_ng239
from b12.core.status.cb12 import Cb12Category, Cb12Result
from b12.core.status.confounders import (
    BIOTIN_TERMS,
    mentions,
    nitrous_oxide_exposure,
    pernicious_anaemia_named,
)
from b12.core.status.judgment import rules as jr
from b12.core.status.judgment.model import DIRECTION, KIND, Direction, EvidenceItem, Kind
from b12.core.status.result_age import is_current
from b12.units import ANALYTE, Analyte
from b12.units import REGISTRY as UNITS

FIRST_LINE = (ANALYTE.B12, ANALYTE.HOLOTC)

# Which caveat makes which marker unreliable, and in which direction ("normal": a normal result may
# be falsely reassuring; "low": a low result may be falsely worrying; "raised": a raised functional
# marker may have another cause; "confidence": read as printed, with lower confidence).
CAVEAT_EFFECTS: dict[str, tuple[tuple[str, ...], str]] = {
    "nitrous_oxide": (("b12", "holotc"), "normal"),
    "pernicious_anaemia_assay": (("b12",), "normal"),
    # Oral supplements and biotin lower the confidence only: DECISIONS.md lets serum B12 be
    # overruled for nitrous oxide, suspected autoimmune gastritis and injections.
    "recent_supplement": (("b12", "holotc"), "confidence"),
    "recent_supplement_with_symptoms": (("b12", "holotc"), "normal"),
    "biotin": (("b12", "holotc"), "confidence"),
    "biotin_with_symptoms": (("b12", "holotc"), "normal"),
    "spuriously_low.combined_oral_contraceptive": (("b12",), "low"),
    "spuriously_low.myeloma": (("b12",), "low"),
    "spuriously_low.hiv": (("b12",), "low"),
    # NG239: black ethnicity has a higher range, so a normal total B12 reassures less.
    "reference_range.ethnicity": (("b12",), "confidence"),
    "pregnancy": (("b12",), "low"),
    "on_injections": (("b12", "holotc"), "both"),
    "recent_injection": (("b12", "holotc"), "normal"),
    "kidney_function": (("mma", "hcy"), "raised"),
    "low_folate": (("hcy",), "raised"),
    "older_age_mma": (("mma",), "raised"),
    "age_scope": (("b12", "holotc", "mma", "hcy"), "confidence"),
    "markers_different_dates": ((), "both"),
    "discordant": ((), "both"),
}


@dataclass(frozen=True)
class Context:
    """What the judgment knows about the person besides the markers."""

    assessed_on: dt.date
    symptoms: frozenset[str]  # recognised codes of current symptoms (resolved ones left out)
    nitrous_oxide: bool
    autoimmune_gastritis_suspected: bool
    injections: tuple[Medication, ...]  # current parenteral B12
    oral_b12: tuple[Medication, ...]  # current oral B12
    biotin: bool
    # Codes only long-standing, stable symptoms carry: still symptoms, but not a new neurological
    # presentation (a stable dementia is not an urgent neurological symptom; new ones are).
    long_standing: frozenset[str] = frozenset()
    # Nerve symptoms recorded as new since the injections started: a maintenance course has not
    # prevented them, so they are urgent, not a routine review (BNF: the neurological regimen).
    new_on_injections: bool = False
    # An earlier low first-line result a later one no longer shows (:func:`earlier_low`).
    earlier_low: LabResult | None = None
    # Raised MMA or homocysteine never treated, with only total or active B12 since
    # (:func:`untreated_functional`).
    untreated_functional: tuple[LabResult, ...] = ()

    @property
    def neurological(self) -> bool:
        """New, persisting or untracked numbness, tingling, balance, memory or cognitive symptoms."""
        # Asked ~6 times per assessment; most people list no symptom.
        return bool(self.symptoms) and not NEUROLOGICAL_SYMPTOMS.isdisjoint(
            self.symptoms - self.long_standing
        )


def context(person: Person, assessed_on: dt.date) -> Context:
    """The person's symptoms, exposures and current B12 treatment on ``assessed_on``."""
    current = taken_on(person, assessed_on)
    injections = tuple(m for m in current if is_b12_injection(m))
    oral = tuple(m for m in current if is_b12_by_mouth(m))
    codes, long_standing = symptom_codes(person)
    ctx = Context(
        assessed_on=assessed_on,
        symptoms=codes,
        long_standing=long_standing,
        nitrous_oxide=nitrous_oxide_exposure(person, assessed_on),
        autoimmune_gastritis_suspected=pernicious_anaemia_named(person),
        injections=injections,
        oral_b12=oral,
        biotin=mentions((m.name for m in current), BIOTIN_TERMS),
        new_on_injections=bool(injections)
        and nerve_symptoms_new_since(person, first_start(injections)),
    )
    low, untreated = earlier_low(person, ctx), untreated_functional(person)
    if low is None and not untreated:
        return ctx  # the defaults say so already; a copy is built only when needed
    return replace(ctx, earlier_low=low, untreated_functional=untreated)


def first_start(medications: Iterable[Medication]) -> dt.date | None:
    """The earliest start date of ``medications`` (None when none is dated)."""
    return min((m.start_date for m in medications if m.start_date), default=None)


def canonical_text(lab: LabResult) -> str:
    """The canonical value, e.g. '258.3 pmol/L'."""
    return f"{lab.comparator or ''}{lab.canonical_value:.4g} {UNITS[lab.analyte].canonical}"


def _item(
    lab: LabResult, code: str, kind: Kind, direction: Direction, message: str, *rules: str
) -> EvidenceItem:
    return EvidenceItem(
        code=code,
        kind=kind,
        direction=direction,
        message=f"{message} ({lab.printed}, {lab.date or 'undated'})",
        rules=rules,
        printed=lab.printed,
        canonical=canonical_text(lab),
        date=lab.date,
    )


_NICE_DIRECTION = {
    nice_ng239.NiceReading.DEFICIENCY_LIKELY: DIRECTION.SUPPORTS,
    nice_ng239.NiceReading.INDETERMINATE: DIRECTION.INCONCLUSIVE,
    nice_ng239.NiceReading.DEFICIENCY_UNLIKELY: DIRECTION.ARGUES_AGAINST,
}
_FIRST_LINE_NAME = {ANALYTE.B12: "Total B12", ANALYTE.HOLOTC: "Active B12 (holoTC)"}


def first_line(lab: LabResult) -> EvidenceItem | None:
    """NG239 reading of a total or active B12 result (a censored value that spans bands is
    indeterminate); ``None`` for other analytes."""
    reading = nice_ng239.read(lab)
    if reading is None:
        return None
    bands = nice_ng239.BANDS[lab.analyte]
    wording = next(b.wording for b in bands.bands if b.label == reading)
    rules = [bands.rule]
    if nice_ng239.spans(lab):
        wording = "censored, it could lie in more than one NICE NG239 band: read as indeterminate"
        rules.append(nice_ng239.RULE_CENSORED_SPANS)
    name = _FIRST_LINE_NAME[lab.analyte]
    return _item(
        lab,
        lab.analyte.value,
        KIND.FIRST_LINE,
        _NICE_DIRECTION[reading],
        f"{name}: {wording}",
        *rules,
    )


def readable_at(lab: LabResult, age_years: float) -> bool:
    """Whether a first-line result can be read at this age: always from 16; under 16 only
    against a range the lab printed (:func:`first_line_at`)."""
    ref = lab.reference_range
    return not nice_ng239.below_scope_age(age_years) or (
        ref is not None and (ref.low is not None or ref.high is not None)
    )


def first_line_at(lab: LabResult, age_years: float) -> EvidenceItem | None:
    """The first-line reading for this age: NG239's bands from 16 years; under 16 only the lab's
    own printed range (BSH 2014: local ranges), else no reading (a paediatric clinician's)."""
    if not nice_ng239.below_scope_age(age_years):
        return first_line(lab)
    if not readable_at(lab, age_years):
        return None
    ref = lab.reference_range
    assert ref is not None
    below = ref.low is not None and lab.value < ref.low
    where = "below" if below else "not below"
    return _item(
        lab,
        lab.analyte.value,
        KIND.FIRST_LINE,
        DIRECTION.SUPPORTS if below else DIRECTION.ARGUES_AGAINST,
        f"{_FIRST_LINE_NAME[lab.analyte]}: {where} the lab's own range (under 16, NG239's adult "
        "bands do not apply)",
        markers.RULE_LAB_REFERENCE_RANGE,
        nice_ng239.RULE_AGE_SCOPE,
    )


def points_to_deficiency(lab: LabResult, age_years: float | None = None) -> bool:
    """Whether a first-line or functional result supports a deficiency (first-line read for the
    person's age when given, else by NG239's bands)."""
    if lab.analyte in FIRST_LINE:
        item = first_line(lab) if age_years is None else first_line_at(lab, age_years)
    elif lab.analyte in (ANALYTE.MMA, ANALYTE.HCY):
        item = functional(lab)
    else:
        return False
    return item is not None and item.direction is DIRECTION.SUPPORTS


def above_range(lab: LabResult) -> bool:
    """Above the lab's printed upper reference limit, or reported above the assay's range (">")."""
    ref = lab.reference_range
    above_ref = ref is not None and ref.high is not None and lab.value > ref.high
    return above_ref or (lab.comparator or "").startswith(">")


def raised_or_not(lab: LabResult) -> bool | None:
    """Whether MMA or homocysteine is above the lab's printed upper reference limit, else above
    b12's cut-off; for a censored result ("<0.3", ">12") only when every value on its side is on
    one side of the limit, else None."""
    ref = lab.reference_range
    sign = lab.comparator
    if ref is not None and ref.high is not None:
        if sign is None:
            return lab.value > ref.high
        if sign.startswith(">"):
            every_above = lab.value >= ref.high if sign == ">" else lab.value > ref.high
            return True if every_above else None
        return False if lab.value <= ref.high else None
    bands = epidemiology.MMA_BANDS if lab.analyte is ANALYTE.MMA else epidemiology.HCY_BANDS
    label = bands.label_of(lab.value, lab.unit, sign)
    return None if label is None else label == epidemiology.ELEVATED


def raised(lab: LabResult) -> bool:
    """Known to be raised (:func:`raised_or_not`)."""
    return raised_or_not(lab) is True


def functional(lab: LabResult) -> EvidenceItem:
    """MMA or homocysteine: raised (supports) or not raised (argues against)."""
    name = "MMA" if lab.analyte is ANALYTE.MMA else "Homocysteine"
    basis = (
        "the lab's upper reference limit"
        if lab.reference_range is not None and lab.reference_range.high is not None
        else ("0.271 µmol/L" if lab.analyte is ANALYTE.MMA else "15 µmol/L")
    )
    cut_rule = (
        epidemiology.RULE_MMA_ELEVATED
        if lab.analyte is ANALYTE.MMA
        else epidemiology.RULE_HCY_ELEVATED
    )
    side = raised_or_not(lab)
    if side is None:
        return _item(
            lab,
            f"{lab.analyte.value}_censored",
            KIND.FUNCTIONAL,
            DIRECTION.INCONCLUSIVE,
            f"{name} is reported as a limit that could be on either side of {basis}: not "
            "read as raised or normal; a measured value tells",
            jr.RULE_FUNCTIONAL_RAISED,
            cut_rule,
        )
    at_least = lab.comparator is None or lab.comparator.startswith(">")  # "<1.0" is no level
    if (
        lab.analyte is ANALYTE.MMA
        and at_least
        and markers.mma_highly_suggestive(lab.canonical_value)
    ):
        return _item(
            lab,
            "mma_highly_suggestive",
            KIND.FUNCTIONAL,
            DIRECTION.SUPPORTS,
            "MMA above 0.75 µmol/L is highly suggestive of B12 deficiency",
            markers.RULE_MMA_HIGHLY_SUGGESTIVE,
            jr.RULE_FUNCTIONAL_RAISED,
        )
    if side:
        return _item(
            lab,
            f"{lab.analyte.value}_raised",
            KIND.FUNCTIONAL,
            DIRECTION.SUPPORTS,
            f"{name} is raised (above {basis})",
            jr.RULE_FUNCTIONAL_RAISED,
            cut_rule,
        )
    return _item(
        lab,
        f"{lab.analyte.value}_not_raised",
        KIND.FUNCTIONAL,
        DIRECTION.ARGUES_AGAINST,
        f"{name} is not raised (not above {basis})",
        jr.RULE_FUNCTIONAL_RAISED,
        cut_rule,
    )


def functional_readable_at(lab: LabResult, age_years: float) -> bool:
    """Whether an MMA or homocysteine result can be read at this age: against an upper limit the
    lab printed at any age; against b12's adult cut-offs (0.271 and 15 µmol/L) only from 6 months,
    the age from which b12 reads adult-derived blood thresholds at all (rule
    status.judgment.rules.no-adult-functional-cut-offs-under-6-months)."""
    ref = lab.reference_range
    printed = ref is not None and ref.high is not None
    return printed or blood_count.blood_count_read_at(age_years)


def functional_at(lab: LabResult, age_years: float) -> EvidenceItem | None:
    """:func:`functional` for this age, or ``None`` when it cannot be read
    (:func:`functional_readable_at`): a paediatric clinician's."""
    return functional(lab) if functional_readable_at(lab, age_years) else None


_CB12_DIRECTION = {
    Cb12Category.ELEVATED: DIRECTION.ARGUES_AGAINST,
    Cb12Category.ADEQUATE: DIRECTION.ARGUES_AGAINST,
    Cb12Category.LOW: DIRECTION.SUPPORTS,
    Cb12Category.POSSIBLY_DEFICIENT: DIRECTION.SUPPORTS,
    Cb12Category.PROBABLY_DEFICIENT: DIRECTION.SUPPORTS,
}


def combined(cb12: Cb12Result, date: dt.date | None) -> EvidenceItem | None:
    """cB12 (four markers from one sample) as one item."""
    if cb12.cb12 is None or cb12.category is None:
        return None
    return EvidenceItem(
        code=f"cb12_{cb12.category.value}",
        kind=KIND.COMBINED,
        direction=_CB12_DIRECTION[cb12.category],
        message=f"cB12 {cb12.cb12:+.2f}: {cb12.category.value.replace('_', ' ')} B12 status "
        f"(Fedosov 2015, four markers from one sample, {date or 'undated'})",
        rules=cb12.rules,
        date=date,
    )


def _sign(
    lab: LabResult, present: bool, yes: tuple[str, str], no: tuple[str, str], rule: str
) -> EvidenceItem:
    """A blood-count sign: present supports a deficiency; absent is inconclusive (B12 deficiency
    can occur without anaemia or macrocytosis). ``yes`` and ``no`` are (code, message)."""
    code, message = yes if present else no
    direction = DIRECTION.SUPPORTS if present else DIRECTION.INCONCLUSIVE
    return _item(lab, code, KIND.SIGN, direction, message, rule, jr.RULE_FULL_BLOOD_COUNT)


def blood_signs(person: Person) -> list[EvidenceItem]:
    """Anaemia (WHO 2011) and macrocytosis (MCV > 100 fL) from the latest blood count; neither
    under 6 months (:func:`b12.core.kidney_blood.blood_count.blood_count_read_at`)."""
    items = []
    hb = latest_result(person, ANALYTE.HEMOGLOBIN)
    anaemic = (
        None
        if hb is None
        else blood_count.anaemia(hb.canonical_value, person.sex, person.age, person.pregnant)
    )
    if hb is not None and anaemic is not None:
        items.append(
            _sign(
                hb,
                anaemic,
                ("anaemia", "Anaemia (haemoglobin below the WHO threshold)"),
                ("no_anaemia", "No anaemia (a normal haemoglobin does not exclude B12 deficiency)"),
                blood_count.RULE_ANAEMIA,
            )
        )
    mcv = latest_result(person, ANALYTE.MCV)
    macrocytic = (
        None if mcv is None else blood_count.macrocytosis_at(mcv.canonical_value, person.age)
    )
    if mcv is not None and macrocytic is not None:
        items.append(
            _sign(
                mcv,
                macrocytic,
                ("macrocytosis", "Macrocytosis (MCV above 100 fL)"),
                (
                    "no_macrocytosis",
                    "MCV not raised (B12 deficiency can occur without macrocytosis)",
                ),
                blood_count.RULE_MACROCYTOSIS,
            )
        )
    return items


_SYMPTOM_TEXT = {
    "neuropathy": "Nerve symptoms (numbness, tingling, balance)",
    "cognitive_change": "Memory or other cognitive symptoms",
    "glossitis": "Glossitis (sore or smooth tongue)",
    "fatigue": "Tiredness",
    "psychological": "Low mood or other psychological symptoms",
    "breathlessness": "Breathlessness",
    "concentration": "Poor concentration",
    "infant_neurological": "Developmental regression or delay, or low tone (in a baby or young "
    "child)",
    "infant_feeding": "Feeding difficulties or faltering growth (in a baby or young child)",
    # NG239's "mobility problems" (rule screening.rules.falls): a sign, never a neurological
    # presentation on its own (red team round 17, D1 and D3).
    "falls": "Falls or mobility problems",
    "low_physical_performance": "Low physical performance (measured gait speed, SPPB or TUG)",
}


def symptom_signs(ctx: Context, rule: str) -> list[EvidenceItem]:
    """Recognised symptoms as clinical signs that support a deficiency (never alone decisive)."""
    return [
        EvidenceItem(
            code=code,
            kind=KIND.SIGN,
            direction=DIRECTION.SUPPORTS,
            message=f"{_SYMPTOM_TEXT[code]}"
            + (" (long-standing)" if code in ctx.long_standing else "")
            + ": can come from B12 deficiency",
            rules=(RULE_INFANT_SIGNS if code.startswith("infant_") else rule,),
        )
        for code in sorted(ctx.symptoms)
        if code in _SYMPTOM_TEXT
    ]


_ANTIBODIES = tuple(Antibody)  # iterating the enum class itself builds a generator each time


def antibodies(person: Person) -> list[EvidenceItem]:
    """Intrinsic-factor and parietal-cell antibodies."""
    items = []
    for antibody in _ANTIBODIES:
        result = person.latest_antibody(antibody)
        if result is None:
            continue
        name = (
            "Intrinsic-factor antibodies"
            if antibody is Antibody.INTRINSIC_FACTOR
            else "Parietal-cell antibodies"
        )
        positive = result.value == "positive"
        items.append(
            EvidenceItem(
                code=f"{antibody.value}_{result.value}",
                kind=KIND.ANTIBODY,
                direction=DIRECTION.SUPPORTS if positive else DIRECTION.INCONCLUSIVE,
                message=f"{name} {result.value} ({result.date or 'undated'})"
                + ("" if positive else ": a negative result does not exclude autoimmune gastritis"),
                rules=(jr.RULE_AUTOIMMUNE_GASTRITIS,),
                printed=result.value,
                date=result.date,
            )
        )
    return items


def caveat_items(caveats: Iterable[Finding]) -> list[EvidenceItem]:
    """Caveats as items that make markers unreliable, with the markers they affect."""
    return [
        EvidenceItem(
            code=c.code,
            kind=KIND.CAVEAT,
            direction=DIRECTION.MAKES_UNRELIABLE,
            message=c.message,
            rules=c.rules,
            affects=CAVEAT_EFFECTS.get(c.code, ((), "both"))[0],
        )
        for c in caveats
    ]


def masks(caveats: Iterable[EvidenceItem], analyte: str, side: str) -> bool:
    """Whether a caveat makes ``analyte`` unreliable on ``side`` (normal, low or raised)."""
    return any(
        analyte in c.affects and CAVEAT_EFFECTS.get(c.code, ((), "both"))[1] in (side, "both")
        for c in caveats
    )


FUNCTIONAL = (ANALYTE.MMA, ANALYTE.HCY)


def untreated_functional(person: Person) -> tuple[LabResult, ...]:
    """Raised MMA or homocysteine results that no B12 treatment followed and that only a later
    total or active B12 was measured after: the later first-line result alone cannot show the
    functional abnormality has resolved (rule status.judgment.rules.untreated-functional-marker)."""
    latest_first_line = max(
        (lab.date for lab in person.lab_results if lab.analyte in FIRST_LINE and lab.date),
        default=None,
    )
    if latest_first_line is None:
        return ()
    found = []
    for analyte in FUNCTIONAL:
        lab = latest_result(person, analyte)
        if lab is None or lab.date is None or lab.date >= latest_first_line or not raised(lab):
            continue
        if analyte is ANALYTE.HCY and _low_folate_on(person, lab.date):
            continue  # low folate explains it: not an untreated B12 sign
        # Any treatment taken after the sample (or with no stop date) followed it.
        if not any(
            treats(m, analyte) and (m.stop_date is None or m.stop_date > lab.date)
            for m in person.medications
        ):
            found.append(lab)
    return tuple(found)


FOLIC_ACID_TERMS = ("folic acid", "folate", "folinic")


def treats(medicine: Medication, marker: Analyte) -> bool:
    """Whether a medicine treats what a raised MMA or homocysteine shows: B12, and for
    homocysteine folic acid too."""
    if is_b12_injection(medicine) or is_b12_by_mouth(medicine):
        return True
    return marker is ANALYTE.HCY and mentions([medicine.name], FOLIC_ACID_TERMS)


def _low_folate_on(person: Person, day: dt.date) -> bool:
    return any(
        lab.analyte is ANALYTE.FOLATE
        and lab.date == day
        and markers.folate_low(lab.canonical_value)
        for lab in person.lab_results
    )


def earlier_low(person: Person, ctx: Context) -> LabResult | None:
    """A current first-line result pointing to deficiency, earlier than a later one that does not,
    with no B12 treatment now: a low B12 that a course of treatment (or nothing) has since
    raised, whose cause is still to be found (NICE NG239 asks for it; after injections serum B12
    reassures no one for months)."""
    # Not when the cause is known: pernicious anaemia or an operation (B12 for life), or a
    # plant-based diet that explains it; not for a child (the paediatric team's work-up).
    known = (
        pernicious_anaemia_named(person) or irreversible_cause(person) or plant_based(person.diet)
    )
    if ctx.injections or ctx.oral_b12 or known or nice_ng239.below_scope_age(person.age):
        return None
    first_line = sorted(
        (
            lab
            for lab in person.lab_results
            if lab.analyte in FIRST_LINE and lab.date and is_current(lab.date, ctx.assessed_on)
        ),
        key=lambda lab: lab.date or dt.date.min,
    )
    if len(first_line) < 2 or points_to_deficiency(first_line[-1], person.age):
        return None
    latest = first_line[-1].date
    return next(
        (
            lab
            for lab in first_line
            if lab.date and latest and lab.date < latest and points_to_deficiency(lab, person.age)
        ),
        None,
    )
