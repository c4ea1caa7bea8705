"""Kidney function and blood count as cohort columns, with the per-person rules of ``b12.core``.

Columns (canonical inputs: ``creatinine`` µmol/L, optional lab ``egfr`` mL/min/1.73 m²,
``hemoglobin`` g/L, ``mcv`` fL, with ``age``, ``sex`` and ``pregnant``):

* ``egfr``: the lab eGFR when there is one, else race-free CKD-EPI 2021 from creatinine for adults
  (``b12.core.status.interpret.kidney_function``; ``b12.core.kidney_blood.ckd_epi_2021``);
  null without sex or below 18.
* ``egfr_band``: KDIGO 2012 GFR category G1, G2, G3a, G3b, G4 or G5 (``b12.core.kidney_blood.kdigo_gfr``).
* indicators ``egfr_below_60`` (the confounder flag of ``b12.core.status.confounders``: MMA and
  homocysteine rise with reduced kidney function), ``anaemia`` (WHO 2011 by sex and pregnancy,
  from 15 years; ``b12.core.kidney_blood.blood_count``) and ``macrocytosis`` (MCV > 100 fL).

They are added only when an analysis names them (``--where``, ``--by``, ``--indicator``,
``--mean``, ``--regress``), so other analyses cost nothing extra. Property tests prove every column
equal to the per-person functions on DuckDB and Spark.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from b12.core.kidney_blood import blood_count, ckd_epi_2021, kdigo_gfr
from b12.core.sex import Sex
from b12.core.status import confounders
from b12.data.cohort.rules import Indicator
from b12.units import Analyte, find_unit

KIDNEY_INPUTS = ("creatinine",)
BLOOD_INPUTS = ("hemoglobin", "mcv")
KIDNEY_NAMES = frozenset({"creatinine", "egfr", "egfr_band", "egfr_below_60"})
BLOOD_NAMES = frozenset({"hemoglobin", "mcv", "anaemia", "macrocytosis"})
GROUPING_RULES = {"egfr_band": kdigo_gfr.RULE_GFR_CATEGORIES}

_CREATININE_UMOL_PER_MG_DL = find_unit(Analyte.CREATININE, "mg/dL").to_canonical


def names_in(text: str) -> set[str]:
    """The words of an analysis (options joined) that name kidney or blood-count columns."""
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)) & (KIDNEY_NAMES | BLOOD_NAMES)


# What each name needs from a mapped cohort file (``b12 cohort run --map``): any one of the
# alternatives, plus the columns that must also be mapped.
REQUIREMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "creatinine": (("creatinine",), ()),
    "egfr": (("creatinine", "egfr"), ("age", "sex")),
    "egfr_band": (("creatinine", "egfr"), ("age", "sex")),
    "egfr_below_60": (("creatinine", "egfr"), ("age", "sex")),
    "hemoglobin": (("hemoglobin",), ()),
    "anaemia": (("hemoglobin",), ("age", "sex")),
    "mcv": (("mcv",), ()),
    "macrocytosis": (("mcv",), ()),
}
UNMAPPED_TYPES = {
    "creatinine": "float64",
    "egfr": "float64",
    "hemoglobin": "float64",
    "mcv": "float64",
    "sex": "string",
    "pregnant": "boolean",
}


def unmet(names: set[str], mapped: set[str]) -> list[str]:
    """Messages for the named columns whose inputs a mapped file lacks (empty: all there)."""
    problems = []
    for name in sorted(names):
        alternatives, also = REQUIREMENTS[name]
        if not set(alternatives) & mapped:
            what = " or ".join(f"COLUMN={a}" for a in alternatives)
            problems.append(f"{name} needs --map {what}")
            continue
        if name in KIDNEY_NAMES and "egfr" in mapped:
            continue  # a lab eGFR needs neither age nor sex
        if lacking := [a for a in also if a not in mapped]:
            problems.append(f"{name} needs --map COLUMN={' and COLUMN='.join(lacking)} too")
    return problems


def _female(t: ir.Table) -> ir.BooleanValue:
    return t.sex == Sex.FEMALE.value


def ckd_epi_expr(t: ir.Table) -> ir.FloatingValue:
    """CKD-EPI 2021 from ``creatinine`` (µmol/L), ``age`` and ``sex``; null below 18 or no sex."""
    female = _female(t)
    kappa = ibis.ifelse(
        female, ckd_epi_2021.KAPPA_MG_DL[Sex.FEMALE], ckd_epi_2021.KAPPA_MG_DL[Sex.MALE]
    )
    alpha = ibis.ifelse(female, ckd_epi_2021.ALPHA[Sex.FEMALE], ckd_epi_2021.ALPHA[Sex.MALE])
    ratio = t.creatinine.cast("float64") / _CREATININE_UMOL_PER_MG_DL / kappa
    value = (
        ckd_epi_2021.SCALE
        * ibis.least(ratio, 1.0) ** alpha
        * ibis.greatest(ratio, 1.0) ** ckd_epi_2021.UPPER_EXPONENT
        * ibis.literal(ckd_epi_2021.AGE_BASE) ** t.age
    )
    value = value * ibis.ifelse(female, ckd_epi_2021.FEMALE_FACTOR, 1.0)
    # LEAST and GREATEST skip nulls on both engines (LEAST(NULL, 1) = 1): test creatinine here.
    known = (
        t.creatinine.notnull()
        & t.sex.isin([Sex.FEMALE.value, Sex.MALE.value])
        & (t.age >= ckd_epi_2021.MIN_AGE_YEARS)
    )
    return ibis.ifelse(known, value, ibis.null("float64"))


def egfr_band_expr(egfr: ir.FloatingValue) -> ir.StringValue:
    """KDIGO 2012 category per ``b12.core.kidney_blood.kdigo_gfr.gfr_category``."""
    branches = [(egfr.isnull(), ibis.null("string"))]
    branches += [(egfr >= edge, ibis.literal(label)) for label, edge in kdigo_gfr.CATEGORIES]
    return ibis.cases(*branches, else_=kdigo_gfr.LOWEST)


def anaemia_expr(t: ir.Table) -> ir.BooleanValue:
    """WHO 2011 per ``b12.core.kidney_blood.blood_count.anaemia`` (null below 15 years or without sex)."""
    threshold = ibis.cases(
        (
            _female(t) & t.pregnant.fill_null(False),
            blood_count.HAEMOGLOBIN_ANAEMIA_PREGNANT_BELOW_G_L,
        ),
        (_female(t), blood_count.HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.FEMALE]),
        (t.sex == Sex.MALE.value, blood_count.HAEMOGLOBIN_ANAEMIA_BELOW_G_L[Sex.MALE]),
        else_=ibis.null("float64"),
    )
    adult = t.age >= blood_count.ANAEMIA_MIN_AGE_YEARS
    return ibis.ifelse(adult, t.hemoglobin < threshold, ibis.null("boolean"))


def with_kidney_blood(t: ir.Table, names: set[str]) -> ir.Table:
    """Add ``egfr`` and ``egfr_band`` when kidney columns are named (inputs must exist)."""
    if not names & KIDNEY_NAMES:
        return t
    computed = ckd_epi_expr(t)
    egfr = t.egfr.cast("float64").coalesce(computed) if "egfr" in t.columns else computed
    return t.mutate(egfr=egfr).mutate(egfr_band=egfr_band_expr(ibis._.egfr))


def _egfr_below_60(t: ir.Table) -> ir.BooleanValue:
    return t.egfr < confounders.EGFR_REDUCED_BELOW_ML_MIN


def _macrocytosis(t: ir.Table) -> ir.BooleanValue:
    return t.mcv > blood_count.MCV_MACROCYTOSIS_ABOVE_FL


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "egfr_below_60",
        "eGFR < 60 mL/min/1.73 m² (MMA and homocysteine rise)",
        (confounders.RULE_KIDNEY, ckd_epi_2021.RULE),
        _egfr_below_60,
    ),
    Indicator(
        "anaemia",
        "haemoglobin < 130 g/L men, < 120 g/L women, < 110 g/L pregnant (WHO 2011)",
        (blood_count.RULE_ANAEMIA,),
        anaemia_expr,
    ),
    Indicator(
        "macrocytosis",
        "MCV > 100 fL",
        (blood_count.RULE_MACROCYTOSIS,),
        _macrocytosis,
    ),
)


def indicator_builders() -> dict[str, Callable[[ir.Table], ir.BooleanValue]]:
    """Name → expression builder of the kidney and blood-count indicators."""
    return {ind.name: ind.build for ind in INDICATORS}
