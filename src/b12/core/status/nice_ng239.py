"""NICE NG239 (2024), Vitamin B12 deficiency in over 16s: reading of total and active B12.

Source
------
National Institute for Health and Care Excellence. NG239, March 2024. Thresholds as quoted by
secondary summaries of the guideline (the NICE table itself was not read: evidence ``secondary``);
the follow-up rule ("consider MMA in people with symptoms and an indeterminate total or active B12
result") is verified from the BMJ summary (Sands T et al. BMJ 2024;385:q1019).

Input units: total B12 as the lab printed it (ng/L = pg/mL, or pmol/L), compared with the edge the
guideline states in that unit (180 and 350 ng/L; 133 and 258 pmol/L), never after converting and
rounding the value; holotranscobalamin (active B12) in pmol/L. Indeterminate ranges are inclusive at
both ends ("less than 180" is likely, so 180 is indeterminate; "more than 350" is unlikely, so 350 is
indeterminate).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

from b12.core.bands import Band, Bands, Closed, Edge, stated, stated_in
from b12.core.person import LabResult
from b12.core.rules import Evidence, register
from b12.core.sources import BSH_2014, NICE_NG239
from b12.core.status.readings import MarkerReading, reading
from b12.units import ANALYTE

SCHEME = "NICE NG239"

# NG239 states the total B12 edges in ng/L with pmol/L in brackets; b12 compares a result in the
# unit its lab printed against the edge stated in that unit (ng/L equals pg/mL).
TOTAL_B12_DEFICIENCY_BELOW_NG_L = 180.0  # NG239: "less than 180 ng/L (133 pmol/L)"
TOTAL_B12_DEFICIENCY_BELOW_PMOL_L = 133.0
TOTAL_B12_UNLIKELY_ABOVE_NG_L = 350.0  # NG239: "more than 350 ng/L (258 pmol/L)"
TOTAL_B12_UNLIKELY_ABOVE_PMOL_L = 258.0
ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L = 25.0  # NG239: active B12 "less than 25 pmol/L"
ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L = 70.0  # NG239: active B12 "more than 70 pmol/L"

RULE_TOTAL = register(
    "nice-ng239.total-b12",
    "Total B12 less than 180 ng/L (133 pmol/L) deficiency likely; 180-350 ng/L (133-258 pmol/L) "
    "indeterminate; more than 350 ng/L (258 pmol/L) deficiency unlikely; compared in the unit the "
    "lab printed",
    NICE_NG239,
    Evidence.SECONDARY,
    {
        "TOTAL_B12_DEFICIENCY_BELOW_NG_L": TOTAL_B12_DEFICIENCY_BELOW_NG_L,
        "TOTAL_B12_DEFICIENCY_BELOW_PMOL_L": TOTAL_B12_DEFICIENCY_BELOW_PMOL_L,
        "TOTAL_B12_UNLIKELY_ABOVE_NG_L": TOTAL_B12_UNLIKELY_ABOVE_NG_L,
        "TOTAL_B12_UNLIKELY_ABOVE_PMOL_L": TOTAL_B12_UNLIKELY_ABOVE_PMOL_L,
    },
)
RULE_ACTIVE = register(
    "nice-ng239.active-b12",
    "Active B12 (holoTC) less than 25 pmol/L deficiency likely; 25-70 pmol/L indeterminate; "
    "more than 70 pmol/L deficiency unlikely",
    NICE_NG239,
    Evidence.SECONDARY,
    {
        "ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L": ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L,
        "ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L": ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L,
    },
)


class NiceReading(StrEnum):
    """NG239's three-way reading of a first-line test."""

    DEFICIENCY_LIKELY = "deficiency_likely"
    INDETERMINATE = "indeterminate"
    DEFICIENCY_UNLIKELY = "deficiency_unlikely"


# The reading of a band label (a dict, not NiceReading(label): read per result, and on Python 3.11
# an enum call goes through EnumType.__getattr__'s hook, see b12.members).
_READING = {reading.value: reading for reading in NiceReading}


def _three_bands(below: str, middle: str, above: str) -> tuple[Band, ...]:
    return (
        Band(NiceReading.DEFICIENCY_LIKELY, below),
        Band(NiceReading.INDETERMINATE, middle),
        Band(NiceReading.DEFICIENCY_UNLIKELY, above),
    )


TOTAL_B12_BANDS = Bands(
    ANALYTE.B12,
    _three_bands(
        "less than 180 ng/L (133 pmol/L): deficiency likely",
        "180 to 350 ng/L (133 to 258 pmol/L): indeterminate",
        "more than 350 ng/L (258 pmol/L): deficiency unlikely",
    ),
    (
        # "less than 180": 180 itself is indeterminate; "more than 350": 350 is indeterminate.
        Edge(
            stated(pg_mL=TOTAL_B12_DEFICIENCY_BELOW_NG_L, pmol_L=TOTAL_B12_DEFICIENCY_BELOW_PMOL_L),
            Closed.ABOVE,
        ),
        Edge(
            stated(pg_mL=TOTAL_B12_UNLIKELY_ABOVE_NG_L, pmol_L=TOTAL_B12_UNLIKELY_ABOVE_PMOL_L),
            Closed.BELOW,
        ),
    ),
    RULE_TOTAL,
)
ACTIVE_B12_BANDS = Bands(
    ANALYTE.HOLOTC,
    _three_bands(
        "less than 25 pmol/L: deficiency likely",
        "25 to 70 pmol/L: indeterminate",
        "more than 70 pmol/L: deficiency unlikely",
    ),
    (
        Edge(stated(pmol_L=ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L), Closed.ABOVE),
        Edge(stated(pmol_L=ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L), Closed.BELOW),
    ),
    RULE_ACTIVE,
)
BANDS = {ANALYTE.B12: TOTAL_B12_BANDS, ANALYTE.HOLOTC: ACTIVE_B12_BANDS}

RULE_INDETERMINATE_MMA = register(
    "nice-ng239.indeterminate-next-mma",
    "Indeterminate total or active B12 with symptoms: consider serum methylmalonic acid",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_INDETERMINATE_ACTIVE = register(
    "nice-ng239.indeterminate-next-active",
    "Indeterminate total B12: the other first-line test (active B12) can help where available",
    BSH_2014,
    Evidence.SECONDARY,
    note="The id keeps its old prefix (ids are stored with assessments), but NG239's text was not "
    "found to say this; BSH 2014 (quoted by the Pernicious Anaemia Society): a cobalamin above 148 "
    "pmol/L with strong clinical suspicion 'should be evaluated further with MMA, tHcy or HoloTC'. "
    "DECISIONS.md: indeterminate -> MMA, and holoTC if not done.",
)
RULE_PREGNANCY_ACTIVE = register(
    "nice-ng239.pregnancy-active-b12",
    "In pregnancy, active B12 (holoTC) is the preferred test, since total B12 falls",
    NICE_NG239,
    Evidence.SECONDARY,
)
RULE_AGE_SCOPE = register(
    "nice-ng239.scope-over-16",
    "NG239 covers people over 16 years",
    NICE_NG239,
    Evidence.VERIFIED,
    {"MIN_AGE_YEARS": 16.0},
)
MIN_AGE_YEARS = 16.0
UNDER_16 = "under_16"
AGE_SCOPE_BANDS = Bands(
    None,
    (Band(UNDER_16, "under 16 years: outside NG239"), Band("covered", "people over 16 years")),
    # "Over 16" read strictly would leave 16 itself out; b12 has always read 16 as covered (only
    # an age below 16 is out of scope), and the wording does not settle it, so that stays.
    (Edge(stated_in("years", MIN_AGE_YEARS), Closed.ABOVE),),
    RULE_AGE_SCOPE,
)


@lru_cache(maxsize=1024)  # pure; asked ~15 times per assessment of the same age
def below_scope_age(age_years: float) -> bool:
    """Younger than 16 years: outside NG239 (and the cB12 cut-offs), for a paediatric specialist."""
    return AGE_SCOPE_BANDS.label_canonical(age_years) == UNDER_16


_MEANING = {
    NiceReading.DEFICIENCY_LIKELY: "B12 deficiency likely",
    NiceReading.INDETERMINATE: "indeterminate: further testing may help",
    NiceReading.DEFICIENCY_UNLIKELY: "B12 deficiency unlikely",
}


RULE_CENSORED_SPANS = register(
    "status.nice_ng239.censored-spanning-bands",
    "A censored first-line result whose side spans NG239 bands ('<150 pmol/L' reaches both the "
    "deficiency and the indeterminate band) is read as indeterminate: never reassuring, never a "
    "missing result",
    NICE_NG239,
    Evidence.SECONDARY,
    note="b12's reading of NG239's bands for every value the printed result allows (no guideline "
    "text on censored B12 was found): the band it is guaranteed to be at or beyond, so MMA or "
    "treatment follows and the same test is not asked for again.",
)


def read(lab: LabResult) -> NiceReading | None:
    """NG239 reading of a total or active B12 result in the unit its lab printed (``None`` for
    other analytes). A censored result whose side spans bands is indeterminate (:func:`spans`)."""
    bands = BANDS.get(lab.analyte)
    if bands is None:
        return None
    label = bands.label_of(lab.value, lab.unit, lab.comparator)
    return NiceReading.INDETERMINATE if label is None else _READING[label]


def spans(lab: LabResult) -> bool:
    """Whether a censored first-line result could lie in more than one NG239 band."""
    if lab.comparator is None:
        return False  # an exact value lies in one band
    bands = BANDS.get(lab.analyte)
    return bands is not None and bands.label_of(lab.value, lab.unit, lab.comparator) is None


def censored_below_normal(lab: LabResult) -> bool:
    """A first-line result printed as "<" a bound that is itself not in the deficiency-unlikely
    band ("<148 pmol/L"): every value it allows is below NG239's normal band, so it is never a
    normal result (rule status.nice_ng239.censored-spanning-bands)."""
    bands = BANDS.get(lab.analyte)
    return (
        bands is not None
        and (lab.comparator or "").startswith("<")
        and bands.label_of(lab.value, lab.unit, None) != NiceReading.DEFICIENCY_UNLIKELY
    )


def read_total_b12(pmol_l: float) -> NiceReading:
    """NG239 reading of serum total B12 given in pmol/L (the edges NG239 states in pmol/L)."""
    return NiceReading(TOTAL_B12_BANDS.band(pmol_l, "pmol/L").label)


def read_active_b12(pmol_l: float) -> NiceReading:
    """NG239 reading of active B12 (holotranscobalamin, pmol/L)."""
    return NiceReading(ACTIVE_B12_BANDS.band(pmol_l, "pmol/L").label)


def readings(labs: Iterable[LabResult]) -> list[MarkerReading]:
    """NG239 readings of whichever first-line results are given (each in its printed unit)."""
    out = []
    for lab in labs:
        category = read(lab)
        if category is None:
            continue
        out.append(
            reading(
                lab.analyte,
                lab.canonical_value,
                SCHEME,
                category,
                _MEANING[category],
                RULE_CENSORED_SPANS if spans(lab) else BANDS[lab.analyte].rule,
                printed=lab.printed,
                date=lab.date,
            )
        )
    return out
