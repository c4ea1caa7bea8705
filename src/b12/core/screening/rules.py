"""The screening rules: who is at risk of low B12, with their sources and evidence levels.

Sources are described in :mod:`b12.core.screening.screen`, which applies these rules. Units: years, months.
"""

from __future__ import annotations

from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import (
    B12_DECISIONS_SCREENING,
    IOM_1998_B12,
    MHRA_METFORMIN_2022,
    MILLER_2018,
    NICE_NG239,
    NICE_NG239_RISK_FACTORS,
    NICE_NG239_SIGNS_MOBILITY,
    ODS_B12,
    PA_AUTOIMMUNE_CKS,
    WIRTHENSOHN_2023_INFANT_B12,
)

OLDER_ADULT_ABOVE_AGE_YEARS = 50.0  # IOM: "adults over 50 years old"
ACID_SUPPRESSION_PROLONGED_FROM_MONTHS = 10  # Miller 2018: >= 10 months of PPI/H2RA use
DAYS_PER_MONTH = 30.4375  # 365.25 / 12, to turn dates into whole months

RULE_OFFER_TEST = register(
    "screening.nice-ng239.offer-test",
    "Offer a total or active B12 test to people with at least one symptom or sign and at least one "
    "risk factor",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_DISCUSS = register(
    "screening.discuss-without-symptoms",
    "Risk factors without symptoms: list them and say that screening is worth discussing",
    B12_DECISIONS_SCREENING,
    Evidence.UNVERIFIED,
    note="b12's own choice (DECISIONS.md) beside NG239's test offer; the risk factors named carry "
    "their own sources. It no longer cites the press summaries of Castillo et al. J Nutr 2026 (a "
    "mouse study), which state no human screening rule (red team round 17, note on 14).",
)
RULE_SYMPTOMS_WITHOUT_RISK = register(
    "screening.rules.symptoms-without-risk-factor",
    "A symptom or sign without a listed risk factor: NG239's test offer (a symptom with a risk "
    "factor) does not apply; discuss the symptoms with a clinician, who may still test",
    NICE_NG239_RISK_FACTORS,
    Evidence.SECONDARY,
    note="Pulse's NG239 summary: NICE advises a test for people in the risk categories who present "
    "with a common symptom or sign; 'However, clinical judgement often leads to testing of those "
    "with symptoms who may not fall into a typical at-risk group.'",
)
RULE_SYMPTOMS = register(
    "screening.symptoms",
    "Common symptoms and signs: fatigue, neuropathy (numbness, tingling, balance), cognitive "
    "change, glossitis, falls or mobility problems (rule screening.rules.falls)",
    NICE_NG239,
    Evidence.SECONDARY,
    note="The full NG239 symptom list was not read; terms from the project brief.",
)
RULE_FALLS = register(
    "screening.rules.falls",
    "Falls or mobility problems, written or measured (an adult's gait speed, SPPB, TUG or 400 m "
    "walk below its EWGSOP2 cut-off), are a sign: with a risk factor, a B12 test is offered; "
    "they are not read as a neurological presentation (no urgency, no neurological injection "
    "regimen), since a fall or slow walking has many causes",
    NICE_NG239_SIGNS_MOBILITY,
    Evidence.SECONDARY,
    note="NG239's signs include 'Neurological/mobility problems' (Slater Gordon's summary); b12's "
    "choice, conservative: falls count as a sign for the test offer, but only a named "
    "neurological symptom (unsteadiness, numbness, balance, gait) makes the presentation "
    "neurological. Red team round 17, D1 and D3.",
)
INFANT_SIGNS_BELOW_AGE_YEARS = 16.0  # under NG239's scope: a child's signs
RULE_INFANT_SIGNS = register(
    "screening.rules.infant-signs",
    "In babies and young children: developmental regression or delay and low tone (neurological, "
    "urgent), feeding difficulties or faltering growth",
    WIRTHENSOHN_2023_INFANT_B12,
    Evidence.SECONDARY,
    {"INFANT_SIGNS_BELOW_AGE_YEARS": INFANT_SIGNS_BELOW_AGE_YEARS},
    note="Terms from the systematic review's summary (292 published cases); the review itself "
    "was not read in full. Read under 16 (NG239's scope begins there): an adult's "
    "'developmental delay' is not this sign.",
)
RULE_OLDER_ADULT = register(
    "screening.risk.older-adult",
    "Adults over 50: 10-30% malabsorb food-bound B12 (atrophic gastritis); older adults are a risk "
    "group",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {"OLDER_ADULT_ABOVE_AGE_YEARS": OLDER_ADULT_ABOVE_AGE_YEARS},
    note="ODS lists older adults as a risk group (secondary); the > 50 y boundary is the IOM's.",
)
OLDER_ADULT = "older_adult"
OLDER_ADULT_BANDS = Bands(
    None,
    (Band("not_older", "50 years or younger"), Band(OLDER_ADULT, "adults over 50 years old")),
    # "Over 50 years": 50 itself is not over.
    (Edge(stated_in("years", OLDER_ADULT_ABOVE_AGE_YEARS), Closed.BELOW),),
    RULE_OLDER_ADULT,
)


def older_adult(age_years: float) -> bool:
    """Over 50 years (IOM): the older-adult risk group."""
    return OLDER_ADULT_BANDS.label_canonical(age_years) == OLDER_ADULT


RULE_DIET = register(
    "screening.risk.diet",
    "Vegan or low animal-food (vegetarian) diets are a risk factor",
    NICE_NG239_RISK_FACTORS,
    Evidence.SECONDARY,
)
RULE_VEGAN_PREGNANCY = register(
    "screening.risk.vegan-pregnancy",
    "Vegan or vegetarian diet in pregnancy or breastfeeding: a higher priority, because the infant "
    "depends on the mother's B12",
    ODS_B12,
    Evidence.SECONDARY,
)
RULE_CONDITIONS_NICE = register(
    "screening.risk.conditions.nice-ng239",
    "Autoimmune gastritis, coeliac disease, Sjögren's syndrome, type 1 diabetes, family history, "
    "bariatric surgery, gastrectomy, terminal ileal resection and abdominal or pelvic radiotherapy "
    "are risk factors",
    NICE_NG239_RISK_FACTORS,
    Evidence.SECONDARY,
)
RULE_GASTRIC_BAND = register(
    "screening.rules.gastric-band",
    "A gastric band is bariatric surgery, which NICE NG239 lists as a risk factor without naming "
    "procedures: a risk factor because it limits how much is eaten, not because it reduces B12 "
    "absorption (so it brings no lifelong B12)",
    NICE_NG239_RISK_FACTORS,
    Evidence.SECONDARY,
    note="NG239's box (Pulse summary) says 'bariatric surgery'. BOMSS 2020 Table 4 and the Devon "
    "formulary: the band 'has no direct impact on absorption of nutrients' (a complete "
    "multivitamin only, no B12 injections); Devon formulary: 'All bariatric surgical procedures "
    "compromise nutrition to varying extent, and have the potential to cause clinically "
    "significant deficiencies. Following bariatric surgery, patients require annual nutritional "
    "monitoring' (northeast.devonformularyguidance.nhs.uk, vitamin and mineral supplements "
    "following bariatric surgery). Red team round 16, D8.",
)
RULE_CONDITIONS_ODS = register(
    "screening.risk.conditions.ods",
    "Pernicious anaemia, Crohn's and coeliac disease, gastrectomy and bariatric surgery are risk "
    "factors",
    ODS_B12,
    Evidence.SECONDARY,
)
RULE_AUTOIMMUNE = register(
    "screening.risk.autoimmune",
    "Autoimmune thyroid disease, Addison's disease and vitiligo are associated with pernicious "
    "anaemia",
    PA_AUTOIMMUNE_CKS,
    Evidence.SECONDARY,
)
RULE_MEDICINES = register(
    "screening.risk.medicines.nice-ng239",
    "Metformin, PPIs, H2 blockers, colchicine, pregabalin, topiramate, phenobarbital, primidone "
    "and nitrous oxide are risk factors (chloramphenicol per ODS)",
    NICE_NG239_RISK_FACTORS,
    Evidence.SECONDARY,
)
RULE_ACID_SUPPRESSION_DURATION = register(
    "screening.risk.ppi-h2ra-duration",
    "PPI or H2 blocker for >= 10 months: B12 deficiency more likely (HR 1.83); monitor B12 with "
    "prolonged use",
    MILLER_2018,
    Evidence.SECONDARY,
    {
        "ACID_SUPPRESSION_PROLONGED_FROM_MONTHS": ACID_SUPPRESSION_PROLONGED_FROM_MONTHS,
        "DAYS_PER_MONTH": DAYS_PER_MONTH,
    },
)
PROLONGED = "prolonged"
ACID_SUPPRESSION_BANDS = Bands(
    None,
    (
        Band("shorter", "less than 10 months of PPI or H2 blocker use"),
        Band(PROLONGED, ">= 10 months of PPI or H2 blocker use"),
    ),
    # ">= 10 months": 10 itself is prolonged.
    (Edge(stated_in("months", float(ACID_SUPPRESSION_PROLONGED_FROM_MONTHS)), Closed.ABOVE),),
    RULE_ACID_SUPPRESSION_DURATION,
)
RULE_METFORMIN = register(
    "screening.risk.metformin-mhra",
    "Metformin commonly lowers B12, more so at higher dose or longer duration; consider periodic "
    "monitoring when other risk factors are present",
    MHRA_METFORMIN_2022,
    Evidence.VERIFIED,
)
RULE_NITROUS_OXIDE_TEST = register(
    "screening.nitrous-oxide.homocysteine-first",
    "Suspected deficiency from nitrous oxide: homocysteine is the initial test",
    NICE_NG239,
    Evidence.VERIFIED,
    note="NICE draft (July 2023) verified; final wording via Pulse.",
)
