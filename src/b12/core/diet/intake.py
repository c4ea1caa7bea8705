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

from b12.core.diet import absorption
from b12.core.diet.absorption import NOTHING, Absorbed, Dose, absorbed
from b12.core.diet.requirements import RULE_FORTIFIED_SHARE, ReferenceIntake
from b12.core.diet.verdict import (
    IntakeEstimate,
    IntakeLevel,
    fortified_reasons,
    fortified_target_ug,
    intake_level,
    verdict_sentence,
)
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
# The one day of a record of undated supplements only: a placeholder, never shown as a date.
USUAL_DAY = dt.date.min


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
    """B12 on one day, µg (``usual``: the usual day of a record of undated supplements only,
    which has no calendar date; its ``day`` is :data:`USUAL_DAY`)."""

    day: dt.date
    natural_ug: float
    added_ug: float
    supplement_ug: float
    absorbed: Absorbed
    pseudo_b12_excluded_ug: float = 0.0

    @property
    def usual(self) -> bool:
        """True for the usual day of undated supplements (not a calendar date)."""
        return self.day == USUAL_DAY

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

    def estimate(
        self, *, unread_rows: int = 0, food_recorded: bool = True, medicines: Sequence[str] = ()
    ) -> IntakeEstimate:
        """Mean daily B12 eaten, absorbed and crystalline, as the verdict and the plan read it.

        Absorption is a range (intrinsic-factor uptake capped at 1.5-2.5 µg per meal); the
        verdict reads its midpoint.
        """
        return IntakeEstimate(
            ug_per_day=self.mean_total_ug,
            absorbed_ug_per_day=(self.mean_absorbed.low_ug + self.mean_absorbed.high_ug) / 2,
            crystalline_ug_per_day=self.mean_added_ug + self.mean_supplement_ug,
            fortified_because=tuple(medicines),
            unread_rows=unread_rows,
            food_recorded=food_recorded,
            supplement_ug_per_day=self.mean_supplement_ug,
        )


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


def _fortified_caveat(reference: ReferenceIntake, medicines: Sequence[str]) -> str | None:
    """Over 50 or on a named medicine: the fortified share, and why (None: not advised)."""
    fortified = fortified_target_ug(reference, medicines)
    if fortified is None:
        return None
    why = []
    if reference.prefer_fortified_or_supplement:
        why.append("10-30% of people over 50 absorb food-bound B12 poorly")
    if medicines:
        why.append("acid-lowering medicines and metformin lower B12 absorption")
    return (
        f"{' and '.join(fortified_reasons(reference, medicines))}: most B12 should come from "
        f"fortified foods or a supplement (at least {fortified:g} µg of added B12 a day), since "
        + "; ".join(why)
    )


def summarise(
    foods: Iterable[FoodIntake],
    supplements: Sequence[SupplementIntake],
    reference: ReferenceIntake,
    *,
    intrinsic_factor: bool = True,
    days: Iterable[dt.date] = (),
    medicines: Sequence[str] = (),
) -> IntakeSummary:
    """Per-day and mean intake with absorption and the reference intake.

    ``days`` adds diary days on which no food was logged (supplements still count on them). A
    record of undated supplements only gives one usual day (:data:`USUAL_DAY`). ``medicines``: those
    that call for fortified foods or a supplement (:func:`b12.core.diet.verdict.fortified_target_ug`),
    named in the caveat.

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
    if not by_day and supplements:
        by_day[USUAL_DAY] = []  # undated supplements only: their daily amount is the usual day
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
    fortified = _fortified_caveat(reference, medicines)
    if fortified is not None:
        caveats.append(fortified)
        rules.append(RULE_FORTIFIED_SHARE)
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
    """Everything `b12 intake` shows: the summary, each row as matched, what was not, and the
    estimate the one verdict reads (:mod:`b12.core.diet.verdict`)."""

    summary: IntakeSummary
    rows: tuple[ResolvedRow, ...]
    unmatched: tuple[Unmatched, ...]
    notes: tuple[str, ...]
    foods_from: str  # "bundled table" or the store path
    estimate: IntakeEstimate

    @property
    def level(self) -> IntakeLevel:
        """The verdict's level: the same reading as the assessment's and the plan's."""
        return intake_level(self.estimate, self.summary.reference)

    @property
    def verdict(self) -> str:
        """The verdict in words with its numbers, as every view shows it."""
        return verdict_sentence(self.estimate, self.summary.reference)


RULE_PATTERN = register(
    "intake.plan-pattern",
    "Low B12 status despite intake at or above the RDA points to malabsorption; intake below the "
    "RDA with the intrinsic-factor route intact points to diet change or a modest supplement",
    IOM_1998_B12,
    Evidence.UNVERIFIED,
    note="b12 design rule (issue 4) built on IOM 1998 p.342: malabsorption, not diet, explains "
    "deficiency at adequate intake.",
)
