"""B12 status of one person: cB12, guideline readings, confounders and the next test.

This module combines the instrument modules (:mod:`cb12`, :mod:`nice_ng239`, :mod:`epidemiology`,
:mod:`markers`, :mod:`confounders`); it adds no thresholds of its own. The conclusion rests on cB12
when all four markers are present, otherwise on the NICE NG239 reading of total and active B12.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from b12.core import ckd_epi_2021, confounders, epidemiology, markers, nice_ng239
from b12.core.cb12 import MARKERS, Cb12Result, combined_indicator
from b12.core.findings import Finding, NextTest
from b12.core.nice_ng239 import NiceReading
from b12.core.person import Person
from b12.core.readings import MarkerReading
from b12.core.rules import Evidence, register, unit_rule_id
from b12.core.sources import BSH_2014, NICE_NG239
from b12.units import Analyte, find_unit

RULE_DISCORDANT = register(
    "bsh2014.discordant",
    "Discordant tests with strong clinical features: do not delay treatment",
    BSH_2014,
    Evidence.VERIFIED,
)
RULE_FIRST_LINE = register(
    "nice-ng239.first-line-test",
    "The initial test for suspected deficiency is total or active B12",
    NICE_NG239,
    Evidence.VERIFIED,
)


class Basis(StrEnum):
    """What the conclusion rests on."""

    CB12 = "cb12"
    NICE_NG239 = "nice_ng239"
    NONE = "none"


class Interpretation(BaseModel):
    """The overall reading and every single-marker reading behind it."""

    model_config = ConfigDict(frozen=True)
    conclusion: str
    basis: Basis
    summary: str
    readings: tuple[MarkerReading, ...]


class StatusResult(BaseModel):
    """Everything b12 says about a person's B12 status."""

    model_config = ConfigDict(frozen=True)
    cb12: Cb12Result
    interpretation: Interpretation
    caveats: tuple[Finding, ...]
    next_tests: tuple[NextTest, ...]
    egfr: float | None
    egfr_estimated: bool
    rules: tuple[str, ...]


def kidney_function(person: Person, values: dict[Analyte, float]) -> tuple[float | None, bool]:
    """The lab eGFR, else CKD-EPI 2021 from creatinine for adults; and whether it was estimated."""
    if Analyte.EGFR in values:
        return values[Analyte.EGFR], False
    creatinine = values.get(Analyte.CREATININE)
    if creatinine is not None and person.age >= ckd_epi_2021.MIN_AGE_YEARS:
        return ckd_epi_2021.egfr(creatinine, person.age, person.sex), True
    return None, False


def _nice_conclusion(nice: list[MarkerReading]) -> str | None:
    categories = {r.category for r in nice}
    if not categories:
        return None
    if (
        NiceReading.DEFICIENCY_LIKELY in categories
        and NiceReading.DEFICIENCY_UNLIKELY in categories
    ):
        return "discordant"
    for level in (NiceReading.DEFICIENCY_LIKELY, NiceReading.INDETERMINATE):
        if level in categories:
            return level.value
    return NiceReading.DEFICIENCY_UNLIKELY.value


_NICE_SUMMARY = {
    "deficiency_likely": "B12 deficiency likely by NICE NG239 thresholds",
    "indeterminate": "Indeterminate B12 result by NICE NG239 thresholds",
    "deficiency_unlikely": "B12 deficiency unlikely by NICE NG239 thresholds",
    "discordant": "Total and active B12 disagree; with strong clinical features do not delay "
    "treatment (BSH 2014)",
}


def _interpret(
    cb12: Cb12Result, readings: list[MarkerReading], values: dict[Analyte, float]
) -> Interpretation:
    nice = [r for r in readings if r.scheme == nice_ng239.SCHEME]
    if cb12.cb12 is not None and cb12.category is not None:
        summary = (
            f"cB12 {cb12.cb12:+.2f} ({cb12.variant}): "
            f"{cb12.category.value.replace('_', ' ')} B12 status"
        )
        return Interpretation(
            conclusion=cb12.category.value,
            basis=Basis.CB12,
            summary=summary,
            readings=tuple(readings),
        )
    conclusion = _nice_conclusion(nice)
    if conclusion is None:
        return Interpretation(
            conclusion="no_first_line_test",
            basis=Basis.NONE,
            summary="No total or active B12 result: B12 status cannot be read",
            readings=tuple(readings),
        )
    summary = _NICE_SUMMARY[conclusion]
    mma = values.get(Analyte.MMA)
    if conclusion == "indeterminate" and mma is not None:
        summary += (
            "; MMA is raised, which supports a functional deficiency"
            if epidemiology.mma_elevated(mma)
            else "; MMA is not raised, which argues against a functional deficiency"
        )
    return Interpretation(
        conclusion=conclusion, basis=Basis.NICE_NG239, summary=summary, readings=tuple(readings)
    )


def _next_tests(
    person: Person,
    values: dict[Analyte, float],
    readings: list[MarkerReading],
    caveat_codes: set[str],
    egfr: float | None,
) -> list[NextTest]:
    tests: dict[str, NextTest] = {}

    def add(test: str, reason: str, *rules: str) -> None:
        tests.setdefault(test, NextTest(test=test, reason=reason, rules=rules))

    if Analyte.B12 not in values and Analyte.HOLOTC not in values:
        add("b12_or_holotc", "No first-line test yet: total or active B12", RULE_FIRST_LINE)
    indeterminate = {
        r.analyte
        for r in readings
        if r.scheme == nice_ng239.SCHEME and r.category == NiceReading.INDETERMINATE
    }
    if indeterminate and Analyte.MMA not in values:
        add(
            "mma",
            "Indeterminate "
            + " and ".join("total B12" if a is Analyte.B12 else "active B12" for a in indeterminate)
            + ": NICE NG239 suggests serum MMA when there are symptoms",
            nice_ng239.RULE_INDETERMINATE_MMA,
        )
    if Analyte.B12 in indeterminate and Analyte.HOLOTC not in values:
        add(
            "holotc",
            "Indeterminate total B12: active B12 (holoTC) can help where available",
            nice_ng239.RULE_INDETERMINATE_ACTIVE,
        )
    if person.pregnant and Analyte.HOLOTC not in values:
        add(
            "holotc",
            "Pregnancy: active B12 (holoTC) is the preferred test",
            nice_ng239.RULE_PREGNANCY_ACTIVE,
        )
    if "nitrous_oxide" in caveat_codes:
        for analyte, name in ((Analyte.HCY, "hcy"), (Analyte.MMA, "mma")):
            if analyte not in values:
                add(
                    name,
                    "Nitrous oxide exposure: homocysteine and MMA are the informative tests",
                    confounders.RULE_NITROUS_OXIDE,
                )
    mma, hcy = values.get(Analyte.MMA), values.get(Analyte.HCY)
    raised = (mma is not None and epidemiology.mma_elevated(mma)) or (
        hcy is not None and epidemiology.hcy_elevated(hcy)
    )
    if raised and egfr is None:
        add(
            "egfr",
            "MMA or homocysteine is raised: kidney function (eGFR) is needed to read them",
            confounders.RULE_KIDNEY,
        )
    if hcy is not None and epidemiology.hcy_elevated(hcy) and Analyte.FOLATE not in values:
        add(
            "folate",
            "Homocysteine is raised: serum folate tells whether folate explains it",
            confounders.RULE_FOLATE,
        )
    return list(tests.values())


def interpret_status(person: Person) -> StatusResult:
    """Interpret a person's latest B12 markers.

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015 (cB12); NICE NG239 (2024); Allen LH. Am J Clin Nutr
    2009; and the sources of :mod:`b12.core.markers` and :mod:`b12.core.confounders`.
    """
    values = person.latest_values()
    cb12 = combined_indicator({m: values[m] for m in MARKERS if m in values}, person.age)
    readings = [
        *nice_ng239.readings(values),
        *epidemiology.readings(values),
        *markers.readings(values),
        *markers.lab_range_readings(
            lab for analyte in values if (lab := person.latest(analyte)) is not None
        ),
    ]
    egfr, estimated = kidney_function(person, values)
    caveats = confounders.caveats(person, values, egfr)
    if cb12.cb12 is not None:
        dates = {lab.date for m in MARKERS if (lab := person.latest(m)) and lab.date}
        if len(dates) > 1:
            span = (max(dates) - min(dates)).days
            caveats.append(
                Finding(
                    code="markers_different_dates",
                    message=f"cB12 combines markers measured up to {span} days apart; it was developed "
                    "on markers from one sample",
                    rules=(cb12.rules[0],),
                )
            )
    interpretation = _interpret(cb12, readings, values)
    if interpretation.conclusion == "discordant":
        caveats.append(
            Finding(
                code="discordant", message=_NICE_SUMMARY["discordant"], rules=(RULE_DISCORDANT,)
            )
        )
    next_tests = _next_tests(person, values, readings, {c.code for c in caveats}, egfr)
    rules = [
        *cb12.rules,
        *(r.rule for r in readings),
        *(r for c in caveats for r in c.rules),
        *(r for t in next_tests for r in t.rules),
    ]
    if estimated:
        rules.append(ckd_epi_2021.RULE)
    rules += [
        unit_rule_id(lab.analyte, find_unit(lab.analyte, lab.unit).unit) for lab in person.labs
    ]
    return StatusResult(
        cb12=cb12,
        interpretation=interpretation,
        caveats=tuple(caveats),
        next_tests=tuple(next_tests),
        egfr=egfr,
        egfr_estimated=estimated,
        rules=tuple(dict.fromkeys(rules)),
    )
