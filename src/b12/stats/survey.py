"""Design-based estimates of ratios (means, proportions) from per-PSU totals.

A mean or proportion over a domain is the ratio ``R = Σ w·d·y / Σ w·d`` (``d`` = 1 inside the
domain). Its Taylor-linearised score per PSU is ``z_hi = (Y_hi − R·X_hi) / X`` and, with PSUs
sampled with replacement within strata,

    Var(R) = Σ_h  n_h / (n_h − 1) · Σ_i (z_hi − z̄_h)²

where ``n_h`` counts the PSUs of stratum ``h`` in the *whole* design: PSUs without domain members
contribute ``z_hi = 0`` (domain estimation on the full design, never by subsetting rows).

Engines hand over only per-(stratum, PSU) sums, so the arithmetic here runs on a few hundred numbers
whatever the cohort size. For data without a design (every row its own PSU, one stratum) the engine
hands over per-stratum sums of squares instead (:class:`StratumMoments`).

Singleton strata (one PSU) have no within-stratum variance: the default is an error; ``certainty``
treats the PSU as sampled with certainty (no contribution, R survey's ``lonely.psu="certainty"``);
``center`` measures the PSU's deviation from the design-wide mean of PSU scores (zero for a
linearised ratio, so the contribution is ``z_h²``; R survey's ``"adjust"``).

References
----------
Wolter KM. Introduction to Variance Estimation, 2nd ed. Springer 2007, ch. 6 (Taylor series).
Lumley T. Complex Surveys: A Guide to Analysis Using R. Wiley 2010, §2.2 and §3.2 (domains).
Korn EL, Graubard BI. Survey Methodology 1998;24(2):193-201 (CIs for proportions).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The quantile functions themselves rather than scipy.stats' distribution objects: the same
# values bit for bit, 20-35 times faster (argument checking and broadcasting per call cost about
# 0.13 ms, and a grouped table needs four quantiles per cell).
from scipy.special import betaincinv, stdtrit

from b12.core.survey.standards import CONFIDENCE_LEVEL, SingletonPsu
from b12.errors import InputError

__all__ = [
    "CONFIDENCE",
    "Design",
    "Estimate",
    "PsuTotals",
    "SingletonPsu",
    "StratumMoments",
    "korn_graubard_ci",
    "linearized_variance",
    "ratio_estimate",
    "srs_ratio_estimate",
    "t_ci",
]

CONFIDENCE = CONFIDENCE_LEVEL


@dataclass(frozen=True)
class Design:
    """The whole design: the number of PSUs in each stratum (over all rows, not a domain)."""

    psus_per_stratum: Mapping[object, int]
    singleton: SingletonPsu = SingletonPsu.ERROR

    def __post_init__(self) -> None:
        lonely = sorted(str(h) for h, n in self.psus_per_stratum.items() if n < 2)
        if lonely and self.singleton is SingletonPsu.ERROR:
            raise InputError(
                f"strata with a single PSU: {', '.join(lonely)}; choose --singleton-psu "
                "certainty (no variance from them) or center (deviation from the design mean)",
                field="--singleton-psu",
            )


@dataclass(frozen=True)
class PsuTotals:
    """Per-PSU sums for one domain: numerator Σw·d·y and denominator Σw·d (PSUs with members)."""

    strata: Sequence[object]
    psus: Sequence[object]
    numerator: Sequence[float]
    denominator: Sequence[float]


@dataclass(frozen=True)
class StratumMoments:
    """Per-stratum sums of linearised scores, for designs where every row is its own PSU."""

    stratum: object
    sum_z: float
    sum_z2: float
    n_psu: int


@dataclass(frozen=True)
class Estimate:
    """A ratio estimate with its linearised standard error and design degrees of freedom."""

    value: float | None
    se: float | None
    df: int


def stratum_moments(totals: PsuTotals, ratio: float, total_weight: float) -> list[StratumMoments]:
    """Σz and Σz² per stratum from per-PSU totals (PSUs absent from the domain have z = 0)."""
    acc: dict[object, list[float]] = {}
    for h, num, den in zip(totals.strata, totals.numerator, totals.denominator, strict=True):
        z = (num - ratio * den) / total_weight
        cell = acc.setdefault(h, [0.0, 0.0])
        cell[0] += z
        cell[1] += z * z
    return [StratumMoments(h, s, s2, 0) for h, (s, s2) in acc.items()]


def linearized_variance(moments: Sequence[StratumMoments], design: Design) -> float:
    """Σ_h n_h/(n_h−1) Σ_i (z_hi − z̄_h)², with ``n_h`` from the whole design."""
    variance = 0.0
    for m in moments:
        n_h = m.n_psu or design.psus_per_stratum[m.stratum]
        if n_h < 2:
            if design.singleton is SingletonPsu.CENTER:
                variance += m.sum_z2
            continue
        variance += n_h / (n_h - 1) * (m.sum_z2 - m.sum_z**2 / n_h)
    return max(variance, 0.0)


def domain_df(totals: PsuTotals) -> int:
    """PSUs minus strata with domain members (NHANES tutorial rule for subgroups)."""
    pairs = {
        (h, i)
        for h, i, den in zip(totals.strata, totals.psus, totals.denominator, strict=True)
        if den != 0
    }
    strata = {h for h, _ in pairs}
    return len(pairs) - len(strata)


def ratio_estimate(totals: PsuTotals, design: Design) -> Estimate:
    """Weighted mean or proportion over a domain with its Taylor-linearised SE."""
    den = math.fsum(totals.denominator)
    df = domain_df(totals)
    if den <= 0:
        return Estimate(None, None, df)
    ratio = math.fsum(totals.numerator) / den
    variance = linearized_variance(stratum_moments(totals, ratio, den), design)
    return Estimate(ratio, math.sqrt(variance), df)


def srs_ratio_estimate(sums: Mapping[str, float], n_rows: int, n_domain: int) -> Estimate:
    """Ratio estimate when every row is its own PSU in one stratum.

    ``sums`` holds ``s0 = Σw·d``, ``s1 = Σw·d·y``, ``q0 = Σw²·d``, ``q1 = Σw²·d·y``,
    ``q2 = Σw²·d·y²``; ``n_rows`` is the number of rows in the whole design.
    """
    den = sums["s0"]
    if den <= 0:
        return Estimate(None, None, max(n_domain - 1, 0))
    r = sums["s1"] / den
    sum_z2 = (sums["q2"] - 2 * r * sums["q1"] + r * r * sums["q0"]) / den**2
    moments = [StratumMoments("all", 0.0, max(sum_z2, 0.0), n_rows)]
    variance = linearized_variance(moments, Design({"all": n_rows}, SingletonPsu.CERTAINTY))
    return Estimate(r, math.sqrt(variance), max(n_domain - 1, 0))


def t_quantile(df: int, level: float = CONFIDENCE) -> float:
    """Two-sided Student t quantile (normal when df is huge)."""
    return float(stdtrit(df, 0.5 + level / 2))


def korn_graubard_ci(
    p: float, se: float, n: int, df: int, level: float = CONFIDENCE
) -> tuple[float | None, float | None]:
    """Korn–Graubard (1998) CI: Clopper–Pearson on a df-adjusted effective sample size.

    ``n_eff = min(n, p(1−p)/SE² · (t_{n−1}/t_df)²)``, or ``n`` when p is 0 or SE is 0, as in NCHS's
    ``svyciprop_adjusted``. Returns ``(None, None)`` without degrees of freedom.

    References
    ----------
    Korn EL, Graubard BI. Survey Methodology 1998;24(2):193-201.
    Parker JD et al. Vital Health Stat 2(175), 2017.
    """
    if df <= 0 or n < 2:
        return None, None
    alpha = 1.0 - level
    if p > 0 and se > 0:
        adjust = (stdtrit(n - 1, alpha / 2) / stdtrit(df, alpha / 2)) ** 2
        n_eff = min(float(n), p * (1.0 - p) / se**2 * adjust)
    else:
        n_eff = float(n)
    x = n_eff * p
    low = 0.0 if x <= 0 else float(betaincinv(x, n_eff - x + 1, alpha / 2))
    high = 1.0 if n_eff - x <= 0 else float(betaincinv(x + 1, n_eff - x, 1 - alpha / 2))
    return low, high


def t_ci(
    value: float, se: float, df: int, level: float = CONFIDENCE
) -> tuple[float | None, float | None]:
    """Wald CI with a t quantile on the design degrees of freedom (for means)."""
    if df <= 0:
        return None, None
    half = t_quantile(df, level) * se
    return value - half, value + half
