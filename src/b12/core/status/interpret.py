"""B12 status of one person: the single-marker readings, cB12, caveats, and the one judgment.

The readings come from the instrument modules (:mod:`cb12`, :mod:`nice_ng239`, :mod:`markers`,
:mod:`confounders`); :mod:`b12.core.status.judgment` combines them with the signs,
antibodies and treatment history into one level, confidence and urgency. This module adds no
thresholds of its own.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from b12.core.bands import Bands
from b12.core.findings import Finding
from b12.core.kidney_blood import ckd_epi_2021
from b12.core.person import LabResult, Person, latest_result
from b12.core.rules import unit_rule_id
from b12.core.status import confounders, epidemiology, markers, nice_ng239
from b12.core.status.cb12 import MARKERS, Cb12Result, combined_indicator
from b12.core.status.confounders import lowers_only
from b12.core.status.judgment import EvidenceItem, Judgment, judge, treatment_start
from b12.core.status.judgment.model import DIRECTION
from b12.core.status.judgment.response import before_treatment
from b12.core.status.readings import MarkerReading
from b12.core.status.result_age import as_taken_by, not_yet_taken
from b12.units import ANALYTE, Analyte, find_unit


class StatusResult(BaseModel):
    """Everything b12 says about a person's B12 status; ``judgment`` is what every interface shows."""

    model_config = ConfigDict(frozen=True)
    judgment: Judgment
    cb12: Cb12Result
    readings: tuple[MarkerReading, ...]
    caveats: tuple[Finding, ...]
    egfr: float | None
    egfr_estimated: bool
    rules: tuple[str, ...]


def chart_cutoffs() -> dict[Analyte, tuple[tuple[str, float, str], ...]]:
    """The cut-offs a trend chart draws, per analyte: (label, value in the canonical unit, rule id).

    Interfaces and reports do not import the single-marker modules (import-linter); charts read
    the lines here, from the band declarations. NG239's total-B12 edges are its stated pmol/L
    values.
    """
    nice = ("NICE: deficiency likely below", "NICE: deficiency unlikely above")
    return {
        ANALYTE.B12: _edge_lines(nice_ng239.TOTAL_B12_BANDS, nice),
        ANALYTE.HOLOTC: _edge_lines(nice_ng239.ACTIVE_B12_BANDS, nice),
        ANALYTE.MMA: _edge_lines(epidemiology.MMA_BANDS, ("elevated above",)),
        ANALYTE.HCY: _edge_lines(epidemiology.HCY_BANDS, ("elevated above",)),
    }


def _edge_lines(bands: Bands, names: tuple[str, ...]) -> tuple[tuple[str, float, str], ...]:
    """One chart line per edge of ``bands``, in the canonical unit."""
    return tuple(
        (name, edge.in_unit(bands.analyte, bands.unit), bands.rule)
        for name, edge in zip(names, bands.edges, strict=True)
    )


def kidney_function(person: Person, values: dict[Analyte, float]) -> tuple[float | None, bool]:
    """The lab eGFR, else CKD-EPI 2021 from creatinine for adults; and whether it was estimated."""
    if ANALYTE.EGFR in values:
        return values[ANALYTE.EGFR], False
    creatinine = values.get(ANALYTE.CREATININE)
    if creatinine is not None and ckd_epi_2021.applies(person.age):
        return ckd_epi_2021.egfr(creatinine, person.age, person.sex), True
    return None, False


def sample_key(lab: LabResult) -> str:
    """Results with one specimen id, else one collection date, come from one sample."""
    if lab.specimen_id is not None:
        return f"specimen:{lab.specimen_id}"
    return f"date:{lab.date or 'undated'}"


def _one_sample_cb12(person: Person) -> tuple[Cb12Result, dt.date | None]:
    """cB12 from the latest result of each marker, only when all come from one sample."""
    latest = {m: lab for m in MARKERS if (lab := latest_result(person, m)) is not None}
    values = {m: lab.canonical_value for m, lab in latest.items() if lab.comparator is None}
    if len(latest) == len(MARKERS) and len({sample_key(lab) for lab in latest.values()}) > 1:
        result = combined_indicator({}, person.age)
        return result.model_copy(
            update={
                "reason": "cB12 needs the four markers from one sample; the latest results "
                "come from different samples or dates",
                "markers_used": (),
                "markers_missing": (),
            }
        ), None
    dates = {lab.date for lab in latest.values()}
    return combined_indicator(values, person.age), next(iter(dates)) if len(dates) == 1 else None


def _latest_date(person: Person, analyte: Analyte) -> dt.date | None:
    lab = latest_result(person, analyte)
    return None if lab is None else lab.date


def interpret_status(person: Person, assessed_on: dt.date) -> StatusResult:
    """Interpret a person's B12 markers, signs and history as of ``assessed_on``.

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015 (cB12); NICE NG239 (2024); Allen LH. Am J Clin Nutr
    2009; Devalia V et al. Br J Haematol 2014 (BSH); and the sources of :mod:`b12.core.status.markers`,
    :mod:`b12.core.status.confounders` and :mod:`b12.core.status.judgment`.
    """
    # A result dated after the assessment date cannot have been taken yet: nothing reads it, and
    # the judgment lists it as not read (rule status.judgment.rules.results-after-assessment-date).
    later = not_yet_taken(person, assessed_on)
    read = as_taken_by(person, assessed_on)
    values = read.latest_values()
    cb12, cb12_date = _one_sample_cb12(read)
    egfr, estimated = kidney_function(read, values)
    caveats = confounders.caveats(read, values, egfr, assessed_on)
    judgment = judge(read, assessed_on, cb12, cb12_date, caveats, later)
    readings = _shown_readings(read, judgment)
    return StatusResult(
        judgment=judgment,
        cb12=cb12,
        readings=readings,
        caveats=_caveat_findings(judgment),
        egfr=egfr,
        egfr_estimated=estimated,
        rules=_status_rules(person, cb12, readings, judgment, estimated),
    )


def _readings(person: Person) -> list[MarkerReading]:
    """The single-marker readings of the latest results."""
    latest = person.latest_results()
    # The epidemiological bands (Allen 2009, MMA 271, homocysteine 15/13) are for cohorts: per
    # person the judgment reads MMA and homocysteine against the lab's own limit first, and a
    # second verdict beside it could contradict it.
    # A censored result ("<50") is no number for the marker cut-offs: its NG239 or lab-range
    # reading says what it can.
    exact = {lab.analyte: lab.canonical_value for lab in latest if not lab.comparator}
    # The marker readings are of the latest results: each carries the result as printed and its
    # sample date, as NG239's do (red team round 17, note on 13: the homocysteine line had no
    # date, and the web's "as printed" cell was empty).
    return [
        *([] if nice_ng239.below_scope_age(person.age) else nice_ng239.readings(latest)),
        *markers.readings(exact, {lab.analyte: lab for lab in latest}),
        *markers.lab_range_readings(latest),
    ]


def _shown_readings(person: Person, judgment: Judgment) -> tuple[MarkerReading, ...]:
    """Only readings of results the judgment used (not serum B12 on injections, nor a result no
    longer current, say): a reading without a date is of the analyte's latest result. On
    treatment, a reading of a sample taken before it began is marked as such, and a reading a
    caveat makes unreliable carries the caveat."""
    unused = {(r.analyte, r.date) for r in judgment.results if not r.used}
    start = treatment_start(judgment.evidence)
    caveats = [i for i in judgment.evidence if i.direction is DIRECTION.MAKES_UNRELIABLE]
    return tuple(
        _marked(r, before_treatment(r.date, start), _caveat_on(r, caveats))
        for r in _readings(person)
        if (r.analyte.value, r.date or _latest_date(person, r.analyte)) not in unused
    )


def _caveat_on(reading: MarkerReading, caveats: list[EvidenceItem]) -> str | None:
    """The first caveat that makes this reading unreliable: one that can only lower the marker
    leaves a normal reading standing (confounders.lowers_only)."""
    if not caveats:
        return None  # most people: no caveat at all
    normal = reading.category == "deficiency_unlikely"
    return next(
        (
            i.message
            for i in caveats
            if reading.analyte.value in i.affects and not (normal and lowers_only(i.code))
        ),
        None,
    )


def _marked(reading: MarkerReading, before: bool, unreliable: str | None) -> MarkerReading:
    if not before and unreliable is None:
        return reading
    return reading.model_copy(update={"before_treatment": before, "unreliable": unreliable})


def _caveat_findings(judgment: Judgment) -> tuple[Finding, ...]:
    return tuple(
        Finding(code=i.code, message=i.message, rules=i.rules)
        for i in judgment.evidence
        if i.direction is DIRECTION.MAKES_UNRELIABLE
    )


def _status_rules(
    person: Person,
    cb12: Cb12Result,
    readings: tuple[MarkerReading, ...],
    judgment: Judgment,
    estimated: bool,
) -> tuple[str, ...]:
    rules = dict.fromkeys(cb12.rules)  # ordered and without repeats
    for reading in readings:
        rules[reading.rule] = None
    for rule in judgment.rules:
        rules[rule] = None
    if estimated:
        rules[ckd_epi_2021.RULE] = None
    for lab in person.lab_results:
        rules[unit_rule_id(lab.analyte, find_unit(lab.analyte, lab.unit).unit)] = None
    return tuple(rules)
