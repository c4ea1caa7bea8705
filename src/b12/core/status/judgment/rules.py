"""Rules of the one judgment: when a functional marker counts as raised, what may explain it, how
treatment, masking caveats and clinical signs change the reading, and how confidence and urgency
are set.

Sources: DECISIONS.md "One judgment"; NICE NG239 (2024); BSH 2014 (Devalia et al., Br J Haematol
166:496-513); BNSSG ICB B12 guideline; Danish age-specific MMA reference intervals (evidence.md
§2.6). The marker thresholds stay in their instrument modules (:mod:`b12.core.status.epidemiology`,
:mod:`b12.core.status.markers`, :mod:`b12.core.kidney_blood.blood_count`, :mod:`b12.core.status.nice_ng239`);
the judgment's own cut-offs (the older-age MMA interval, the recent-injection window, the review
time) are declared here as bands (:mod:`b12.core.bands`).
"""

from __future__ import annotations

from b12.core.bands import Band, Bands, Closed, Edge, Stratified, Stratum, Within, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import (
    B12_JUDGMENT,
    BNF_B12,
    BNSSG_B12,
    BSH_2014,
    DANISH_MMA_AGE,
    HIGH_B12_LABS,
    IREVALL_2017_INFANT_B12,
    LOTHIAN_B12_MONITORING,
    NASGP_NG239,
    NICE_NG239,
    SPS_NG239_ONGOING,
    Source,
)
from b12.units import ANALYTE, REGISTRY

MMA_UPPER_REFERENCE_65_AND_OVER_UMOL_L = 0.46  # Danish reference interval, 65 years and over
OLDER_MMA_REFERENCE_FROM_AGE_YEARS = 65.0
REVIEW_AFTER_START_MONTHS = 3  # NG239 via NASGP: review 3 months after starting treatment
REVIEW_PREGNANCY_MONTHS = 1  # ... and 1 month in pregnancy or breastfeeding (NASGP)
RECENT_INJECTION_WINDOW_MONTHS = 3.0  # one BNF maintenance interval
# A marker still outside its limit on treatment counts as better when its distance beyond the
# limit has fallen to this fraction of the distance before treatment, or less. b12's choice: the
# sources say the indices "should be normalising" at 8 weeks and give no size.
RESPONSE_GAP_LEFT_AT_MOST_FRACTION = 0.5

RULE_FUNCTIONAL_RAISED = register(
    "status.functional-marker-raised",
    "A functional marker is raised when above the lab's printed upper reference limit, else MMA > "
    "0.271 µmol/L or homocysteine > 15 µmol/L",
    BSH_2014,
    Evidence.VERIFIED,
    note="BSH 2014: local reference ranges should be used; the fallback cut-offs are the rules "
    "epi.mma.271 and clinical.hcy.15.",
)
RULE_FUNCTIONAL_NOT_REASSURING = register(
    "status.raised-functional-never-unlikely",
    "A raised MMA or homocysteine with a B12 that is not low is at least a possible functional "
    "deficiency; kidney function, folate and age are named as explanations and lower the "
    "confidence, never the level",
    B12_JUDGMENT,
    Evidence.SECONDARY,
    note="BSH 2014: MMA and homocysteine are second-line tests of function; DECISIONS.md sets how "
    "b12 combines them.",
)
RULE_AGE_MMA = register(
    "status.older-age-mma",
    "From 65 years, MMA up to 0.46 µmol/L lies within the age-specific reference interval: older "
    "age may explain a mildly raised MMA",
    DANISH_MMA_AGE,
    Evidence.VERIFIED,
    {
        "MMA_UPPER_REFERENCE_65_AND_OVER_UMOL_L": MMA_UPPER_REFERENCE_65_AND_OVER_UMOL_L,
        "OLDER_MMA_REFERENCE_FROM_AGE_YEARS": OLDER_MMA_REFERENCE_FROM_AGE_YEARS,
    },
)
OLDER = "65_and_over"
OLDER_AGE_BANDS = Bands(
    None,
    (Band("under_65", "under 65 years"), Band(OLDER, "65 years and over")),
    # "From 65 years": 65 itself is in the older interval.
    (Edge(stated_in("years", OLDER_MMA_REFERENCE_FROM_AGE_YEARS), Closed.ABOVE),),
    RULE_AGE_MMA,
)
WITHIN_OLDER_REFERENCE = "within_older_reference"
OLDER_MMA_REFERENCE = Stratified(
    scope=(Within("age", OLDER_AGE_BANDS, OLDER),),
    strata=(
        Stratum(
            (),
            Bands(
                ANALYTE.MMA,
                (
                    Band(WITHIN_OLDER_REFERENCE, "MMA up to 0.46 µmol/L (65 years and over)"),
                    Band("above_older_reference", "MMA above 0.46 µmol/L"),
                ),
                # "Up to 0.46 µmol/L": 0.46 itself lies within the interval.
                (
                    Edge(
                        stated_in(
                            REGISTRY[ANALYTE.MMA].canonical, MMA_UPPER_REFERENCE_65_AND_OVER_UMOL_L
                        ),
                        Closed.BELOW,
                    ),
                ),
                RULE_AGE_MMA,
            ),
        ),
    ),
    rule=RULE_AGE_MMA,
)
RULE_MASKED_NORMAL = register(
    "status.masked-normal-b12",
    "A normal total or active B12 is not reassuring when a caveat says it can be falsely normal "
    "(nitrous oxide, suspected autoimmune gastritis, a recent B12 injection, or recent B12 "
    "supplements with symptoms); MMA or homocysteine decide. Supplements without symptoms and "
    "biotin lower the confidence instead",
    B12_JUDGMENT,
    Evidence.SECONDARY,
    note="Each caveat has its own rule (confounder.*) with its source.",
)
RULE_ON_IM_SERUM_UNUSABLE = register(
    "status.on-injections-serum-not-usable",
    "While B12 injections continue, serum B12 and holoTC are not usable to judge status or "
    "response ('unnecessary and uninformative')",
    BNSSG_B12,
    Evidence.VERIFIED,
)
RULE_RECENT_INJECTION = register(
    "status.recent-injection",
    "A B12 injection given within one maintenance interval (3 months) before the sample still "
    "raises serum B12 and holoTC: a normal result is not reassuring",
    BNF_B12,
    Evidence.SECONDARY,
    {"RECENT_INJECTION_WINDOW_MONTHS": RECENT_INJECTION_WINDOW_MONTHS},
    note="An inference: the BNF gives hydroxocobalamin every 3 months in maintenance (levels last "
    "that long); BNSSG: on parenteral B12 serum levels 'will always be high'. No source states a "
    "window directly. Injections recorded as stopped without a date are read as possibly within "
    "the window (the last one may be days old).",
)
RECENT = "recent"
RECENT_INJECTION_BANDS = Bands(
    None,
    (
        Band(RECENT, "within one maintenance interval (3 months) before the sample"),
        Band("not_recent", "3 months or more before the sample"),
    ),
    # No source states the window, so no wording fixes its closed side: as before, an injection
    # exactly 3 months before the sample is not recent.
    (Edge(stated_in("months", RECENT_INJECTION_WINDOW_MONTHS), Closed.ABOVE),),
    RULE_RECENT_INJECTION,
)
RULE_RESPONSE = register(
    "status.on-treatment-response",
    "On treatment the response is judged from symptoms, haemoglobin and MCV, and MMA or "
    "homocysteine; review 3 months after starting (1 month if pregnant or breastfeeding)",
    NASGP_NG239,
    Evidence.SECONDARY,
    {
        "REVIEW_AFTER_START_MONTHS": float(REVIEW_AFTER_START_MONTHS),
        "REVIEW_PREGNANCY_MONTHS": float(REVIEW_PREGNANCY_MONTHS),
    },
)
# Cited here only: the one rule on the anaemia work-up outside B12 that the judgment asks for.
BPAC_IRON_2013 = Source(
    "bpac-nz-iron-2013",
    "bpacnz (Best Practice Advocacy Centre New Zealand). Investigating iron deficiency anaemia: "
    "practical tips. Best Tests, December 2013",
    "https://bpac.org.nz/Report/2013/December/anaemia.aspx",
)
MICROCYTIC_MCV_BELOW_FL = 80.0  # bpacnz 2013: microcytic anaemia is an MCV < 80 fL with anaemia
RULE_WORKING_BLOOD_OTHER_CAUSE = register(
    "status.judgment.rules.working-b12-blood-count-other-cause",
    "On treatment, with MMA or homocysteine normal past the review time, B12 is at work in the "
    "cells: a haemoglobin or MCV not better than before treatment is no failure of B12 but has "
    "another cause; with anaemia and an MCV under 80 fL serum ferritin looks for iron deficiency",
    BPAC_IRON_2013,
    Evidence.SECONDARY,
    {"MICROCYTIC_MCV_BELOW_FL": MICROCYTIC_MCV_BELOW_FL},
    note="bpacnz: 'Microcytic anaemia is defined as a mean cell volume < 80 fL'; 'the most "
    "frequent cause of microcytic anaemia ... is iron deficiency'; 'Ferritin should be used to "
    "investigate suspected iron deficiency anaemia'. That a normal MMA shows B12 at work is "
    "Wolffenbuttel 2020 ('MMA reflects cellular status'; rule "
    "status.judgment.conclude.functional-settles-serum-caveat).",
)
RULE_ADHERENCE = register(
    "status.judgment.rules.adherence-first",
    "No response on treatment: first check that the doses were taken or given (with the loading "
    "course), then review the dose, form or diagnosis",
    BSH_2014,
    Evidence.SECONDARY,
    note="BSH 2014 key recommendation 5 as quoted by the breadth-vignette checker: oral therapy "
    "may be suitable 'provided appropriate doses are taken and compliance is not an issue'.",
)
RULE_RESPONSE_TREND = register(
    "status.judgment.rules.response-trend",
    "On treatment the response is read against the last value before treatment: a marker still "
    "outside its limit but at most half as far beyond it as before is better, not yet normal "
    "(recheck it); without a value before treatment an abnormal haemoglobin or MCV is not called "
    "'not better', and a raised MMA or homocysteine is called still raised",
    LOTHIAN_B12_MONITORING,
    Evidence.SECONDARY,
    {"RESPONSE_GAP_LEFT_AT_MOST_FRACTION": RESPONSE_GAP_LEFT_AT_MOST_FRACTION},
    note="BMJ Best Practice (evidence.md §5.1): MMA, homocysteine and MCV 'should normalise in 8 "
    "weeks with adequate treatment'; NHS Lothian: at 8 weeks the MCV 'should be normalising'. The "
    "fraction is b12's choice: no source gives a size (homocysteine 40 -> 38 µmol/L stays no "
    "response).",
)
RULE_BLOOD_COUNT_FELL = register(
    "status.judgment.rules.blood-count-fell-on-treatment",
    "On treatment, a haemoglobin or MCV that was normal on an earlier result and is abnormal now "
    "(with no result before treatment to compare) has worsened on it: the response is not as "
    "expected (the doses first, then other causes)",
    LOTHIAN_B12_MONITORING,
    Evidence.SECONDARY,
    note="NHS Lothian monitors the response with the full blood count ('The mean cell volume "
    "(MCV) should be normalising'); BNSSG: on established injections the blood count, not serum "
    "B12, is followed. Once treatment has restored them the indices 'normalise within 2 months "
    "irrespective of the starting level. Failure to respond implies a wrong or incomplete "
    "diagnosis' (Bennett & Brown, Clinical Pharmacology, as reproduced online): a count that "
    "falls back out of range on treatment is no response (red team round 15b, finding 52).",
)
RULE_LOW_DESPITE_INJECTIONS = register(
    "status.judgment.rules.low-b12-despite-injections",
    "Injections can only raise serum B12 and holoTC: a result in NG239's deficiency band during "
    "or within 3 months of B12 injections is read as low (injections not given, or not enough), "
    "never set aside as unreadable",
    B12_JUDGMENT,
    Evidence.SECONDARY,
    note="DECISIONS.md sets serum B12 aside on injections because 'injections raise' it: the "
    "reason runs one way only. NICE NG239: 'less than 180 ng/L (133 pmol/L)' = deficiency likely.",
)
# Nerve symptoms with no B12 result yet (red team round 15, finding 32): the blood is taken first,
# then treatment starts without waiting for the result.
BMJ_BP_B12_MANAGEMENT = Source(
    "bmj-bp-b12-management",
    "BMJ Best Practice, Vitamin B12 deficiency, management approach: 'Patients with severe "
    "haematological or neurological symptoms of vitamin B12 deficiency require immediate treatment'; "
    "'if vitamin B12 deficiency is clinically suspected despite normal or high serum vitamin B12 "
    "levels, treatment should be commenced while awaiting results of further investigations'",
    "https://bestpractice.bmj.com/topics/en-gb/822/management-approach",
)
ESPEN_2022_MICRONUTRIENTS = Source(
    "espen-2022-micronutrients",
    "Berger MM, Shenkin A, et al. ESPEN micronutrient guideline. Clin Nutr 2022;41:1357-1424 "
    "(vitamin B12, as summarised by a secondary source: 'Sampling should be performed prior to any "
    "intramuscular (IM) administration of cobalamin')",
    "https://doi.org/10.1016/j.clnu.2022.02.015",
)
RULE_SAMPLE_BEFORE_TREATMENT = register(
    "status.judgment.rules.neurological-sample-first",
    "Nerve or memory symptoms with no current B12, holoTC, MMA or homocysteine result: the urgency "
    "stays urgent; the blood sample is taken first (the same day), then treatment starts without "
    "waiting for the result, since an injection makes serum B12 unreadable for months. With a "
    "result that leaves further tests asked for that B12 changes (B12, holoTC, MMA, homocysteine, "
    "intrinsic-factor antibodies), their samples are likewise taken the same day, before any "
    "(more) B12 is given, and treatment does not wait for their results",
    BMJ_BP_B12_MANAGEMENT,
    Evidence.SECONDARY,
    note="Treat without waiting: BMJ Best Practice (above) and BSH 2014 key recommendation 4 "
    "('treatment should not be delayed to avoid neurological impairment', said of a discordant "
    "result). Sample first: ESPEN 2022 via a secondary summary ('Sampling should be performed "
    "prior to any intramuscular (IM) administration of cobalamin'); b12's own rules "
    "status.on-injections-serum-not-usable (BNSSG) and the 3-month recent-injection window. NICE "
    "NG239: 'Offer an initial diagnostic test (total or active B12)'. The further tests (red team "
    "round 15b, finding 47): BSH 2014 says not to delay treatment, not to skip the sample; serum "
    "B12 and holoTC stay high for months after an injection (DECISIONS.md) and MMA and "
    "homocysteine 'should normalise in 8 weeks with adequate treatment' (BMJ Best Practice, "
    "evidence.md §5.1), so a sample taken after treatment has started no longer shows the status "
    "NICE NG239's further MMA test is asked to settle. The intrinsic-factor antibody test too: "
    "'A GIFab sample should not be collected from a patient who has received a vitamin B12 "
    "injection in the last week as free vitamin B12 can give a false positive result' (Leeds "
    "Teaching Hospitals pathology handbook, gastric intrinsic factor antibodies; Mayo Clinic "
    "Laboratories: not within 2 weeks of an injection).",
)
RULE_PERSISTING_OTHER_CAUSE = register(
    "status.judgment.rules.persisting-symptoms-other-causes",
    "Symptoms persisting once the blood markers have normalised on treatment may have another "
    "cause for the clinician to look for; the treatment continues",
    SPS_NG239_ONGOING,
    Evidence.SECONDARY,
    note="NICE NG239 1.1.2 (quoted by the checker): the symptoms 'may also be associated with "
    "many other conditions'; NHS Lothian RefHelp: symptoms not responding to IM treatment are "
    "unlikely to be due to B12. Applied to any persisting symptom, an extrapolation the checker "
    "states.",
)
TOO_EARLY = "too_early"


def months_text(months: int) -> str:
    """ "1 month", "3 months"."""
    return f"{months} month{'s' if months > 1 else ''}"


def _review_bands(months: int) -> Bands:
    period = months_text(months)
    return Bands(
        None,
        (
            Band(TOO_EARLY, f"less than {period} after starting treatment"),
            Band("review_due", f"review {period} after starting"),
        ),
        # "Review 3 months after starting": review is due from 3 months itself.
        (Edge(stated_in("months", float(months)), Closed.ABOVE),),
        RULE_RESPONSE,
    )


REVIEW_BANDS = _review_bands(REVIEW_AFTER_START_MONTHS)
REVIEW_BANDS_PREGNANCY = _review_bands(REVIEW_PREGNANCY_MONTHS)
RULE_DISCORDANT = register(
    "bsh2014.discordant",
    "Discordant tests with strong clinical features: do not delay treatment",
    BSH_2014,
    Evidence.VERIFIED,
)
RULE_CHILD_SIGNS = register(
    "status.judgment.rules.child-signs-outweigh-range",
    "Under 16, nerve or developmental signs, low tone, feeding difficulties or faltering growth "
    "outweigh a total B12 inside the lab's range: deficiency is not excluded (infant deficiency is "
    "defined by a low B12 and/or raised homocysteine or MMA), so homocysteine and MMA are needed "
    "and the paediatric team sees the child",
    IREVALL_2017_INFANT_B12,
    Evidence.SECONDARY,
    note="Abstract read, with BSH 2014's discordance rule (bsh2014.discordant) and the infant signs "
    "(screening.rules.infant-signs); no paediatric guideline sentence was read (vignette "
    "inf-9mo-breastfed-vegan-mother-low-tone-b12-in-range).",
)
RULE_CHILD_UNREAD = register(
    "status.judgment.rules.child-unread-b12-functional",
    "Under 16, a total B12 that adult bands would call low or borderline, with no lab range beside "
    "it, is not read against adult bands; homocysteine and MMA show the status (infant deficiency "
    "is defined by a low B12 and/or raised homocysteine or MMA), for the paediatric team",
    IREVALL_2017_INFANT_B12,
    Evidence.SECONDARY,
    note="Abstract read; with NICE NG239's age scope (nice-ng239.scope-over-16). Found by a red "
    "team: a breastfed 6-month-old of a mother with untreated pernicious anaemia, B12 190 pmol/L "
    "without a range, was sent to a paediatric clinician with no test to ask for.",
)
RULE_NO_ADULT_FUNCTIONAL_UNDER_6_MONTHS = register(
    "status.judgment.rules.no-adult-functional-cut-offs-under-6-months",
    "Under 6 months an MMA or homocysteine without the lab's own upper limit is not read against "
    "the adult cut-offs (0.271 and 15 µmol/L): it is for the paediatric clinician, and one that "
    "adult cut-offs would call raised is not left at routine",
    NICE_NG239,
    Evidence.SECONDARY,
    note="NG239 covers people over 16 and no infant MMA or homocysteine limit was read, so none is "
    "applied; the line is where b12 already reads no adult-derived blood threshold (WHO 2011 "
    "states no anaemia threshold under 6 months). Red team round 13: a 5-month-old with low tone "
    "was called 'deficiency unlikely' from adult cut-offs. From 6 months an unranged result is "
    "still read against them (a round-11 clinical test reads a 2-year-old's MMA 0.2 and "
    "homocysteine 8 as normal).",
)
RULE_UNTREATED_FUNCTIONAL = register(
    "status.judgment.rules.untreated-functional-marker",
    "A raised MMA or homocysteine that no B12 treatment followed is not settled by a later total "
    "or active B12 alone: it is named with its date, and the marker is repeated (or B12 treated)",
    B12_JUDGMENT,
    Evidence.SECONDARY,
    note="DECISIONS.md: a raised MMA or homocysteine with a normal or indeterminate B12 is never "
    "reported as adequate; total B12 fluctuates within a person, so a later normal value does not "
    "undo an untreated functional sign (vignettes fm-*, high_results_weight_and_infants.yaml). No "
    "guideline sentence on this sequence was found.",
)
RULE_NITROUS_OXIDE_STOP = register(
    "status.nitrous-oxide-stop",
    "Suspected deficiency from nitrous oxide: advise stopping nitrous oxide; homocysteine (and MMA) "
    "are the tests",
    NICE_NG239,
    Evidence.SECONDARY,
    note="Homocysteine as the test: NG239 via the Pulse summary ('If you suspect nitrous oxide "
    "misuse, the preferred test is plasma homocysteine') and the July 2023 draft. Stopping: RCH "
    "Melbourne nitrous oxide guideline ('Discontinuation of N2O ... [is a] mainstay of "
    "management'); NG239's own wording on stopping was not read.",
)
RULE_AUTOIMMUNE_GASTRITIS = register(
    "status.autoimmune-gastritis-antibodies",
    "Suspected autoimmune gastritis (pernicious anaemia) or confirmed deficiency without a clear "
    "dietary cause: test for intrinsic-factor antibodies; a normal B12 does not exclude it",
    NICE_NG239,
    Evidence.SECONDARY,
    note="NICE CKS 2020 (reproduced by the Pernicious Anaemia Society): 'If cobalamin levels are "
    "low, check for serum anti-intrinsic factor antibodies. Also test people with strong clinical "
    "features ... despite a normal cobalamin level.' An NHS lab citing NG239: 'A negative IFAB does "
    "not rule out autoimmune gastritis'. NG239's own population was not read.",
)
RULE_FOLATE_B12_FIRST = register(
    "status.b12-before-folic-acid",
    "Low folate with low or unknown B12: check and treat B12 before starting folic acid alone",
    BNF_B12,
    Evidence.SECONDARY,
    note="NHS Coventry and Rugby GP gateway: 'If folic acid is given to a patient who is actually "
    "b12 deficient, this may precipitate irreversible neurological complications'.",
)
RULE_FULL_BLOOD_COUNT = register(
    "status.full-blood-count",
    "Haemoglobin and MCV are read as signs (anaemia, macrocytosis) alongside B12 tests",
    BSH_2014,
    Evidence.SECONDARY,
    note="NHS Forth Valley: 'B12 and folate should be tested concurrently'; NHS Lothian RefHelp "
    "lists FBC and film and serum folate among the initial tests.",
)
RULE_CONFIDENCE = register(
    "status.confidence",
    "Confidence: high with two or more concordant markers, moderate with one, low with "
    "conflicting or only indeterminate markers; one step lower for each caveat or explanation",
    B12_JUDGMENT,
    Evidence.UNVERIFIED,
    note="A b12 design choice (DECISIONS.md: written rules, never a probability).",
)
RULE_URGENCY = register(
    "status.urgency",
    "Urgency: urgent with neurological involvement; soon with a likely or possible deficiency, "
    "anaemia or macrocytosis, glossitis beside an indeterminate result, pregnancy, suspected "
    "autoimmune gastritis, nitrous oxide, or a poor response to treatment (a clinician's decision "
    "about B12 treatment is needed now); routine otherwise (only further tests asked)",
    B12_JUDGMENT,
    Evidence.UNVERIFIED,
    note="A b12 design choice built on the cited referral rules (treatment.*, referral.*).",
)
RULE_AS_OF = register(
    "status.judgment.rules.results-after-assessment-date",
    "Results dated after the person's assessment date, up to today, are read (the assessment moves "
    "to the latest such result's date); a result dated after today cannot have been taken yet and "
    "is not read, so the latest result up to the assessment date decides; the output says so, "
    "asking to check the dates",
    B12_JUDGMENT,
    Evidence.SECONDARY,
    note="A product rule, not a clinical threshold: a later result is never dropped silently, and "
    "an earlier reassuring result never stands in for a later worrying one; a date typo in the "
    "future never decides the judgment (red team round 16, D3).",
)
RULE_HIGH_B12 = register(
    "status.judgment.rules.high-b12-other-causes",
    "A total B12 above the lab's upper limit, or above the assay's measuring range, without B12 "
    "supplements or injections: say so, and that other conditions (such as liver disease or a "
    "myeloproliferative disorder) can raise it, for the clinician to consider",
    HIGH_B12_LABS,
    Evidence.SECONDARY,
    note="Laboratory pages, not a guideline: no NICE or BSH sentence on a high B12 was read "
    "(vignette ric-censored-b12-gt1476-pmoll).",
)
