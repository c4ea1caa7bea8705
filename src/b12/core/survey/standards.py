"""Presentation rules for survey estimates: NCHS reliability flags, age bands, small cells.

Sources
-------
Parker JD, Talih M, Malec DJ, et al. National Center for Health Statistics data presentation
standards for proportions. Vital Health Stat 2(175). 2017. The steps and numbers below were read in
NCHS's own implementation of the standard (R package CDCgov/surveytable, ``R/z_present.R``), not in
the report's text, so the rule carries the evidence level ``secondary``:

1. effective sample size ``p(1-p)/SE²`` (capped at the unweighted n; the n itself when no person
   or every person has the outcome) below 30: suppress;
2. Korn–Graubard CI width at most 0.05: present;
3. CI width at least 0.30: suppress;
4. relative CI width (width / p) above 130 %: suppress; otherwise present;
5. presented estimates are flagged for statistical review when the complement's relative CI width
   (width / (1 - p)) is above 130 %, when the degrees of freedom are below 8, or when p is 0 or 1.

Age bands and small-cell suppression are b12 design choices (evidence ``unverified``): the bands
follow the decades CDC reports use for adults and end at NHANES's top-code of 80 years.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from b12.core.bands import Band, Bands, Closed, Edge, cut_off, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import (
    B12_COHORT_CHOICES,
    KORN_GRAUBARD_1998,
    NCHS_PROPORTIONS_2017,
    NHANES_ANALYTIC_GUIDELINES,
)

NCHS_MIN_EFFECTIVE_N = 30.0  # Parker 2017: effective sample size < 30 → suppress
NCHS_CI_WIDTH_PRESENT_UPTO = 0.05  # Parker 2017: absolute CI width ≤ 0.05 → present
NCHS_CI_WIDTH_SUPPRESS_FROM = 0.30  # Parker 2017: absolute CI width ≥ 0.30 → suppress
NCHS_RELATIVE_CI_WIDTH_ABOVE = 1.30  # Parker 2017: relative CI width > 130 % → suppress
NCHS_MIN_DF = 8.0  # Parker 2017: df < 8 → flag for statistical review

RULE_NCHS_PROPORTIONS = register(
    "survey.nchs-2017.proportions",
    "Proportions: suppress if effective n < 30, or CI width ≥ 0.30, or (width > 0.05 and "
    "width/p > 130 %); review if width/(1-p) > 130 %, df < 8, or p is 0 or 1",
    NCHS_PROPORTIONS_2017,
    Evidence.SECONDARY,
    {
        "NCHS_MIN_EFFECTIVE_N": NCHS_MIN_EFFECTIVE_N,
        "NCHS_CI_WIDTH_PRESENT_UPTO": NCHS_CI_WIDTH_PRESENT_UPTO,
        "NCHS_CI_WIDTH_SUPPRESS_FROM": NCHS_CI_WIDTH_SUPPRESS_FROM,
        "NCHS_RELATIVE_CI_WIDTH_ABOVE": NCHS_RELATIVE_CI_WIDTH_ABOVE,
        "NCHS_MIN_DF": NCHS_MIN_DF,
    },
    note="Numbers read in NCHS's R implementation (CDCgov/surveytable); the report's text was "
    "found (title page, citation) but its tables were not read.",
)
# The standard's cut-offs as bands of the statistic each one reads.
ENOUGH = "enough"
EFFECTIVE_N_BANDS = cut_off(
    RULE_NCHS_PROPORTIONS,
    "effective sample size",
    "<",
    NCHS_MIN_EFFECTIVE_N,
    "persons",
    met="too_few",
    unmet=ENOUGH,
)
NARROW, WIDE = "narrow", "wide"
CI_WIDTH_BANDS = Bands(
    None,
    (
        Band(NARROW, "CI width ≤ 0.05: present"),
        Band("check_relative", "CI width between 0.05 and 0.30: check the relative width"),
        Band(WIDE, "CI width ≥ 0.30"),
    ),
    (
        Edge(stated_in("proportion", NCHS_CI_WIDTH_PRESENT_UPTO), Closed.BELOW),
        Edge(stated_in("proportion", NCHS_CI_WIDTH_SUPPRESS_FROM), Closed.ABOVE),
    ),
    RULE_NCHS_PROPORTIONS,
)
RELATIVE_CI_WIDTH_BANDS = cut_off(
    RULE_NCHS_PROPORTIONS,
    "relative CI width",
    ">",
    NCHS_RELATIVE_CI_WIDTH_ABOVE,
    "ratio",
    met=WIDE,
    unmet="acceptable",
)
DF_BANDS = cut_off(
    RULE_NCHS_PROPORTIONS, "degrees of freedom", "<", NCHS_MIN_DF, "df", met="too_few", unmet=ENOUGH
)

CONFIDENCE_LEVEL = 0.95  # two-sided confidence intervals throughout cohort output

RULE_KORN_GRAUBARD = register(
    "survey.korn-graubard-1998",
    "95 % CIs for survey proportions: Clopper-Pearson on the effective sample size "
    "p(1-p)/SE² × (t_{n-1}/t_df)², capped at n",
    KORN_GRAUBARD_1998,
    Evidence.SECONDARY,
    {"CONFIDENCE_LEVEL": CONFIDENCE_LEVEL},
    note="Formula as in NCHS's svyciprop_adjusted (CDCgov/surveytable); the paper was not read.",
)

NHANES_AGE_TOPCODE_YEARS = 80.0  # RIDAGEYR: 80 = "80 years of age and over"

RULE_NHANES_DESIGN = register(
    "survey.nhanes-design",
    "NHANES: MEC weights WTMEC2YR for laboratory and examination data, day-1 dietary weights "
    "WTDRD1 when dietary variables are used; k pooled cycles: weights / k; strata SDMVSTRA, PSUs "
    "SDMVPSU; domain df = PSUs - strata with domain members; age top-coded at 80",
    NHANES_ANALYTIC_GUIDELINES,
    Evidence.SECONDARY,
    {"NHANES_AGE_TOPCODE_YEARS": NHANES_AGE_TOPCODE_YEARS},
    note="From the NHANES tutorials as summarised in evidence.md §9.2 and the data README.",
)

# Lower edges of the age bands, in years; the last band is open ("80+", NHANES top-code).
AGE_BAND_LOWER_EDGES_YEARS: tuple[float, ...] = (0.0, 20.0, 40.0, 60.0, 70.0, 80.0)
AGE_BAND_LABELS: tuple[str, ...] = ("0-19", "20-39", "40-59", "60-69", "70-79", "80+")

RULE_AGE_BANDS = register(
    "cohort.age-bands",
    "Age bands for --by age_band: 0-19, 20-39, 40-59, 60-69, 70-79, 80+ years (lower edge "
    "inclusive)",
    B12_COHORT_CHOICES,
    Evidence.UNVERIFIED,
    {f"edge_{i}": edge for i, edge in enumerate(AGE_BAND_LOWER_EDGES_YEARS)},
)
AGE_BANDS = Bands(
    None,
    tuple(Band(label, f"{label} years") for label in AGE_BAND_LABELS),
    # Lower edge inclusive: 20.0 is in 20-39.
    tuple(Edge(stated_in("years", e), Closed.ABOVE) for e in AGE_BAND_LOWER_EDGES_YEARS[1:]),
    RULE_AGE_BANDS,
)

# Small-cell suppression for non-public cohorts: a cell is withheld when its unweighted
# denominator, or the number of persons with (or without) the outcome, is 1-10.
SMALL_CELL_MAX_COUNT = 10.0

RULE_SMALL_CELLS = register(
    "cohort.small-cell-suppression",
    "Non-NHANES cohorts: withhold a cell whose n, or whose count with or without the outcome, is "
    "between 1 and 10 (turn off with --no-suppress)",
    B12_COHORT_CHOICES,
    Evidence.UNVERIFIED,
    {"SMALL_CELL_MAX_COUNT": SMALL_CELL_MAX_COUNT},
)
SMALL = "small"
CELL_COUNT_BANDS = Bands(
    None,
    (Band("none", "no persons"), Band(SMALL, "1-10 persons"), Band("large", "more than 10")),
    (
        Edge(stated_in("persons", 0.0), Closed.BELOW),
        Edge(stated_in("persons", SMALL_CELL_MAX_COUNT), Closed.BELOW),
    ),
    RULE_SMALL_CELLS,
)


class SingletonPsu(StrEnum):
    """What to do with a stratum that has a single PSU (no within-stratum variance).

    ``error``: refuse (default). ``certainty``: the PSU was taken with certainty and adds no
    variance (R survey ``lonely.psu="certainty"``). ``center``: its score is compared with the
    design-wide mean of PSU scores (R survey ``"adjust"``).
    """

    ERROR = "error"
    CERTAINTY = "certainty"
    CENTER = "center"


class NchsFlag(StrEnum):
    """Outcome codes of the NCHS standard, as NCHS's own software prints them."""

    SUPPRESS = "Px"  # not presentable
    REVIEW_COMPLEMENT = "Pc"  # complement's relative CI width > 130 %
    REVIEW_DF = "Pdf"  # degrees of freedom < 8
    REVIEW_ZERO = "P0"  # no person, or every person, has the outcome


@dataclass(frozen=True)
class Reliability:
    """Flags from the NCHS standard and the reason in words (empty when reliable)."""

    flags: tuple[NchsFlag, ...]
    reason: str

    @property
    def presentable(self) -> bool:
        """False when the standard says the estimate should not be shown."""
        return NchsFlag.SUPPRESS not in self.flags


def nchs_proportion_reliability(
    p: float, se: float, ci_low: float, ci_high: float, n: int, n_events: int, df: float
) -> Reliability:
    """Apply the NCHS 2017 data presentation standard for proportions.

    References
    ----------
    Parker JD et al. Vital Health Stat 2(175), 2017.
    """
    extreme = n_events in (0, n)
    width = 0.0 if extreme else ci_high - ci_low
    n_eff = float(n) if extreme or se <= 0 else min(float(n), p * (1.0 - p) / se**2)
    if EFFECTIVE_N_BANDS.label_canonical(n_eff) != ENOUGH:
        return Reliability((NchsFlag.SUPPRESS,), "effective sample size < 30")
    width_band = CI_WIDTH_BANDS.label_canonical(width)
    if width_band == WIDE:
        return Reliability((NchsFlag.SUPPRESS,), "CI width ≥ 0.30")
    relative_ok = width_band == NARROW
    if not relative_ok and _relative_too_wide(width, p):
        return Reliability((NchsFlag.SUPPRESS,), "relative CI width > 130 %")
    flags: list[NchsFlag] = []
    reasons: list[str] = []
    if not relative_ok and _relative_too_wide(width, 1.0 - p):
        flags.append(NchsFlag.REVIEW_COMPLEMENT)
        reasons.append("complement's relative CI width > 130 %")
    if DF_BANDS.label_canonical(df) != ENOUGH:
        flags.append(NchsFlag.REVIEW_DF)
        reasons.append("degrees of freedom < 8")
    if extreme:
        flags.append(NchsFlag.REVIEW_ZERO)
        reasons.append("estimate is 0 % or 100 %")
    return Reliability(tuple(flags), "; ".join(reasons))


def _relative_too_wide(width: float, share: float) -> bool:
    return RELATIVE_CI_WIDTH_BANDS.label_canonical(width / share) == WIDE


def small_count(count: int) -> bool:
    """True when a count of persons is small (1-10) under b12's small-cell rule."""
    return CELL_COUNT_BANDS.label_canonical(count) == SMALL


def small_cell(n: int, n_events: int) -> bool:
    """True when a cell must be withheld under b12's small-cell rule."""
    return any(small_count(count) for count in (n, n_events, n - n_events))


def age_band(age_years: float) -> str:
    """The label of the age band holding ``age_years``."""
    return AGE_BANDS.label_canonical(age_years)
