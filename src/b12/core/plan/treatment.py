"""Doses, regimens, referral triggers and re-test intervals used by the plan.

Sources (../shared/knowledge/evidence.md §4-5 and DECISIONS.md "Treatment and supplement wording"):

- BNF via NHS Scotland East Region formulary (``verified``): oral cyanocobalamin 50-150 µg daily for
  dietary deficiency; IM hydroxocobalamin 1 mg three times a week for 2 weeks then every 3 months
  (no neurological involvement), or on alternate days until no further improvement then every
  2 months (neurological involvement); prophylaxis 1 mg every 3 months, e.g. after total
  gastrectomy or total ileal resection.
- NICE NG239 via the BMJ summary (``verified``): malabsorption, oral at least 1 mg a day.
  NICE draft 1.5.8 (``verified``): nitrous-oxide deficiency, IM or oral by preference.
- BMJ Best Practice (``verified``): older people may need > 500 µg/day orally; marginal vegans
  50 µg/day or 2000 µg/week.
- The Vegan Society (``secondary``): fortified foods 2-3 times a day for >= 3 µg/day, or >= 10 µg
  daily, or >= 2000 µg weekly. AND 2016 (``verified``): vegans need fortified foods or supplements.
- IOM 1998 (``verified``): > 50 y, get most B12 from fortified foods or a supplement; 1.5-2.5 µg per
  meal saturates intrinsic-factor uptake; malabsorption needs B12 under a physician's direction.
- Spirulina is pseudovitamin B12 (Watanabe 2002, ``verified``).
- Follow-up (NASGP summary of NG239, ``secondary``): review 3 months after starting, 1 month if
  pregnant or breastfeeding. BNSSG (``verified``): no routine serum B12 re-test on established IM
  therapy; borderline B12 with dietary advice, re-check in 3 months.
- NICE CKS (``secondary``): urgent haematology advice with neurological involvement.

Units: µg/day (oral), mg per injection, months.
"""

from __future__ import annotations

from b12.core.rules import Evidence, register
from b12.core.sources import (
    AND_2016_VEGETARIAN,
    B12_HUMAN_MUSCLE,
    BMJ_BP_B12,
    BNF_B12,
    BNSSG_B12,
    BSH_2014,
    CASTILLO_2026,
    CDC_BREASTFED_INFANT_B12,
    IOM_1998_B12,
    NASGP_NG239,
    NICE_CKS_B12,
    NICE_NG239,
    SPS_B12_PREGNANCY,
    VEGAN_SOCIETY_B12,
    WATANABE_2002,
)

ORAL_DIETARY_LOW_UG_DAY = 50.0
ORAL_DIETARY_HIGH_UG_DAY = 150.0
ORAL_MALABSORPTION_MIN_UG_DAY = 1000.0  # "at least 1 mg a day"
ORAL_OLDER_ABOVE_UG_DAY = 500.0
IM_DOSE_MG = 1.0
IM_LOADING_TIMES_PER_WEEK = 3
IM_LOADING_WEEKS = 2
IM_MAINTENANCE_EVERY_MONTHS = 3
IM_NEURO_MAINTENANCE_EVERY_MONTHS = 2
VEGAN_FORTIFIED_MIN_UG_DAY = 3.0
VEGAN_FORTIFIED_MIN_TIMES_PER_DAY = 2
VEGAN_FORTIFIED_MAX_TIMES_PER_DAY = 3
VEGAN_DAILY_SUPPLEMENT_MIN_UG = 10.0
VEGAN_WEEKLY_SUPPLEMENT_MIN_UG = 2000.0
MARGINAL_VEGAN_DAILY_UG = 50.0
MARGINAL_VEGAN_WEEKLY_UG = 2000.0
IF_SATURATION_LOW_UG_PER_MEAL = 1.5
IF_SATURATION_HIGH_UG_PER_MEAL = 2.5
RETEST_AFTER_TREATMENT_MONTHS = 3
RETEST_PREGNANCY_MONTHS = 1
BORDERLINE_RECHECK_MONTHS = 3

RULE_ORAL_DIETARY = register(
    "treatment.bnf.oral-dietary",
    "Dietary deficiency: oral cyanocobalamin 50-150 µg daily",
    BNF_B12,
    Evidence.VERIFIED,
    {
        "ORAL_DIETARY_LOW_UG_DAY": ORAL_DIETARY_LOW_UG_DAY,
        "ORAL_DIETARY_HIGH_UG_DAY": ORAL_DIETARY_HIGH_UG_DAY,
    },
)
RULE_ORAL_MALABSORPTION = register(
    "treatment.nice-ng239.malabsorption-1mg",
    "Deficiency caused or suspected to be caused by malabsorption: oral at least 1 mg a day",
    NICE_NG239,
    Evidence.VERIFIED,
    {"ORAL_MALABSORPTION_MIN_UG_DAY": ORAL_MALABSORPTION_MIN_UG_DAY},
)
RULE_ORAL_OLDER = register(
    "treatment.bmj-bp.older-500ug",
    "Older people may need oral doses > 500 µg/day for optimal absorption",
    BMJ_BP_B12,
    Evidence.VERIFIED,
    {"ORAL_OLDER_ABOVE_UG_DAY": ORAL_OLDER_ABOVE_UG_DAY},
)
RULE_IM = register(
    "treatment.bnf.im-hydroxocobalamin",
    "IM hydroxocobalamin 1 mg: 3 times a week for 2 weeks then every 3 months (no neurological "
    "involvement); alternate days until no further improvement then every 2 months (neurological "
    "involvement); prophylaxis every 3 months after total gastrectomy or ileal resection",
    BNF_B12,
    Evidence.VERIFIED,
    {
        "IM_DOSE_MG": IM_DOSE_MG,
        "IM_LOADING_TIMES_PER_WEEK": IM_LOADING_TIMES_PER_WEEK,
        "IM_LOADING_WEEKS": IM_LOADING_WEEKS,
        "IM_MAINTENANCE_EVERY_MONTHS": IM_MAINTENANCE_EVERY_MONTHS,
        "IM_NEURO_MAINTENANCE_EVERY_MONTHS": IM_NEURO_MAINTENANCE_EVERY_MONTHS,
    },
    note="A later BNF text (quoted by the Pernicious Anaemia Society) gives maintenance without "
    "neurological involvement as 'every 2-3 months'; b12 keeps the formulary's 3 months until the "
    "current BNF is read.",
)
RULE_NITROUS_OXIDE = register(
    "treatment.nice-ng239.nitrous-oxide",
    "Deficiency from nitrous oxide: intramuscular or oral B12 by preference, with a clinician",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_URGENT_NEURO = register(
    "referral.neurological-urgent",
    "Neurological involvement: seek urgent (haematology) advice; treatment should not wait",
    NICE_CKS_B12,
    Evidence.SECONDARY,
    note="NICE CKS (July 2020 text, before NG239): 'For people with neurological involvement seek "
    "urgent specialist advice from a haematologist'; BSH 2014: 'treatment should not be delayed "
    "to avoid neurological impairment'.",
)
RULE_PREGNANCY = register(
    "referral.pregnancy",
    "Pregnant or breastfeeding with low or unknown B12: see a clinician promptly; review 1 month "
    "after starting treatment",
    NASGP_NG239,
    Evidence.SECONDARY,
)
RULE_PREGNANCY_HAEMATOLOGY = register(
    "plan.treatment.pregnancy-urgent-haematology",
    "Pregnant with a low total B12 (in NG239's deficiency band) or a likely deficiency: seek urgent "
    "advice from a haematologist",
    SPS_B12_PREGNANCY,
    Evidence.SECONDARY,
    note="SPS (read on its own page) says it for deficiency anaemia in pregnancy; NICE CKS, read "
    "only as reproduced, for any deficiency in pregnancy. DECISIONS.md said 'promptly'; the "
    "guideline's 'urgent' is followed (decided 2026-12-05).",
)
RULE_BREASTFED_INFANT = register(
    "plan.treatment.breastfed-infant",
    "Breastfeeding without a normal B12: the breastfed baby can become deficient too; the baby's "
    "health visitor or doctor is told",
    CDC_BREASTFED_INFANT_B12,
    Evidence.SECONDARY,
)
RULE_PHYSICIAN = register(
    "referral.malabsorption-physician",
    "Malabsorption (pernicious anaemia, ileal Crohn's, gastrectomy, gastric bypass, ileal "
    "resection) needs B12 under a physician's direction",
    IOM_1998_B12,
    Evidence.VERIFIED,
)
RULE_FIND_CAUSE = register(
    "referral.find-cause",
    "The clinical picture matters most; with strong clinical features do not delay treatment",
    BSH_2014,
    Evidence.VERIFIED,
)
RULE_VEGAN_SOCIETY = register(
    "diet.vegan-society",
    "Vegans: fortified foods 2-3 times a day for >= 3 µg/day, or >= 10 µg daily, or >= 2000 µg "
    "weekly",
    VEGAN_SOCIETY_B12,
    Evidence.SECONDARY,
    {
        "VEGAN_FORTIFIED_MIN_UG_DAY": VEGAN_FORTIFIED_MIN_UG_DAY,
        "VEGAN_FORTIFIED_MIN_TIMES_PER_DAY": VEGAN_FORTIFIED_MIN_TIMES_PER_DAY,
        "VEGAN_FORTIFIED_MAX_TIMES_PER_DAY": VEGAN_FORTIFIED_MAX_TIMES_PER_DAY,
        "VEGAN_DAILY_SUPPLEMENT_MIN_UG": VEGAN_DAILY_SUPPLEMENT_MIN_UG,
        "VEGAN_WEEKLY_SUPPLEMENT_MIN_UG": VEGAN_WEEKLY_SUPPLEMENT_MIN_UG,
    },
)
RULE_AND_2016 = register(
    "diet.and-2016",
    "Vegans need reliable sources of B12, such as fortified foods or supplements",
    AND_2016_VEGETARIAN,
    Evidence.VERIFIED,
)
RULE_MARGINAL_VEGAN = register(
    "diet.bmj-bp.marginal-vegan",
    "Vegans or vegetarians with marginal stores: 50 µg/day or 2000 µg/week improved stores",
    BMJ_BP_B12,
    Evidence.VERIFIED,
    {
        "MARGINAL_VEGAN_DAILY_UG": MARGINAL_VEGAN_DAILY_UG,
        "MARGINAL_VEGAN_WEEKLY_UG": MARGINAL_VEGAN_WEEKLY_UG,
    },
)
RULE_OLDER_FORTIFIED = register(
    "diet.iom.older-fortified",
    "Over 50: obtain most B12 from fortified foods or a B12-containing supplement",
    IOM_1998_B12,
    Evidence.VERIFIED,
)
RULE_SPREAD_MEALS = register(
    "diet.iom.per-meal-saturation",
    "1.5-2.5 µg of B12 per meal saturates intrinsic-factor uptake, so spread sources over meals",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {
        "IF_SATURATION_LOW_UG_PER_MEAL": IF_SATURATION_LOW_UG_PER_MEAL,
        "IF_SATURATION_HIGH_UG_PER_MEAL": IF_SATURATION_HIGH_UG_PER_MEAL,
    },
)
RULE_ALGAE = register(
    "diet.algae-pseudo-b12",
    "Spirulina holds mainly inactive pseudovitamin B12 and is not a B12 source; nori and chlorella "
    "are unreliable",
    WATANABE_2002,
    Evidence.VERIFIED,
)
RULE_RETEST = register(
    "retest.nice-ng239.after-treatment",
    "Review 3 months after starting treatment; 1 month if pregnant or breastfeeding",
    NASGP_NG239,
    Evidence.SECONDARY,
    {
        "RETEST_AFTER_TREATMENT_MONTHS": RETEST_AFTER_TREATMENT_MONTHS,
        "RETEST_PREGNANCY_MONTHS": RETEST_PREGNANCY_MONTHS,
    },
)
RULE_NO_RETEST_IM = register(
    "retest.no-routine-on-im",
    "Do not routinely re-test serum B12 on established intramuscular therapy",
    BNSSG_B12,
    Evidence.VERIFIED,
)
RULE_BORDERLINE_RECHECK = register(
    "retest.borderline-3-months",
    "Borderline B12 with dietary advice: re-check in 3 months",
    BNSSG_B12,
    Evidence.VERIFIED,
    {"BORDERLINE_RECHECK_MONTHS": BORDERLINE_RECHECK_MONTHS},
)
RULE_MUSCLE_MITOCHONDRIA = register(
    "muscle.castillo-2026",
    "In mice, B12 supports skeletal-muscle oxidative phosphorylation (mitochondrial energy) "
    "capacity; B12 injections were tested in aged mice",
    CASTILLO_2026,
    Evidence.VERIFIED,
    note="Title, abstract and methods verified; quantitative results not retrieved.",
)
RULE_MUSCLE_HUMANS = register(
    "muscle.human-associations",
    "In older adults, low B12 or high MMA/homocysteine is associated with lower lean mass, grip "
    "strength and incident sarcopenia (observational studies)",
    B12_HUMAN_MUSCLE,
    Evidence.VERIFIED,
)


# The BNF's intramuscular regimens in words, as every plan item names them.
IM_NEURO_TEXT = (
    "hydroxocobalamin 1 mg by injection on alternate days until there is no further improvement, "
    "then every 2 months (BNF, neurological involvement)"
)
IM_TEXT = (
    "hydroxocobalamin 1 mg by injection three times a week for 2 weeks, then every 3 months (BNF)"
)
