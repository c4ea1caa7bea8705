"""Confounders that change how B12 markers read; each becomes a caveat, never an error.

Sources: ../shared/knowledge/evidence.md §2.7 and DECISIONS.md ("Confounders that must appear as
caveats"): reduced kidney function, low folate, pregnancy, nitrous oxide, suspected pernicious anaemia
with a normal B12 (intrinsic-factor antibody interference), recent B12 supplementation, high-dose
biotin. Each has its own rule id and source below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.findings import Finding
from b12.core.kidney_blood.kidney_history import kidney_history
from b12.core.person import Ethnicity, Person, derived, latest_result
from b12.core.rules import Evidence, register
from b12.core.screening.medications import is_b12_injection
from b12.core.screening.surgery import pernicious_anaemia_diagnosed
from b12.core.screening.terms import mentions as mentions  # one reader, also imported from here
from b12.core.screening.terms import terms_for
from b12.core.sources import (
    BIOTIN_ASSAY,
    BNSSG_B12,
    CARMEL_2012,
    KIDNEY_MMA,
    MAYO_FOLATE,
    N2O_LELEU_2024,
    NWL_PATHOLOGY_NG239_1_3_13,
    PREGNANCY_B12,
    WOLFFENBUTTEL_2020,
)
from b12.core.status import nice_ng239
from b12.core.status.markers import RULE_FOLATE_LOW, folate_low
from b12.core.status.result_age import is_current
from b12.units import ANALYTE, REGISTRY, Analyte

EGFR_REDUCED_BELOW_ML_MIN = 60.0  # evidence.md §2.7 suggested flag

RULE_KIDNEY = register(
    "confounder.kidney.egfr60",
    "eGFR < 60 mL/min/1.73 m²: MMA and homocysteine rise independent of B12; cB12 reads lower",
    KIDNEY_MMA,
    Evidence.SECONDARY,
    {"EGFR_REDUCED_BELOW_ML_MIN": EGFR_REDUCED_BELOW_ML_MIN},
    note="The association is verified; the 60 mL/min/1.73 m² flag is evidence.md's suggestion.",
)
REDUCED = "reduced"
EGFR_BANDS = Bands(
    ANALYTE.EGFR,
    (
        Band(REDUCED, "eGFR < 60 mL/min/1.73 m²"),
        Band("not_reduced", "eGFR 60 mL/min/1.73 m² or more"),
    ),
    (Edge(stated_in(REGISTRY[ANALYTE.EGFR].canonical, EGFR_REDUCED_BELOW_ML_MIN), Closed.ABOVE),),
    RULE_KIDNEY,
)


def egfr_reduced(egfr_ml_min: float) -> bool:
    """eGFR below 60 mL/min/1.73 m² (MMA and homocysteine rise with it)."""
    return EGFR_BANDS.label_canonical(egfr_ml_min) == REDUCED


RULE_FOLATE = register(
    "confounder.folate-low",
    "Low serum folate raises homocysteine (MMA stays normal), so homocysteine and cB12 may overstate "
    "B12 deficiency; no folate correction is applied",
    MAYO_FOLATE,
    Evidence.VERIFIED,
)
RULE_PREGNANCY = register(
    "confounder.pregnancy",
    "Pregnancy lowers total B12 without functional deficiency; prefer active B12 (holoTC)",
    PREGNANCY_B12,
    Evidence.VERIFIED,
)
RULE_NITROUS_OXIDE = register(
    "confounder.nitrous-oxide",
    "Nitrous oxide inactivates B12: total B12 and even holoTC can look normal; MMA and "
    "homocysteine are the tests",
    N2O_LELEU_2024,
    Evidence.VERIFIED,
)
RULE_PERNICIOUS_ANAEMIA = register(
    "confounder.pernicious-anaemia-assay",
    "Suspected pernicious anaemia with a normal B12: intrinsic-factor antibodies can give "
    "false-normal results in competitive-binding assays",
    CARMEL_2012,
    Evidence.VERIFIED,
)
RULE_SUPPLEMENT = register(
    "confounder.recent-supplement",
    "Recent B12 supplementation raises total and active B12 (holoTC) first and can mask "
    "deficiency; MMA reflects cellular status",
    WOLFFENBUTTEL_2020,
    Evidence.VERIFIED,
    note="Active B12 too (red team round 16c, 7: the caveat on a holoTC reading said 'serum B12'): "
    "Bor, Nexo, Hvas, Clin Chem 2004;50:1043-9 (abstract, secondary here): after three 9 µg oral "
    "doses holoTC rose by a median 39%, serum B12 by 14%: 'Holo-TC concentrations ... reflect "
    "normal vitamin B12 absorption better than does serum vitamin B12'.",
)
# A supplement stopped shortly before the sample still raises it (red team round 17b, 03): serum
# B12 falls back with circulating cobalamin's elimination half-life of about 6 days, so 4 weeks
# (between 4 and 5 half-lives) is taken as the time a stopped supplement still counts.
SUPPLEMENT_WASHOUT_DAYS = 28
RULE_SUPPLEMENT_STOPPED = register(
    "status.confounders.recent-supplement-stopped",
    "A B12 supplement stopped within 4 weeks before the total or active B12 sample still counts "
    "as recent supplementation (the same caveat): serum B12 falls back only over weeks",
    WOLFFENBUTTEL_2020,
    # The 4 weeks is b12's number: no guideline gives a washout, and the half-life behind it was
    # read in a secondary place only.
    Evidence.UNVERIFIED,
    parameters={"SUPPLEMENT_WASHOUT_DAYS": SUPPLEMENT_WASHOUT_DAYS},
    note="Time course secondary: cobalamin's elimination half-life about 6 days (Wikipedia, "
    "Hydroxocobalamin/Cobalamin infobox, [P]); holoTC has a shorter circulating half-life than "
    "holohaptocorrin, which carries about 80% of serum B12 (Nexo & Hoffmann-Lücke, Am J Clin Nutr "
    "2011;94:359S, PMC3127504: about a quarter of circulating cobalamin is holoTC). 4 weeks is "
    "between 4 and 5 half-lives. No guideline gives a washout period.",
)
RULE_SPURIOUSLY_LOW = register(
    "confounder.spuriously-low",
    "Spuriously low total B12 occurs in myeloma, HIV infection, pregnancy and with the combined "
    "oral contraceptive pill; MMA may help show whether deficiency is present",
    BNSSG_B12,
    Evidence.VERIFIED,
)
RULE_ETHNICITY = register(
    "status.confounders.ethnicity-reference-range",
    "People of Black ethnicity may have a higher total-B12 reference range than people of White or "
    "Asian family backgrounds; take this into account with symptoms, signs and risk factors",
    NWL_PATHOLOGY_NG239_1_3_13,
    Evidence.SECONDARY,
    note="NICE NG239 1.3.13 as quoted by the lab; NASGP summary: 'may need treating at a lower "
    "level'. b12 reads the optional ethnicity field only for this note.",
)
RULE_BIOTIN = register(
    "confounder.biotin",
    "High-dose biotin can interfere with immunoassays, including B12",
    BIOTIN_ASSAY,
    Evidence.VERIFIED,
)

# Words that reveal a confounder in free-text conditions and medication names.
# The condition words are declared once, in the screening table.
NITROUS_OXIDE_TERMS = (*terms_for("nitrous_oxide"), "entonox")
PERNICIOUS_ANAEMIA_TERMS = (*terms_for("pernicious_anaemia"), *terms_for("atrophic_gastritis"))
B12_SUPPLEMENT_TERMS = (
    "cyanocobalamin",
    "hydroxocobalamin",
    "methylcobalamin",
    "adenosylcobalamin",
    "cobalamin",
    "vitamin b12",
    "b12",
)
BIOTIN_TERMS = ("biotin", "vitamin b7", "vitamin h")
COMBINED_PILL_TERMS = (
    "combined oral contraceptive",
    "combined pill",
    "microgynon",
    "contraceptive pill",
    "cocp",
    "oral contraceptive",
    "ethinylestradiol",
    "ethinyl estradiol",
    "ethinyloestradiol",
)
MYELOMA_TERMS = ("myeloma",)
HIV_TERMS = ("hiv", "human immunodeficiency virus")
# Condition words the confounder caveats read (the screening lists any other condition as unread).
CONFOUNDER_CONDITION_TERMS = (
    *NITROUS_OXIDE_TERMS,
    *PERNICIOUS_ANAEMIA_TERMS,
    *COMBINED_PILL_TERMS,
    *MYELOMA_TERMS,
    *HIV_TERMS,
)


def _texts(person: Person) -> list[str]:
    """Current conditions and medicine names (one list per those fields: read, never change)."""
    sources = (person.conditions, person.condition_dates, person.medications)
    return derived(person, "_condition_and_medicine_texts", sources, _condition_and_medicine_texts)


def _condition_and_medicine_texts(person: Person) -> list[str]:
    return [*person.current_conditions, *(m.name for m in person.medications)]


# Wording that puts the use in the past ("no longer uses nitrous oxide", "former N2O user"): still
# an exposure (its nerve damage shows after the use ends, evidence.md §2.7), but nothing to stop now.
# "In the past week" is recent use, not past use.
_PAST_USE = re.compile(
    r"\b(?:no longer|not any ?more|former(?:ly)?|ex-?users?|previously|used to|stopped|quit"
    r"|gave up|given up|ceased|history of|abstinent"
    r"|in the past(?! (?:few |couple of |\d+ )?(?:days?|nights?|weeks?|fortnight|months?)))\b",
    re.I,
)


def nitrous_oxide_in_use(person: Person) -> bool:
    """Nitrous oxide named in the current conditions or the medicines, not written as past use
    ("no longer uses nitrous oxide" is an exposure, :func:`nitrous_oxide_exposure`, not a use to
    stop now)."""
    return any(
        mentions([text], NITROUS_OXIDE_TERMS) and _PAST_USE.search(text) is None
        for text in _texts(person)
    )


def nitrous_oxide_named(person: Person) -> bool:
    """Nitrous oxide named in the current conditions or the medicines, in use or in the past."""
    return mentions(_texts(person), NITROUS_OXIDE_TERMS)


def nitrous_oxide_exposure(person: Person, assessed_on: dt.date | None = None) -> bool:
    """Nitrous oxide in use, or stopped while symptoms are current: ended after a current symptom
    began, or within the current-result window (12 months) before ``assessed_on`` whatever the
    onset, since its nerve damage can show weeks after the use ends (B12 stays inactivated).
    Serum B12 can then look normal while MMA and homocysteine tell (DECISIONS.md). Past use
    named without a date ("no longer uses nitrous oxide") counts, as the screening reads it."""
    if nitrous_oxide_named(person):
        return True
    current = [person.course_of(s) for s in person.current_symptoms]
    if not current:
        return False
    onsets = [c.onset for c in current if c is not None and c.onset]
    return any(
        d.resolved_on is not None
        and mentions([d.condition], NITROUS_OXIDE_TERMS)
        and (
            any(onset <= d.resolved_on for onset in onsets)
            or (assessed_on is not None and is_current(d.resolved_on, assessed_on))
        )
        for d in person.condition_dates
    )


def pernicious_anaemia_named(person: Person) -> bool:
    """A positive intrinsic-factor antibody, or pernicious anaemia or autoimmune gastritis listed
    (even where ``condition_dates`` mark it resolved: it does not resolve, NICE NG239)."""
    sources = (person.conditions, person.medications, person.labs)  # read ~3 times per assessment
    return derived(person, "_pernicious_anaemia_named", sources, _pernicious_anaemia_named)


def _pernicious_anaemia_named(person: Person) -> bool:
    texts = [*person.own_conditions, *(m.name for m in person.medications)]
    return person.intrinsic_factor_antibody_positive or mentions(texts, PERNICIOUS_ANAEMIA_TERMS)


# Caveats read from the names the person file lists, in the order they are reported: whether only
# medicines are read (else conditions too), the terms, and the caveat.
_LISTED_CAVEATS = (
    (
        True,
        B12_SUPPLEMENT_TERMS,
        Finding(
            code="recent_supplement",
            message="A B12 supplement is listed: total and active B12 (holoTC) rise first after "
            "supplementation and can mask deficiency; MMA reflects cellular status better",
            rules=(RULE_SUPPLEMENT,),
        ),
    ),
    (
        False,
        COMBINED_PILL_TERMS,
        Finding(
            code="spuriously_low.combined_oral_contraceptive",
            message="The combined oral contraceptive pill can make total B12 read low without "
            "deficiency: MMA or active B12 (holoTC) helps tell",
            rules=(RULE_SPURIOUSLY_LOW,),
        ),
    ),
    (
        False,
        MYELOMA_TERMS,
        Finding(
            code="spuriously_low.myeloma",
            message="Myeloma can make total B12 read low without deficiency: MMA or active B12 "
            "(holoTC) helps tell",
            rules=(RULE_SPURIOUSLY_LOW,),
        ),
    ),
    (
        False,
        HIV_TERMS,
        Finding(
            code="spuriously_low.hiv",
            message="HIV infection can make total B12 read low without deficiency: MMA or active B12 "
            "(holoTC) helps tell",
            rules=(RULE_SPURIOUSLY_LOW,),
        ),
    ),
    (
        True,
        BIOTIN_TERMS,
        Finding(
            code="biotin",
            message="Biotin is listed: high-dose biotin can interfere with B12 immunoassays; "
            "ask the lab whether to pause it before the test",
            rules=(RULE_BIOTIN,),
        ),
    ),
)


_CAVEAT_MEDICINE_TERMS = (
    *NITROUS_OXIDE_TERMS,
    *(t for _, caveat_terms, _ in _LISTED_CAVEATS for t in caveat_terms),
)


def read_in_medicine(name: str) -> bool:
    """Whether a caveat reads this medicine name ("Microgynon": the combined pill's caveat), so
    that it is never also reported as a medicine b12 did not read."""
    return mentions([name], _CAVEAT_MEDICINE_TERMS)


def _first_line_sample_days(person: Person) -> list[dt.date]:
    """The dates of the latest total and active B12 samples (the results a supplement or biotin
    can distort)."""
    return [
        lab.date
        for analyte in (ANALYTE.B12, ANALYTE.HOLOTC)
        if (lab := latest_result(person, analyte)) is not None and lab.date is not None
    ]


def _medicines_at_sample(person: Person) -> list[str]:
    """The medicines taken when the total or active B12 blood was drawn. A supplement or biotin
    distorts only blood drawn while it is taken (serum B12 rises after supplementation starts,
    Wolffenbuttel 2020; biotin interferes with the sample it is in): one started after the last
    sample, or stopped before it, has nothing to mask. Without a dated sample every listed
    medicine counts (biotin's caveat then advises before the test)."""
    days = _first_line_sample_days(person)
    if not days:
        return [m.name for m in person.medications]
    return [m.name for m in person.medications if any(m.taken_on(day) for day in days)]


def _supplement_stopped_before_sample(person: Person) -> Finding | None:
    """A B12 supplement (not an injection: its own caveat) stopped on a known day within
    :data:`SUPPLEMENT_WASHOUT_DAYS` before the latest total or active B12 sample."""
    days = _first_line_sample_days(person)
    for m in person.medications:
        stop = m.stop_date
        if stop is None or is_b12_injection(m) or not mentions([m.name], B12_SUPPLEMENT_TERMS):
            continue
        for day in days:
            if stop <= day and (day - stop).days <= SUPPLEMENT_WASHOUT_DAYS:
                return Finding(
                    code="recent_supplement",
                    message=f"A B12 supplement ({m.name}) was stopped on {stop}, "
                    f"{(day - stop).days} days before the B12 sample ({day}): total and active "
                    "B12 (holoTC) stay raised for weeks after supplementation and can mask "
                    "deficiency; MMA reflects cellular status better",
                    rules=(RULE_SUPPLEMENT, RULE_SUPPLEMENT_STOPPED),
                )
    return None


def _listed_caveats(person: Person) -> list[Finding]:
    medicines = _medicines_at_sample(person)
    texts = _texts(person)
    found = [
        caveat
        for medicines_only, terms, caveat in _LISTED_CAVEATS
        if mentions(medicines if medicines_only else texts, terms)
    ]
    if (
        person.medications
        and not any(c.code == "recent_supplement" for c in found)
        and (stopped := _supplement_stopped_before_sample(person)) is not None
    ):
        found.insert(0, stopped)
    return found


def _named_kidney_disease(person: Person) -> str | None:
    """CKD stage 3-5 or dialysis named in the person file (KDIGO G3 and below: eGFR < 60)."""
    kidney = kidney_history(person.own_conditions, person.dialysis)
    if kidney is None or not kidney.reduced:
        return None
    if kidney.dialysis is not None:
        return "Dialysis"
    return f"CKD stage {kidney.stage}"


def caveats(
    person: Person,
    values: Mapping[Analyte, float],
    egfr: float | None,
    assessed_on: dt.date | None = None,
) -> list[Finding]:
    """Every confounder that applies to this person and these canonical values."""
    return [
        *_marker_caveats(person, values, egfr),
        *_exposure_caveats(person, assessed_on),
        *_listed_caveats(person),
        *_scope_caveats(person),
    ]


def _marker_caveats(
    person: Person, values: Mapping[Analyte, float], egfr: float | None
) -> list[Finding]:
    """Kidney function and folate, which raise MMA or homocysteine."""
    found: list[Finding] = []
    if egfr is not None and egfr_reduced(egfr):
        found.append(
            Finding(
                code="kidney_function",
                message=f"eGFR {egfr:.0f} mL/min/1.73 m² (< 60): MMA and homocysteine rise with "
                "reduced kidney function, so they (and cB12) may overstate B12 deficiency",
                rules=(RULE_KIDNEY,),
            )
        )
    elif egfr is None and (named := _named_kidney_disease(person)) is not None:
        found.append(
            Finding(
                code="kidney_function",
                message=f"{named} (no eGFR result): MMA and homocysteine rise with reduced kidney "
                "function, so they (and cB12) may overstate B12 deficiency",
                rules=(RULE_KIDNEY,),
            )
        )
    if (folate := values.get(ANALYTE.FOLATE)) is not None and folate_low(folate):
        found.append(
            Finding(
                code="low_folate",
                message=f"Serum folate {folate:.1f} nmol/L is low: homocysteine rises with folate "
                "deficiency, so homocysteine and cB12 may overstate B12 deficiency (no folate "
                "correction is applied)",
                rules=(RULE_FOLATE, RULE_FOLATE_LOW),
            )
        )
    return found


def lowers_only(code: str) -> bool:
    """Whether a caveat can only make serum B12 falsely LOW (pregnancy, a combined pill, myeloma,
    HIV): it does not undermine a result in the normal band, whose true value is if anything
    higher (BNSSG: "spuriously low levels ... pregnancy")."""
    return code == "pregnancy" or code.startswith("spuriously_low.")


def _exposure_caveats(person: Person, assessed_on: dt.date | None) -> list[Finding]:
    """Pregnancy, nitrous oxide and pernicious anaemia's assay interference."""
    found: list[Finding] = []
    if person.pregnant:
        found.append(
            Finding(
                code="pregnancy",
                message="Pregnancy lowers total B12 without functional deficiency: active B12 "
                "(holoTC) is the preferred test, and non-pregnant cut-offs do not apply directly",
                rules=(RULE_PREGNANCY, nice_ng239.RULE_PREGNANCY_ACTIVE),
            )
        )
    if nitrous_oxide_exposure(person, assessed_on):
        found.append(
            Finding(
                code="nitrous_oxide",
                message="Nitrous oxide exposure: total B12 and holoTC can look normal while B12 is "
                "inactivated; homocysteine and MMA are the informative tests",
                rules=(RULE_NITROUS_OXIDE,),
            )
        )
    b12 = latest_result(person, ANALYTE.B12)
    if (
        pernicious_anaemia_named(person)
        and b12 is not None
        and (band := nice_ng239.read(b12)) is not nice_ng239.NiceReading.DEFICIENCY_LIKELY
    ):
        # A recorded diagnosis is not "suspected" (red team round 14, finding 14).
        known = "recorded" if pernicious_anaemia_diagnosed(person) else "suspected"
        found.append(
            Finding(
                code="pernicious_anaemia_assay",
                message=f"Pernicious anaemia is {known} but total B12 is not low: "
                "intrinsic-factor antibodies can give falsely normal B12 results, so "
                f"{_NOT_LOW_RESULT.get(band, 'a result that is not low')} does not exclude a "
                "deficiency; if symptoms or signs of B12 deficiency are present, it should not "
                "delay treatment",
                rules=(RULE_PERNICIOUS_ANAEMIA,),
            )
        )
    return found


# The result the pernicious-anaemia caveat sits beside, in words: an indeterminate result is not
# "a normal result" (red team round 17, D4); a censored result spanning bands is "not low".
_NOT_LOW_RESULT: dict[nice_ng239.NiceReading | None, str] = {
    nice_ng239.NiceReading.INDETERMINATE: "an indeterminate result",
    nice_ng239.NiceReading.DEFICIENCY_UNLIKELY: "a normal result",
}


def _scope_caveats(person: Person) -> list[Finding]:
    """Ethnicity's reference range and NG239's age scope."""
    found: list[Finding] = []
    if person.ethnicity is Ethnicity.BLACK and latest_result(person, ANALYTE.B12) is not None:
        found.append(
            Finding(
                code="reference_range.ethnicity",
                message="NICE NG239: people of Black ethnicity may have a higher total-B12 "
                "reference range, so the usual cut-offs may reassure too soon; read this result "
                "together with symptoms, signs and risk factors",
                rules=(RULE_ETHNICITY,),
            )
        )
    if nice_ng239.below_scope_age(person.age):
        found.append(
            Finding(
                code="age_scope",
                message="NICE NG239 and the cB12 cut-offs were developed for people over 16; "
                "interpret with a paediatric specialist",
                rules=(nice_ng239.RULE_AGE_SCOPE,),
            )
        )
    return found
