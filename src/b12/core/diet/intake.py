"""Daily vitamin B12 intake from food, fortified food and supplements, and its absorbed share.

Input units: µg of B12 per diary row (already scaled from µg per 100 g by the grams eaten) and µg
per supplement dose. Food B12 is split into natural (food-bound) and added (crystalline, from
fortification) as USDA does: SR28 nutrient 418 is total B12 and 578 the added part, so natural =
total − added.

Algae (evidence.md §4.5): spirulina and other blue-green algae carry mostly pseudovitamin B12, an
inactive corrinoid (Watanabe et al. J Nutr Sci Vitaminol 2002;48:325-31, doi:10.3177/jnsv.48.325;
Dagnelie et al. Am J Clin Nutr 1991;53:695-7): their B12 is counted as 0 µg active and a caveat
warns that the analogues can make serum assays misleading. Nori (laver) and chlorella carry true
B12 but are an unreliable source: counted as listed, with a caveat.

Absorption: :mod:`b12.core.diet.absorption`, per meal (rows sharing a date and meal) and per supplement
dose. Reference: :mod:`b12.core.diet.requirements`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from b12.core.diet import absorption
from b12.core.diet.absorption import NOTHING, Absorbed, Dose, absorbed
from b12.core.diet.requirements import ReferenceIntake
from b12.core.rules import Evidence, register
from b12.core.sources import IOM_1998_B12, WATANABE_2002

RULE_PSEUDO_B12 = register(
    "intake.algae-pseudo-b12",
    "Spirulina and other blue-green algae contain mostly inactive pseudovitamin B12: counted as "
    "0 µg active B12, and analogues can make serum assays misleading",
    WATANABE_2002,
    Evidence.VERIFIED,
)
RULE_VARIABLE_ALGAE = register(
    "intake.algae-unreliable",
    "Nori (purple laver) and chlorella contain true B12 but are an unreliable source; fortified "
    "foods and supplements are the reliable vegan sources",
    WATANABE_2002,
    Evidence.VERIFIED,
)
PSEUDO_B12_TERMS = ("spirulina", "blue-green alga", "blue green alga", "aphanizomenon", "klamath")
VARIABLE_ALGAE_TERMS = ("nori", "laver", "chlorella")
UNSPECIFIED_MEAL = ""


def is_pseudo_b12_source(name: str) -> bool:
    """True for spirulina and other blue-green algae (their B12 counts as 0 µg active)."""
    lower = name.lower()
    return any(term in lower for term in PSEUDO_B12_TERMS)


def is_unreliable_algae(name: str) -> bool:
    """True for nori/laver and chlorella."""
    lower = name.lower()
    return any(term in lower for term in VARIABLE_ALGAE_TERMS)


@dataclass(frozen=True)
class FoodIntake:
    """One eaten food, resolved to µg of B12."""

    day: dt.date
    meal: str
    food: str
    grams: float | None  # None when the source gave µg directly (e.g. a Cronometer export)
    natural_ug: float
    added_ug: float = 0.0


@dataclass(frozen=True)
class SupplementIntake:
    """A supplement: ``ug_per_dose`` × ``doses_per_day`` on ``day``, or on every day if None."""

    product: str
    ug_per_dose: float
    doses_per_day: float  # a weekly dose is 1/7 here
    day: dt.date | None = None


@dataclass(frozen=True)
class DayIntake:
    """B12 on one day, µg."""

    day: dt.date
    natural_ug: float
    added_ug: float
    supplement_ug: float
    absorbed: Absorbed
    pseudo_b12_excluded_ug: float = 0.0

    @property
    def total_ug(self) -> float:
        """Active B12 taken: natural + added + supplement."""
        return self.natural_ug + self.added_ug + self.supplement_ug


@dataclass(frozen=True)
class IntakeSummary:
    """Per-day intake, the mean over the diary days, and the comparison with the reference."""

    days: tuple[DayIntake, ...]
    reference: ReferenceIntake
    intrinsic_factor: bool
    caveats: tuple[str, ...]
    rules: tuple[str, ...]
    mean_natural_ug: float = field(init=False)
    mean_added_ug: float = field(init=False)
    mean_supplement_ug: float = field(init=False)
    mean_total_ug: float = field(init=False)
    mean_absorbed: Absorbed = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.days)
        if n == 0:
            raise ValueError("an intake summary needs at least one day")
        mean = {
            "mean_natural_ug": sum(d.natural_ug for d in self.days) / n,
            "mean_added_ug": sum(d.added_ug for d in self.days) / n,
            "mean_supplement_ug": sum(d.supplement_ug for d in self.days) / n,
            "mean_total_ug": sum(d.total_ug for d in self.days) / n,
            "mean_absorbed": sum((d.absorbed for d in self.days), NOTHING).scaled(1 / n),
        }
        for name, value in mean.items():
            object.__setattr__(self, name, value)

    @property
    def meets_rda(self) -> bool:
        """Mean intake at or above the RDA (AI for infants)."""
        return self.mean_total_ug >= self.reference.rda_ug_per_day

    @property
    def below_ear(self) -> bool:
        """Mean intake below the EAR (False where there is no EAR)."""
        ear = self.reference.ear_ug_per_day
        return ear is not None and self.mean_total_ug < ear


def _active(item: FoodIntake) -> tuple[float, float, float]:
    """(natural, added, excluded pseudo-B12) of a row."""
    if is_pseudo_b12_source(item.food):
        return 0.0, 0.0, item.natural_ug + item.added_ug
    return item.natural_ug, item.added_ug, 0.0


def _day(
    day: dt.date,
    items: Sequence[FoodIntake],
    supplements: Sequence[SupplementIntake],
    intrinsic_factor: bool,
) -> DayIntake:
    meals: dict[str, list[float]] = {}
    natural = added = excluded = 0.0
    for item in items:
        n, a, x = _active(item)
        natural, added, excluded = natural + n, added + a, excluded + x
        meal = meals.setdefault(item.meal, [0.0, 0.0])
        meal[0] += n
        meal[1] += a
    total_absorbed = NOTHING
    for food_ug, crystalline_ug in meals.values():
        total_absorbed += absorbed(Dose(food_ug, crystalline_ug), intrinsic_factor=intrinsic_factor)
    supplement = 0.0
    for s in supplements:
        if s.day is not None and s.day != day:
            continue
        supplement += s.ug_per_dose * s.doses_per_day
        per_dose = absorbed(Dose(0.0, s.ug_per_dose), intrinsic_factor=intrinsic_factor)
        total_absorbed += per_dose.scaled(s.doses_per_day)
    return DayIntake(day, natural, added, supplement, total_absorbed, excluded)


def summarise(
    foods: Iterable[FoodIntake],
    supplements: Sequence[SupplementIntake],
    reference: ReferenceIntake,
    *,
    intrinsic_factor: bool = True,
    days: Iterable[dt.date] = (),
) -> IntakeSummary:
    """Per-day and mean intake with absorption and the reference intake.

    ``days`` adds diary days on which no food was logged (supplements still count on them).

    References
    ----------
    IOM 1998 doi:10.17226/6015 (absorption, RDA); Watanabe 2002 doi:10.3177/jnsv.48.325 (algae).
    """
    by_day: dict[dt.date, list[FoodIntake]] = {d: [] for d in days}
    for item in foods:
        by_day.setdefault(item.day, []).append(item)
    for s in supplements:
        if s.day is not None:
            by_day.setdefault(s.day, [])
    if not by_day:
        raise ValueError("the diary holds no dated food or day")
    rows = [r for items in by_day.values() for r in items]
    caveats: list[str] = []
    rules: list[str] = list(reference.rules)
    if any(is_pseudo_b12_source(r.food) for r in rows):
        caveats.append(
            "spirulina / blue-green algae: their B12 is mostly inactive pseudo-B12 and is counted "
            "as 0 µg; it can also make serum B12 tests look better than B12 status is"
        )
        rules.append(RULE_PSEUDO_B12)
    if any(is_unreliable_algae(r.food) for r in rows):
        caveats.append(
            "nori and chlorella are unreliable B12 sources; rely on fortified foods or a supplement"
        )
        rules.append(RULE_VARIABLE_ALGAE)
    if any(r.meal == UNSPECIFIED_MEAL for r in rows):
        caveats.append(
            "rows without a meal are absorbed as one meal per day (a conservative "
            "estimate); name the meals for a better one"
        )
    if reference.prefer_fortified_or_supplement:
        caveats.append(
            "over 50: most B12 should come from fortified foods or a supplement, since "
            "10-30% of older people absorb food-bound B12 poorly"
        )
    if not intrinsic_factor:
        caveats.append(
            "a malabsorption condition is recorded: only about 1% of oral B12 is "
            "absorbed without intrinsic factor; treatment is a matter for a clinician"
        )
    rules.extend(absorption.RULES)
    if not intrinsic_factor:
        rules.append(absorption.RULE_MALABSORPTION)
    return IntakeSummary(
        days=tuple(_day(d, by_day[d], supplements, intrinsic_factor) for d in sorted(by_day)),
        reference=reference,
        intrinsic_factor=intrinsic_factor,
        caveats=tuple(caveats),
        rules=tuple(dict.fromkeys(rules)),
    )


@dataclass(frozen=True)
class Suggestion:
    """A food the user may have meant."""

    key: str
    name: str


@dataclass(frozen=True)
class Unmatched:
    """A diary row whose food was not resolved."""

    where: str
    text: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class ResolvedRow:
    """A diary row with its food and B12 (µg)."""

    where: str
    food: str
    key: str | None
    grams: float | None
    b12_ug: float


@dataclass(frozen=True)
class IntakeResult:
    """Everything `b12 intake` shows: the summary, each row as matched, and what was not."""

    summary: IntakeSummary
    rows: tuple[ResolvedRow, ...]
    unmatched: tuple[Unmatched, ...]
    notes: tuple[str, ...]
    foods_from: str  # "bundled table" or the store path


class IntakePattern(StrEnum):
    """What intake says about low B12 status, for the personalised plan."""

    LOW_STATUS_DESPITE_AMPLE_INTAKE = "low_status_despite_ample_intake"
    LOW_INTAKE = "low_intake"
    ADEQUATE_INTAKE = "adequate_intake"


RULE_PATTERN = register(
    "intake.plan-pattern",
    "Low B12 status despite intake at or above the RDA points to malabsorption; intake below the "
    "RDA with the intrinsic-factor route intact points to diet change or a modest supplement",
    IOM_1998_B12,
    Evidence.UNVERIFIED,
    note="b12 design rule (issue 4) built on IOM 1998 p.342: malabsorption, not diet, explains "
    "deficiency at adequate intake.",
)


def intake_pattern(summary: IntakeSummary, *, status_low: bool) -> IntakePattern:
    """Read intake against status for the plan: malabsorption suspected, low intake, or adequate.

    ``status_low`` comes from the status assessment (e.g. a NICE NG239 reading of deficiency
    likely or indeterminate, or cB12 below adequate).
    """
    if summary.meets_rda:
        return (
            IntakePattern.LOW_STATUS_DESPITE_AMPLE_INTAKE
            if status_low
            else IntakePattern.ADEQUATE_INTAKE
        )
    return IntakePattern.LOW_INTAKE
