"""Published sources behind b12's rules, cited once and referred to by key.

Citation details marked "[R]" in ../shared/knowledge/evidence.md (recalled, not read) are repeated here
only where the rule that uses them carries the ``unverified`` or ``secondary`` evidence level.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A citable publication or document."""

    key: str
    citation: str
    url: str | None = None

    def __str__(self) -> str:
        return self.citation


FEDOSOV_2015 = Source(
    "fedosov-2015",
    "Fedosov SN, Brito A, Miller JW, Green R, Allen LH. Combined indicator of vitamin B12 status: "
    "modification for missing biomarkers and folate status and recommendations for revised "
    "cut-points. Clin Chem Lab Med 2015;53(8):1215-1225. doi:10.1515/cclm-2014-0818",
    "https://doi.org/10.1515/cclm-2014-0818",
)
VIAPATH_CB12 = Source(
    "viapath-cb12",
    "Viapath / Nutristasis Unit, St Thomas' Hospital. Combined indicator of B12 status (cB12): "
    "2015 revised cut-points",
    "http://www.viapath.co.uk/our-tests/combined-indicator-of-b12-status-cb12-0",
)
MINEVA_2019 = Source(
    "mineva-2019",
    "Mineva EM, Sternberg MR, Bailey RL, Storandt RJ, Pfeiffer CM. Fewer US adults had low or "
    "transitional vitamin B12 status based on the novel combined indicator of vitamin B12 status "
    "compared with individual, conventional markers, NHANES 1999-2004. Am J Clin Nutr 2019",
)
NICE_NG239 = Source(
    "nice-ng239",
    "NICE guideline NG239 (March 2024). Vitamin B12 deficiency in over 16s: diagnosis and "
    "management; summarised in Sands T et al. BMJ 2024;385:q1019",
    "https://www.nice.org.uk/guidance/ng239",
)
ALLEN_2009 = Source(
    "allen-2009",
    "Allen LH. How common is vitamin B-12 deficiency? Am J Clin Nutr 2009;89:693S-696S",
    "https://doi.org/10.3945/ajcn.2008.26947A",
)
MAYO_MMA = Source(
    "mayo-mma",
    "Mayo Clinic Laboratories, test 90431 methylmalonic acid, serum: reference interval "
    "73-271 nmol/L; the same 271 nmol/L cut-off defines deficiency in Dinesh et al. J Nutr "
    "2023;153:2380-2388",
    "http://www.mayomedicallaboratories.com/test-catalog/Clinical+and+Interpretive/90431",
)
PRACT_NEUROL_N2O = Source(
    "pract-neurol-n2o",
    "Practical Neurology review of nitrous-oxide myelopathy, laboratory table: MMA reference "
    "< 0.28 µmol/L, 'an MMA above 0.75 µmol/L is highly suggestive'; homocysteine reference "
    "< 15 µmol/L",
    "https://pn.bmj.com/",
)
MINEVA_2020 = Source(
    "mineva-2020",
    "Mineva E, Sternberg M, Pfeiffer CM. Curr Dev Nutr 2020;4(Suppl 2):1824 "
    "(NHANES 1999-2004: 'tHcy > 13 µmol/L'). doi:10.1093/cdn/nzaa067_051",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC7259257",
)
HARRINGTON_2017 = Source(
    "harrington-2017",
    "Harrington DJ. Laboratory assessment of vitamin B12 status. J Clin Pathol 2017: "
    "'A homocysteine concentration >20 µmol/L may suggest B12 deficiency in folate-replete "
    "patients'",
)
VALENTE_HOLOTC = Source(
    "valente-holotc",
    "Valente E et al. Diagnostic accuracy of holotranscobalamin (via MedicalAlgorithms.com): "
    "> 30 pmol/L no deficiency, 20-30 indeterminate, < 20 deficiency",
    "https://www.medicalalgorithms.com/diagnosis-of-vitamin-b12-status-using-holotranscobalamin-holotc",
)
WHO_FOLATE_2012 = Source(
    "who-folate-2012",
    "WHO. Serum and red blood cell folate concentrations for assessing folate status in "
    "populations. VMNIS WHO/NMH/NHD/EPG/12.1, 2012; and Pfeiffer CM et al. Am J Clin Nutr "
    "2016;104:1607-1615 (serum folate < 10 nmol/L: possible deficiency by rising homocysteine)",
    "https://doi.org/10.3945/ajcn.116.138529",
)
KIDNEY_MMA = Source(
    "kidney-mma",
    "Risch M et al. BMC Geriatrics 2015 (homocysteine and MMA, not holoTC or B12, depend on kidney "
    "function); eGFR-adjusted MMA, Ann Clin Biochem 2018 doi:10.1177/0004563218778300 "
    "(unadjusted MMA overestimates deficiency by 40%); Mineva 2019 (cB12 lower in CKD)",
    "https://doi.org/10.1186/s12877-015-0060-x",
)
PREGNANCY_B12 = Source(
    "pregnancy-b12",
    "Koebnick C et al. (35% with serum B12 < 150 pmol/L in the 3rd trimester without functional "
    "deficiency); NICE NG239 prefers active B12 (holoTC) in pregnancy (Pulse/NASGP summaries)",
    "https://www.nasgp.org.uk/resource/vitamin-b12-deficiency-nice-march-2024/",
)
N2O_LELEU_2024 = Source(
    "n2o-leleu-2024",
    "Leleu D, Denimal D. Vitamin B12 and nitrous oxide. Biochem Med 2024. "
    "doi:10.11613/BM.2024.010801; NICE NG239: homocysteine as the initial test after nitrous "
    "oxide use",
    "https://doi.org/10.11613/BM.2024.010801",
)
CARMEL_2012 = Source(
    "carmel-2012",
    "Carmel R, Agrawal YP. Failures of cobalamin assays in pernicious anemia. N Engl J Med 2012 "
    "(false-normal B12 in 22-35% of untreated pernicious-anaemia samples)",
    "https://www.medpagetoday.com/hematologyoncology/anemia/33923",
)
WOLFFENBUTTEL_2020 = Source(
    "wolffenbuttel-2020",
    "Wolffenbuttel BHR et al. Association of vitamin B12, methylmalonic acid, and functional "
    "parameters. Neth J Med 2020 (recent supplementation raises serum B12 and can mask "
    "deficiency; MMA reflects cellular status)",
    "https://www.njmonline.nl/article.php?a=2180&d=1438&i=232",
)
BIOTIN_ASSAY = Source(
    "biotin-assay",
    "Allina Health laboratory: high-dose biotin interferes with immunoassays, including B12",
)
BSH_2014 = Source(
    "bsh-2014",
    "Devalia V, Hamilton MS, Molloy AM. Guidelines for the diagnosis and treatment of cobalamin and "
    "folate disorders. Br J Haematol 2014;166(4):496-513. doi:10.1111/bjh.12959 (the BSH now "
    "lists it as superseded by NICE NG239)",
    "https://doi.org/10.1111/bjh.12959",
)
B12_UNITS = Source(
    "b12-units",
    "Unit factors as listed in b12.units (NHANES codebooks; SI prefix definitions)",
)
B12_DATA_QUALITY = Source(
    "b12-data-quality",
    "b12 data-quality limits (b12.units): wide bounds to catch typing and unit errors",
)
CKD_EPI_2021 = Source(
    "ckd-epi-2021",
    "Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to "
    "estimate GFR without race. N Engl J Med 2021;385:1737-1749 (equation as published by the "
    "National Kidney Foundation)",
    "https://kidney.org/ckd-epi-creatinine-equation-2021",
)
MAYO_FOLATE = Source(
    "mayo-folate",
    "Mayo Clinic Laboratories: folate deficiency raises homocysteine while MMA stays normal; "
    "Fedosov 2015 describes a folate correction of cB12 whose function is not yet available",
)
IOM_1998_B12 = Source(
    "iom-1998-b12",
    "Institute of Medicine, Food and Nutrition Board. Dietary Reference Intakes for Thiamin, "
    "Riboflavin, Niacin, Vitamin B6, Folate, Vitamin B12, Pantothenic Acid, Biotin, and Choline. "
    "Washington DC: National Academies Press; 1998. Chapter 9, Vitamin B12. "
    "doi:10.17226/6015",
    "https://doi.org/10.17226/6015",
)
IOM_1998_TABLE_9_2 = Source(
    "iom-1998-table-9-2",
    "Institute of Medicine 1998 (doi:10.17226/6015), Table 9-2 'Assumed vitamin B12 absorption': "
    "headings read, the percentages recalled, not read (evidence.md §4.4)",
    "https://doi.org/10.17226/6015",
)
B12_PASSIVE_DIFFUSION = Source(
    "b12-passive-diffusion",
    "Secondary sources derived from the NIH Office of Dietary Supplements vitamin B12 fact sheet: "
    "absorption falls when oral doses exceed 1-2 µg at a time; about 1% of large doses is absorbed "
    "by passive diffusion (evidence.md §4.4)",
    "https://ods.od.nih.gov/factsheets/VitaminB12-HealthProfessional/",
)
EFSA_2015_B12 = Source(
    "efsa-2015-b12",
    "EFSA NDA Panel. Scientific Opinion on Dietary Reference Values for cobalamin (vitamin B12). "
    "EFSA Journal 2015;13(7):4150. doi:10.2903/j.efsa.2015.4150",
    "https://doi.org/10.2903/j.efsa.2015.4150",
)
WATANABE_2002 = Source(
    "watanabe-2002",
    "Watanabe F, Takenaka S, Kittaka-Katsura H, Ebara S, Miyamoto E. Characterization and "
    "bioavailability of vitamin B12-compounds from edible algae. J Nutr Sci Vitaminol "
    "2002;48(5):325-31. doi:10.3177/jnsv.48.325; Dagnelie PC et al. Vitamin B-12 from algae "
    "appears not to be bioavailable. Am J Clin Nutr 1991;53(3):695-7. doi:10.1093/ajcn/53.3.695",
    "https://doi.org/10.3177/jnsv.48.325",
)
NICE_NG239_RISK_FACTORS = Source(
    "nice-ng239-risk-factors",
    "NICE NG239 (2024) risk-factor box as summarised by Pulse (Pooley E): diet, family history, "
    "autoimmune gastritis, coeliac disease, Sjögren's syndrome, type 1 diabetes, medicines, "
    "bariatric surgery, gastrectomy, terminal ileal resection, abdominal or pelvic radiotherapy, "
    "nitrous oxide",
    "https://pulsetoday.co.uk/?p=148078",
)
NICE_NG239_SIGNS_MOBILITY = Source(
    "nice-ng239-signs-mobility",
    "Slater Gordon, 'B12 NICE Guidelines: What's new for 2024?' (a summary of NICE NG239): the "
    "symptoms and signs to recognise include 'Neurological/mobility problems' beside eyesight "
    "problems, mental health issues and unexplained fatigue; NG239's own symptom table was not "
    "read",
    "https://www.slatergordon.co.uk/newsroom/b12-nice-guidelines-2024/",
)
ODS_B12 = Source(
    "ods-b12",
    "NIH Office of Dietary Supplements. Vitamin B12 fact sheet for health professionals: groups "
    "at risk and medication interactions (seen via copies and excerpts)",
    "https://ods.od.nih.gov/factsheets/VitaminB12-HealthProfessional/",
)
MILLER_2018 = Source(
    "miller-2018",
    "Miller JW. Proton pump inhibitors, H2-receptor antagonists, metformin, and vitamin B-12 "
    "deficiency: clinical implications. Adv Nutr 2018 (HR 1.83 for deficiency with >= 10 months "
    "of PPI/H2RA use; via a summary)",
)
MHRA_METFORMIN_2022 = Source(
    "mhra-metformin-2022",
    "MHRA Drug Safety Update 2022: metformin and reduced vitamin B12 levels, a common side effect "
    "especially with higher dose or longer treatment; consider periodic monitoring",
    "https://remedy.bnssg.icb.nhs.uk/bnssg-icb/development-area/vitamin-b12-interim-guidelines-draft",
)
BOMSS_2020 = Source(
    "bomss-2020",
    "O'Kane M, Parretti HM, Pinkney J, et al. British Obesity and Metabolic Surgery Society "
    "Guidelines on perioperative and postoperative biochemical monitoring and micronutrient "
    "replacement for patients undergoing bariatric surgery: 2020 update. Obes Rev "
    "2020;21(11):e13087, Table 4",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC7583474/",
)
BNF_B12 = Source(
    "bnf-b12",
    "BNF regimens as reproduced in the NHS Scotland East Region formulary, megaloblastic anaemia: "
    "oral cyanocobalamin 50-150 micrograms daily for dietary deficiency; IM hydroxocobalamin "
    "regimens with and without neurological involvement; prophylaxis every 3 months",
    "https://staging.formulary.nhs.scot/east/nutrition-and-blood/blood/megaloblastic-anaemia",
)
NICE_CKS_B12 = Source(
    "nice-cks-b12",
    "NICE Clinical Knowledge Summary, B12 deficiency (via secondary summary): seek urgent "
    "haematology advice if there is neurological involvement",
    "https://cks.nice.org.uk/topics/anaemia-b12-folate-deficiency/",
)
SPS_B12_PREGNANCY = Source(
    "sps-b12-pregnancy",
    "NHS Specialist Pharmacy Service, Vitamin B12 deficiency: treatment during pregnancy: "
    "'Prescribers should seek urgent advice from a haematologist when treating vitamin B12 "
    "deficiency anaemia during pregnancy'; treatment 'should not be withheld for pregnant women who "
    "present with symptoms of vitamin B12 deficiency such as megaloblastic anaemia'. NICE CKS (via "
    "experts123): 'Seek urgent advice from a haematologist if the person has neurological "
    "symptoms or is pregnant'",
    "https://www.sps.nhs.uk/articles/vitamin-b12-deficiency-treatment-during-pregnancy/",
)
CDC_BREASTFED_INFANT_B12 = Source(
    "cdc-breastfed-infant-b12",
    "US CDC, Breastfeeding special circumstances: Vitamin B12: 'if a breastfeeding mother is "
    "deficient in vitamin B12, her infant may also become deficient'; untreated deficiency in "
    "infants 'can lead to permanent brain damage'",
    "https://www.cdc.gov/breastfeeding/breastfeeding-special-circumstances/diet-and-micronutrients/"
    "vitamin-b12.html",
)
NWL_PATHOLOGY_NG239_1_3_13 = Source(
    "nwl-pathology-ng239-1-3-13",
    "North West London Pathology, vitamin B12 test entry, quoting NICE NG239 (2024) "
    "recommendation 1.3.13 on ethnicity and the total-B12 reference range",
    "https://www.nwlpathology.nhs.uk/tests-database/vitamin-b12/",
)
NASGP_NG239 = Source(
    "nasgp-ng239",
    "NASGP summary of NICE NG239 (March 2024): review 3 months after starting treatment, 1 month "
    "if pregnant or breastfeeding",
    "https://www.nasgp.org.uk/resource/vitamin-b12-deficiency-nice-march-2024/",
)
IREVALL_2017_INFANT_B12 = Source(
    "irevall-2017-infant-b12",
    "Irevall T, Axelsson I, Naumburg E. B12 deficiency is common in infants and is accompanied by "
    "serious neurological symptoms. Acta Paediatr 2017;106:101-104 (abstract): 'Vitamin B12 "
    "deficiency was defined as low cobalamin in serum and/or increased homocysteine and/or "
    "increased methylmalonate'",
    "https://pubmed.ncbi.nlm.nih.gov/27736023/",
)
WIRTHENSOHN_2023_INFANT_B12 = Source(
    "wirthensohn-2023-infant-b12",
    "Wirthensohn M, Wehrli S, Ljungblad UW, Huemer M. Biochemical, nutritional, and clinical "
    "parameters of vitamin B12 deficiency in infants: a systematic review and analysis of 292 "
    "cases. Nutrients 2023;15(23):4960. doi:10.3390/nu15234960 (as summarised by LactMed/"
    "LACTED: 'developmental regression, irritability, feeding difficulties, low tone, and "
    "movement disorders')",
    "https://www.mdpi.com/2072-6643/15/23/4960",
)
SPS_NG239_ONGOING = Source(
    "sps-ng239-ongoing",
    "NHS Specialist Pharmacy Service, commentary on the NICE NG239 visual summary: after oral "
    "replacement with improved symptoms, stop only if the cause is addressed; 'For new or worsening "
    "symptoms, alternative diagnoses and dose escalation or switching to intramuscular vitamin B12 "
    "injection should be considered'; on injections, lifelong if the cause is irreversible",
    "https://www.medicinesresources.nhs.uk/vitamin-b12-deficiency-in-over-16s-diagnosis-and-"
    "management-guidance-ng239.html",
)
BNSSG_B12 = Source(
    "bnssg-b12",
    "BNSSG ICB vitamin B12 interim guideline: re-testing serum B12 on established intramuscular "
    "replacement is 'unnecessary and uninformative'; borderline B12 with dietary advice: re-check "
    "in 3 months",
    "https://remedy.bnssg.icb.nhs.uk/bnssg-icb/development-area/vitamin-b12-interim-guidelines-draft",
)
VEGAN_SOCIETY_B12 = Source(
    "vegan-society-b12",
    "The Vegan Society. What every vegan should know about vitamin B12: fortified foods two or "
    "three times a day for at least 3 micrograms a day, or 10 micrograms daily, or 2000 "
    "micrograms weekly (text as reproduced by secondary sites)",
    "https://www.vegansociety.com/resources/nutrition-and-health/nutrients/vitamin-b12",
)
BNF_MEAL_PATTERN = Source(
    "bnf-meal-pattern",
    "British Nutrition Foundation, Healthy eating in practice: 'The UK government suggests that "
    "one way to spread calorie intake over the day could be to consume 20% of total calorie intake "
    "at breakfast, 30% at lunch, 30% at dinner and 20% for snacks'; 'Most of the calorie intake "
    "should come from foods and drinks eaten at meal times (80%)'",
    "https://www.nutrition.org.uk/healthyliving/healthyeating/practice",
)
AND_2016_VEGETARIAN = Source(
    "and-2016-vegetarian",
    "Melina V, Craig W, Levin S. Position of the Academy of Nutrition and Dietetics: vegetarian "
    "diets. J Acad Nutr Diet 2016;116:1970-1980 ('Vegans need reliable sources of B-12, such as "
    "fortified foods or supplements')",
)
BMJ_BP_B12 = Source(
    "bmj-bp-b12",
    "BMJ Best Practice, vitamin B12 deficiency: older people may need oral doses > 500 "
    "micrograms/day; marginal vegans 50 micrograms/day or 2000 micrograms/week",
)
CRUZ_JENTOFT_2019 = Source(
    "cruz-jentoft-2019",
    "Cruz-Jentoft AJ, Bahat G, Bauer J, et al. Sarcopenia: revised European consensus on "
    "definition and diagnosis (EWGSOP2). Age Ageing 2019;48(1):16-31, Table 3 cut-offs and "
    "Figure 1 (Find-Assess-Confirm-Severity). doi:10.1093/ageing/afy169",
    "https://doi.org/10.1093/ageing/afy169",
)
CHEN_2020_AWGS = Source(
    "chen-2020-awgs",
    "Chen LK, Woo J, Assantachai P, et al. Asian Working Group for Sarcopenia: 2019 consensus "
    "update on sarcopenia diagnosis and treatment. J Am Med Dir Assoc 2020;21(3):300-307.e2. "
    "doi:10.1016/j.jamda.2019.12.012",
    "https://doi.org/10.1016/j.jamda.2019.12.012",
)
STUDENSKI_2014_FNIH = Source(
    "studenski-2014-fnih",
    "Studenski SA, Peters KW, Alley DE, et al. The FNIH Sarcopenia Project: rationale, study "
    "description, conference recommendations, and final estimates. J Gerontol A Biol Sci Med Sci "
    "2014;69(5):547-558 (abstract cut-points; 'weakness with low lean mass' and 'weakness and "
    "slowness with low lean mass' as tabulated in PMC6125026 Table 2). doi:10.1093/gerona/glu010",
    "https://doi.org/10.1093/gerona/glu010",
)
MALMSTROM_2013_SARC_F = Source(
    "malmstrom-2013-sarc-f",
    "Malmstrom TK, Morley JE. SARC-F: a simple questionnaire to rapidly diagnose sarcopenia. "
    "J Am Med Dir Assoc 2013 (items and scoring as tabulated in PMC9020246 T5)",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC9020246/",
)
SARC_CALF_SCORING = Source(
    "sarc-calf-scoring",
    "SARC-CalF (Barbosa-Silva TG et al. 2016) with AWGS 2019 calf cut-offs: 10 points added when "
    "calf circumference is < 34 cm (men) or < 33 cm (women); SARC-CalF >= 11 is positive "
    "(scoring as described by a clinical calculator page)",
    "https://renalcarematters.com/guides/calc-sarcopenia-sarcf.html",
)
KDIGO_2024_CKD = Source(
    "kdigo-2024-ckd",
    "KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney "
    "Disease, recommendation 3.3.1.1 and practice point 3.3.1.1, as summarised by Picard K, RD",
    "https://kellypicard.com/?p=997",
)
KDOQI_2020_NUTRITION = Source(
    "kdoqi-2020-nutrition",
    "KDOQI Clinical Practice Guideline for Nutrition in CKD: 2020 update, as tabulated in "
    "PMC8045140 Table 1",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC8045140/table/T1",
)
BAUER_2013_PROT_AGE = Source(
    "bauer-2013-prot-age",
    "Bauer J, Biolo G, Cederholm T, et al. Evidence-based recommendations for optimal dietary "
    "protein intake in older people: a position paper from the PROT-AGE Study Group. J Am Med "
    "Dir Assoc 2013;14(8):542-559. doi:10.1016/j.jamda.2013.05.021",
    "https://doi.org/10.1016/j.jamda.2013.05.021",
)
MIFFLIN_1990 = Source(
    "mifflin-1990",
    "Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO. A new predictive equation for "
    "resting energy expenditure in healthy individuals. Am J Clin Nutr 1990;51(2):241-247. "
    "doi:10.1093/ajcn/51.2.241 (abstract: 498 healthy adults aged 19-78 y; simplified sex-specific "
    "form)",
    "https://doi.org/10.1093/ajcn/51.2.241",
)
ACTIVITY_FACTORS_MEDSCAPE = Source(
    "activity-factors-medscape",
    "Medscape Mifflin-St Jeor calculator: activity factors sedentary 1.2, lightly active 1.375, "
    "moderately active 1.55, active 1.725 (citing Frankenfield D et al. J Am Diet Assoc "
    "2005;105:775-789, doi:10.1016/j.jada.2005.02.005); secondary",
    "https://reference.medscape.com/calculator/846/mifflin-st-jeor-equation",
)
B12_MENU_CHOICES = Source(
    "b12-menu-choices",
    "b12 design choices for the menu planner (energy tolerance, the reading of IOM 1998's 'most' "
    "as at least half, the per-meal protein figure recalled in evidence.md [R]); not a published "
    "standard",
)
DEUTZ_2014_ESPEN = Source(
    "deutz-2014-espen",
    "Deutz NEP, Bauer JM, Barazzoni R, et al. Protein intake and exercise for optimal muscle "
    "function with aging: recommendations from the ESPEN Expert Group. Clin Nutr "
    "2014;33(6):929-936. doi:10.1016/j.clnu.2014.04.007",
    "https://doi.org/10.1016/j.clnu.2014.04.007",
)
WEIJS_IDEAL_WEIGHT = Source(
    "weijs-ideal-weight",
    "Weijs PJM et al., as cited in a review of ESPEN guidance: 'ideal body weight' to estimate "
    "protein requirements in underweight (BMI < 20 kg/m²) and obese (BMI > 30 kg/m²) patients; "
    "ASPEN 2013 (hospitalised adults with obesity) gives protein per kg of ideal body weight or "
    "1.2 g/kg actual weight for hypocaloric feeding; Devine ideal body weight (men 50 kg, women "
    "45.5 kg, + 2.3 kg per inch over 5 feet) from clinical nutrition practice pages (secondary)",
    "https://vegfrsignal.com/index.php/70-in-the-european-society-for-clinical-nutrition-and-metabolism",
)
GLIM_2019 = Source(
    "glim-2019",
    "Cederholm T, Jensen GL, Correia MITD, et al. GLIM criteria for the diagnosis of malnutrition "
    "- a consensus report from the global clinical nutrition community. Clin Nutr 2019;38(1):1-9. "
    "doi:10.1016/j.clnu.2018.08.002. Phenotypic criteria as reproduced (medicalcriteria.com; "
    "Eur J Nutr 2024 PMC10948466 Table 2): low BMI < 20 kg/m² under 70 years, < 22 at 70 and "
    "over; weight loss > 5% within 6 months; screen first with a validated tool",
    "https://medicalcriteria.com/web/glim-malnutrition/",
)
EWGSOP2_SECONDARY = Source(
    "ewgsop2-secondary-sarcopenia",
    "Cruz-Jentoft AJ et al. Age Ageing 2019;48(1):16-31 (EWGSOP2): sarcopenia 'is common among "
    "adults of older age but can also occur earlier in life' (abstract, PMC6322506); primary "
    "(ageing-related) versus secondary sarcopenia (disease, inactivity or malnutrition) as "
    "summarised by a citing review (core.ac.uk 649342810)",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC6322506/",
)
CASTILLO_2026 = Source(
    "castillo-2026",
    "Castillo LF, Heyden KE, Williamson AR, Ma W, Malysheva OV, Vacanti NM, Thalacker-Mercer AE, "
    "Field MS. Vitamin B12 supports skeletal muscle oxidative phosphorylation capacity in male "
    "mice. J Nutr 2026. doi:10.1016/j.tjnut.2026.101367",
    "https://doi.org/10.1016/j.tjnut.2026.101367",
)
B12_HUMAN_MUSCLE = Source(
    "b12-human-muscle",
    "Choi S et al. Nutrients 2023;15(4):936 doi:10.3390/nu15040936 (low B12 and incident "
    "sarcopenia in older women); Zhao J et al. Front Endocrinol 2024 "
    "doi:10.3389/fendo.2024.1387035 "
    "(NHANES: B12 and lean mass); Wolffenbuttel BHR et al. Neth J Med 2020 (MMA and grip strength)",
    "https://doi.org/10.3390/nu15040936",
)
B12_DECISIONS_SCREENING = Source(
    "b12-decisions-screening",
    "b12 DECISIONS.md: with risk factors and no symptom, list the risk factors and say that "
    "screening is worth discussing with a clinician; NICE NG239 offers the initial test to people "
    "with at least one common symptom or sign and at least one common risk factor (Sands T et al. "
    "BMJ 2024;385:q1019), so without a symptom the test offer does not apply",
)
PA_AUTOIMMUNE_CKS = Source(
    "pa-autoimmune-cks",
    "NICE CKS-based summary (time4nutrition.co.uk): autoimmune associations of pernicious anaemia "
    "(primary myxoedema, thyrotoxicosis, Hashimoto's, Addison's disease, vitiligo); about 30% "
    "have a family history",
    "https://time4nutrition.co.uk/",
)
IOM_2005_PROTEIN_PREGNANCY = Source(
    "iom-2005-protein-pregnancy",
    "Institute of Medicine. Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty "
    "Acids, Cholesterol, Protein, and Amino Acids. National Academies Press, 2005 "
    "(doi:10.17226/10490), as summarised: no additional protein in the first trimester; for the "
    "last two trimesters 'a total of 1.1 g/kg/day is recommended' (RDA); EAR 0.88 g/kg/day",
    "https://www.barnardhealth.us/weight-loss/protein-uuk.html",
)
IOM_2005_PROTEIN_LACTATION = Source(
    "iom-2005-protein-lactation",
    "Institute of Medicine. Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty "
    "Acids, Cholesterol, Protein, and Amino Acids. National Academies Press, 2005 "
    "(doi:10.17226/10490), Food and Nutrition Board summary table as reproduced: lactation "
    "protein RDA 71 g/day, 1.3 g/kg/day",
    "https://yumpu.com/en/document/view/43281422/5-summary-table-tables-1-4/5",
)
LANDI_2016 = Source(
    "landi-2016",
    "Landi F et al. Nutrients 2016, review of protein and muscle health in old age (abstract: the "
    "adult protein RDA is 0.8 g/kg/day)",
)
NCHS_PROPORTIONS_2017 = Source(
    "nchs-proportions-2017",
    "Parker JD, Talih M, Malec DJ, et al. National Center for Health Statistics data presentation "
    "standards for proportions. Vital Health Stat 2(175). 2017 (revised 2018, Table II 2021); "
    "steps as implemented by NCHS in CDCgov/surveytable (R/z_present.R, svyciprop_adjusted.R)",
    "https://www.cdc.gov/nchs/data/series/sr_02/sr02_175.pdf",
)
KORN_GRAUBARD_1998 = Source(
    "korn-graubard-1998",
    "Korn EL, Graubard BI. Confidence intervals for proportions with small expected number of "
    "positive counts estimated from survey data. Survey Methodology 1998;24(2):193-201 "
    "(df-adjusted effective sample size as in NCHS's svyciprop_adjusted)",
)
NHANES_ANALYTIC_GUIDELINES = Source(
    "nhanes-analytic-guidelines",
    "CDC/NCHS. NHANES analytic guidelines and tutorials: MEC weights WTMEC2YR for laboratory and "
    "examination data; combine k two-year cycles by dividing weights by k; strata SDMVSTRA and "
    "PSU SDMVPSU; domain df = PSUs minus strata with domain observations",
    "https://wwwn.cdc.gov/nchs/nhanes/tutorials/default.aspx",
)
B12_COHORT_CHOICES = Source(
    "b12-cohort-choices",
    "b12 design choices for cohort output (age bands, small-cell suppression); not a published "
    "standard",
)
NCHS_LOD_TUTORIAL = Source(
    "nchs-lod-tutorial",
    "CDC/NCHS NHANES tutorials, 'Key Concepts About Limit of Detection Issues and Variables': "
    "results below the limit of detection are replaced with the detection limit divided by the "
    "square root of two, and a second variable with the suffix LC says whether the result is at "
    "or below the limit of detection",
    "http://www.cdc.gov/nchs/tutorials/environmental/orientation/data_structure/Info5.htm",
)
NHANES_2013_LAB_DOCS = Source(
    "nhanes-2013-lab-docs",
    "CDC/NCHS NHANES 2013-2014 laboratory data documentation: VITB12_H (serum B12, lower limit of "
    "detection 30 pg/mL) and MMA_H (methylmalonic acid, lower limit of detection 22.1 nmol/L; "
    "results below it imputed as LLOD/sqrt(2); comment code LBDMMALC), as recorded in "
    "evidence.md §9.1",
    "https://wwwn.cdc.gov/Nchs/Data/Nhanes/Public/2013/DataFiles/MMA_H.htm",
)
QI_2014 = Source(
    "qi-2014",
    "Qi YP, Do AN, Hamner HC, Pfeiffer CM, Berry RJ. The prevalence of low serum vitamin B-12 "
    "status in the absence of anemia or macrocytosis did not increase among older U.S. adults "
    "after mandatory folic acid fortification. J Nutr 2014;144(2):170-176 (abstract: anemia "
    "'hemoglobin <130 g/L for men, <120 g/L for women', macrocytosis 'mean cell volume >100 fL'). "
    "doi:10.3945/jn.113.183095",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC5291239",
)
WHO_2011_HAEMOGLOBIN = Source(
    "who-2011-haemoglobin",
    "WHO. Haemoglobin concentrations for the diagnosis of anaemia and assessment of severity. "
    "VMNIS, WHO/NMH/NHD/MNM/11.1, 2011; Table 1 read as reproduced in PLoS One "
    "2020;15(9):e0238323, Table 4 (non-anaemia: men and non-pregnant women 15 years and over "
    "13 and 12 g/dL, pregnant women 11 g/dL)",
    "https://www.who.int/publications/i/item/WHO-NMH-NHD-MNM-11.1",
)
KDIGO_2012_GFR = Source(
    "kdigo-2012-gfr",
    "KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney "
    "Disease. Kidney Int Suppl 2013;3:19-62, doi:10.1038/kisup.2012.64; GFR categories G1-G5 "
    "(Table 5) read as reprinted with permission in Cleve Clin J Med",
    "https://doi.org/10.1038/kisup.2012.64",
)
DANISH_MMA_AGE = Source(
    "danish-mma-age-reference",
    "Danish age-specific reference intervals (Aarhus University): MMA 0.10-0.40 µmol/L at "
    "18-<65 years, 0.12-0.46 µmol/L at 65 years and over (evidence.md §2.6)",
    "https://pure.au.dk/",
)
B12_JUDGMENT = Source(
    "b12-decisions-one-judgment",
    "b12 DECISIONS.md, 'One judgment' (2026-12-04): how b12 combines the guideline readings "
    "(NICE NG239, BSH 2014) into one level, confidence and urgency",
)
HIGH_B12_LABS = Source(
    "lab-pages-high-b12",
    "Laboratory test pages on a high serum B12: North Bristol NHS Trust, Severn Pathology ('>914 "
    "ng/L: High serum Vitamin B12'); Pathology Associates of Lexington, 'B12 Test, Blood' (causes "
    "of elevated serum B12 include myeloproliferative diseases and acute or chronic liver disease)",
    "https://nbt.nhs.uk/severn-pathology/requesting/test-information/vitamin-b12",
)
LOTHIAN_B12_MONITORING = Source(
    "lothian-b12-monitoring",
    "NHS Lothian RefHelp, Vitamin B12 - initial tests & monitoring: 'Repeat FBC and reticulocyte "
    "count at 8 weeks. The mean cell volume (MCV) should be normalising, and reticulocyte count "
    "rising'",
    "https://apps.nhslothian.scot/refhelp/guidelines/haematology/vitamin-b12-deficiency/"
    "vitamin-b12-initial-tests-monitoring",
)
