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
    "folate disorders. Br J Haematol 2014;166(4):496-513. doi:10.1111/bjh.12959",
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
