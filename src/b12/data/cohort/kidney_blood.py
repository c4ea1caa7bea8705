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
``--mean``, ``--regress``), so other analyses cost nothing extra. No cut-off is written here:
every band set is a declaration of the core, compiled by :mod:`b12.data.cohort.compile`, and the
CKD-EPI equation is the core's own function. Property tests and spec files prove every column
equal to the per-person functions on DuckDB and Spark.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from b12.core.kidney_blood import blood_count, ckd_epi_2021, kdigo_gfr
from b12.core.sex import Sex
from b12.core.status import confounders
from b12.data.cohort.compile import IBIS, band_cases, band_in
from b12.data.cohort.rules import Indicator, indicators_for
from b12.units import Analyte, find_unit

KIDNEY_NAMES = frozenset({"creatinine", "egfr", "egfr_band", "egfr_below_60"})
BLOOD_NAMES = frozenset({"hemoglobin", "mcv", "anaemia", "macrocytosis"})
GROUPING_RULES = {"egfr_band": kdigo_gfr.RULE_GFR_CATEGORIES}

_CREATININE_UMOL_PER_MG_DL = find_unit(Analyte.CREATININE, "mg/dL").to_canonical


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


def ckd_epi_expr(t: ir.Table) -> ir.FloatingValue:
    """CKD-EPI 2021 (:func:`b12.core.kidney_blood.ckd_epi_2021.formula`) from ``creatinine``
    (µmol/L), ``age`` and ``sex``; null out of the equation's age scope or without sex."""
    female = t.sex == Sex.FEMALE.value
    mg_dl = t.creatinine.cast("float64") / _CREATININE_UMOL_PER_MG_DL
    value = ckd_epi_2021.formula(mg_dl, t.age, female, IBIS)
    # LEAST and GREATEST skip nulls on both engines (LEAST(NULL, 1) = 1): test creatinine here.
    known = (
        t.creatinine.notnull()
        & t.sex.isin([Sex.FEMALE.value, Sex.MALE.value])
        & band_in(ckd_epi_2021.AGE_SCOPE, ckd_epi_2021.ADULT, t, "age")
    )
    result: ir.FloatingValue = ibis.ifelse(known, value, ibis.null("float64"))
    return result


def egfr_band_expr(t: ir.Table) -> ir.StringValue:
    """KDIGO 2012 category (:data:`b12.core.kidney_blood.kdigo_gfr.GFR_BANDS`) of ``egfr``."""
    result: ir.StringValue = band_cases(kdigo_gfr.GFR_BANDS, t, "egfr")
    return result


def with_kidney_blood(t: ir.Table, names: set[str]) -> ir.Table:
    """Add ``egfr`` and ``egfr_band`` when kidney columns are named (inputs must exist)."""
    if not names & KIDNEY_NAMES:
        return t
    computed = ckd_epi_expr(t)
    egfr = t.egfr.cast("float64").coalesce(computed) if "egfr" in t.columns else computed
    with_egfr = t.mutate(egfr=egfr)
    return with_egfr.mutate(egfr_band=egfr_band_expr(with_egfr))


INDICATORS: tuple[Indicator, ...] = (
    *indicators_for(
        "egfr_below_60",
        "eGFR (MMA and homocysteine rise)",
        confounders.EGFR_BANDS,
        "egfr",
        [confounders.REDUCED],
        (confounders.RULE_KIDNEY, ckd_epi_2021.RULE),
    ),
    *indicators_for(
        "anaemia", "WHO 2011", blood_count.ANAEMIA_BANDS, "hemoglobin", [blood_count.ANAEMIA]
    ),
    *indicators_for(
        "macrocytosis", "macrocytosis", blood_count.MCV_BANDS, "mcv", [blood_count.MACROCYTOSIS]
    ),
)
