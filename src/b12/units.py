"""Units of the analytes b12 reads, as data: canonical units, accepted spellings, factors, bounds.

Values are converted once, when a lab result enters b12, to the canonical unit of its analyte
(pmol/L for B12 and holoTC, µmol/L for MMA and homocysteine, nmol/L for folate, g/L for haemoglobin,
fL for MCV, µmol/L for creatinine, mL/min/1.73 m² for eGFR). Unit strings are matched after
normalisation, so UCUM codes (``umol/L``, ``ug/L``, ``mL/min/{1.73_m2}``) and the spellings labs print
(``µmol/L`` with either micro character, ``mcmol/L``, ``pg/ml``) are all accepted.

Plausibility bounds are data-quality limits for catching typing and unit errors, never reference
ranges: a value outside them is refused, and if it would be plausible in another accepted unit the
error names that likely mix-up.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from b12.errors import UnitError, shown
from b12.members import members


class Analyte(StrEnum):
    """Laboratory analytes b12 understands (serum or plasma unless stated)."""

    B12 = "b12"  # serum total vitamin B12 (cobalamin)
    HOLOTC = "holotc"  # holotranscobalamin, "active B12"
    MMA = "mma"  # methylmalonic acid
    HCY = "hcy"  # total homocysteine
    FOLATE = "folate"  # serum folate
    HEMOGLOBIN = "hemoglobin"  # blood haemoglobin
    MCV = "mcv"  # mean corpuscular volume
    CREATININE = "creatinine"  # serum creatinine
    EGFR = "egfr"  # estimated glomerular filtration rate
    FERRITIN = "ferritin"  # serum ferritin (iron stores)
    TSH = "tsh"  # thyroid-stimulating hormone (thyrotropin)


ANALYTE = members(Analyte)  # read per person in every rule (b12.members)


@dataclass(frozen=True)
class UnitFactor:
    """One accepted unit: how to reach the canonical unit, and where the factor comes from."""

    unit: str  # display form, also the UCUM code where one exists
    spellings: tuple[str, ...]  # other accepted spellings (normalised before matching)
    to_canonical: float  # canonical value = value × to_canonical
    source: str
    evidence: str  # verified | secondary | unverified (see b12.core.rules.Evidence)


@dataclass(frozen=True)
class AnalyteUnits:
    """Canonical unit, accepted units and plausibility bounds of one analyte."""

    analyte: Analyte
    label: str
    canonical: str
    units: tuple[UnitFactor, ...]
    plausible_low: float  # canonical unit
    plausible_high: float  # canonical unit
    plausible_source: str
    plausible_evidence: str


_IDENTITY = "identity (the canonical unit)"
_SI_PREFIX = "definition of SI prefixes (1 µmol = 1000 nmol; 1 g/dL = 10 g/L)"
_BOUNDS = (
    "b12 data-quality limit: far wider than human values seen in practice, to catch typing and unit "
    "errors; not a reference range"
)


def _same(unit: str, *spellings: str) -> UnitFactor:
    return UnitFactor(unit, spellings, 1.0, _IDENTITY, "verified")


_MICROMOL = ("µmol/L", "umol/L", "μmol/L", "micromol/L", "mcmol/L", "µM", "uM")
_NANOMOL_TO_MICRO = UnitFactor("nmol/L", ("nmol/l", "nM"), 0.001, _SI_PREFIX, "verified")

REGISTRY: dict[Analyte, AnalyteUnits] = {
    a.analyte: a
    for a in (
        AnalyteUnits(
            Analyte.B12,
            "serum total vitamin B12",
            "pmol/L",
            (
                _same("pmol/L", "pM"),
                UnitFactor(
                    "pg/mL",
                    ("ng/L",),
                    0.738,
                    "NHANES VITB12_H codebook: 'The vitamin B12 in pg/mL was converted to pmol/L "
                    "by multiplying by 0.738'; ng/L equals pg/mL",
                    "verified",
                ),
            ),
            5.0,
            50_000.0,
            _BOUNDS + "; NHANES 2013-2014 observed 18-26,801 pg/mL (13-19,779 pmol/L)",
            "unverified",
        ),
        AnalyteUnits(
            Analyte.HOLOTC,
            "holotranscobalamin (active B12)",
            "pmol/L",
            (_same("pmol/L", "pM"),),
            1.0,
            5_000.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.MMA,
            "methylmalonic acid",
            "µmol/L",
            (_same(*_MICROMOL), _NANOMOL_TO_MICRO),
            0.01,
            100.0,
            _BOUNDS + "; NHANES 2013-2014 observed 26.6-5,540 nmol/L (0.027-5.54 µmol/L)",
            "unverified",
        ),
        AnalyteUnits(
            Analyte.HCY,
            "total homocysteine",
            "µmol/L",
            (_same(*_MICROMOL),),
            1.0,
            500.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.FOLATE,
            "serum folate",
            "nmol/L",
            (
                _same("nmol/L", "nM"),
                UnitFactor(
                    "ng/mL",
                    ("ug/L", "µg/L", "μg/L", "mcg/L"),
                    2.266,
                    "folate ng/mL × 2.266 = nmol/L (folic acid molar mass 441.4 g/mol), as used by "
                    "NHANES and DECISIONS.md",
                    "secondary",
                ),
            ),
            0.5,
            1_000.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.HEMOGLOBIN,
            "haemoglobin",
            "g/L",
            (_same("g/L"), UnitFactor("g/dL", ("g/100mL", "g%"), 10.0, _SI_PREFIX, "verified")),
            30.0,
            250.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.MCV,
            "mean corpuscular volume",
            "fL",
            (_same("fL", "um3", "µm3", "μm3"),),
            40.0,
            160.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.CREATININE,
            "serum creatinine",
            "µmol/L",
            (
                _same(*_MICROMOL),
                UnitFactor(
                    "mg/dL",
                    ("mg/100mL",),
                    88.4,
                    "NHANES BIOPRO codebook: LBDSCRSI (µmol/L) = LBXSCR (mg/dL) × 88.4 "
                    "(creatinine molar mass 113.12 g/mol gives 88.42); ratio checked on the 2013-2014 file",
                    "verified",
                ),
            ),
            5.0,
            3_000.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.EGFR,
            "estimated GFR",
            "mL/min/1.73m2",
            (
                _same(
                    "mL/min/1.73m2",
                    "mL/min/{1.73_m2}",
                    "mL/min/1.73 m2",
                    "mL/min/1.73m²",
                    "mL/min/1.73 m²",
                    "mL/min/1.73sqm",
                    "mL/min",
                ),
            ),
            1.0,
            250.0,
            _BOUNDS,
            "unverified",
        ),
        AnalyteUnits(
            Analyte.FERRITIN,
            "serum ferritin",
            "µg/L",
            (_same("µg/L", "ug/L", "μg/L", "mcg/L", "ng/mL"),),
            0.5,
            100_000.0,
            _BOUNDS + "; µg/L equals ng/mL",
            "unverified",
        ),
        AnalyteUnits(
            Analyte.TSH,
            "thyroid-stimulating hormone",
            "mIU/L",
            (_same("mIU/L", "mU/L", "µIU/mL", "uIU/mL", "μIU/mL", "mcIU/mL"),),
            0.001,
            1_000.0,
            _BOUNDS + "; mIU/L equals µIU/mL",
            "unverified",
        ),
    )
}


@functools.lru_cache(maxsize=1024)  # few distinct spellings, read on every lab result
def normalise_unit(unit: str) -> str:
    """Fold a unit string to a matching key: case, spaces, micro signs and 'per litre' spellings."""
    key = unit.strip().replace("μ", "µ").replace("²", "2")
    key = re.sub(r"\s+", "", key).lower()
    key = key.replace("litre", "l").replace("liter", "l")
    return key.replace("mcg", "µg").replace("mcmol", "µmol").replace("micromol", "µmol")


def _lookup(analyte: Analyte) -> dict[str, UnitFactor]:
    table: dict[str, UnitFactor] = {}
    for factor in REGISTRY[analyte].units:
        for spelling in (factor.unit, *factor.spellings):
            table[normalise_unit(spelling)] = factor
            table[normalise_unit(spelling.replace("µ", "u"))] = factor
    return table


_LOOKUPS = {analyte: _lookup(analyte) for analyte in Analyte}


def accepted_units(analyte: Analyte) -> list[str]:
    """Display forms of the units accepted for an analyte."""
    return [f.unit for f in REGISTRY[analyte].units]


# The accepted spelling with another prefix for the same amount, shown beside the display form in
# errors: a user with "ng/L" on the lab sheet should not read that it is refused.
_SAME_AMOUNT = {"pg/mL": "ng/L", "ng/mL": "µg/L", "µg/L": "ng/mL", "mIU/L": "µIU/mL"}


def _accepted_text(analyte: Analyte) -> str:
    """The accepted units for an error: 'pmol/L, pg/mL (= ng/L)'."""
    return ", ".join(
        f"{f.unit} (= {same})"
        if (same := _SAME_AMOUNT.get(f.unit)) and _LOOKUPS[analyte].get(normalise_unit(same)) is f
        else f.unit
        for f in REGISTRY[analyte].units
    )


def find_unit(analyte: Analyte, unit: str) -> UnitFactor:
    """Return the accepted unit matching ``unit`` or raise a :class:`UnitError` naming the options."""
    factor = _LOOKUPS[analyte].get(normalise_unit(unit))
    if factor is None:
        raise UnitError(
            f"unknown unit {shown(unit)} for {analyte.value} ({REGISTRY[analyte].label}); "
            f"accepted: {_accepted_text(analyte)}"
        )
    return factor


def to_canonical(
    analyte: Analyte, value: float, unit: str | None = None, comparator: str = ""
) -> float:
    """Convert ``value`` in ``unit`` (canonical when None) to the canonical unit, checking plausibility.

    ``comparator`` is a censored result's sign ('<', '>'), shown in an error as the lab printed it.

    Raises
    ------
    UnitError
        The unit is unknown, the value is not a finite positive number, or it is implausible in the
        unit given (naming the likely mix-up when another accepted unit would make it plausible).
    """
    info = REGISTRY[analyte]
    factor = find_unit(analyte, unit) if unit is not None else find_unit(analyte, info.canonical)
    if math.isfinite(value) and value > 0:
        canonical = value * factor.to_canonical
        if info.plausible_low <= canonical <= info.plausible_high:
            return canonical
    shown = f"{comparator}{value:g} {factor.unit}"  # only for the error (it runs per lab result)
    if not math.isfinite(value) or value <= 0:
        raise UnitError(f"{analyte.value} value {shown} must be a positive number")
    low = info.plausible_low / factor.to_canonical
    high = info.plausible_high / factor.to_canonical
    message = (
        f"{analyte.value} value {shown} is implausible (b12 accepts {low:g}-{high:g} {factor.unit})"
    )
    for other in info.units:
        if other is not factor and info.plausible_low <= value * other.to_canonical <= (
            info.plausible_high
        ):
            message += f"; was it {value:g} {other.unit}? Check the unit on the lab report"
            break
    raise UnitError(message)


def from_canonical(analyte: Analyte, value: float, unit: str) -> float:
    """Express a canonical value in another accepted unit of the analyte."""
    return value / find_unit(analyte, unit).to_canonical


_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse_quantity(text: str) -> tuple[float, str | None]:
    """Split '250 pg/mL' into (250.0, 'pg/mL'); a bare number has unit None."""
    match = _QUANTITY.match(text)
    if match is None:
        raise UnitError(
            f"expected a number with an optional unit, e.g. '250 pg/mL'; got {shown(text)}"
        )
    return float(match.group(1)), (match.group(2) or None)


def plain_number(value: float) -> str:
    """A number in plain decimal digits that reads back as the same float: 45, 17.5, 0.00001.

    For text that is parsed again (a form field, a diary amount): ``f"{x:g}"`` keeps only six
    significant digits and ``repr`` may write an exponent ('1e-05') that a diary amount refuses.
    """
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
