"""SARC-F questionnaire and SARC-CalF (SARC-F plus calf circumference): sarcopenia case-finding.

Sources
-------
Malmstrom TK, Morley JE. SARC-F: a simple questionnaire to rapidly diagnose sarcopenia. J Am Med Dir
Assoc 2013. Five items, each scored 0, 1 or 2 (strength, assistance in walking, rise from a chair,
climb stairs, falls); total 0-10; a total >= 4 is positive (../shared/knowledge/evidence.md §6.5).

SARC-CalF (Barbosa-Silva et al. 2016) with the AWGS 2019 calf cut-offs (Chen LK et al. J Am Med Dir
Assoc 2020): 10 points are added when calf circumference is < 34 cm in men or < 33 cm in women,
and a total >= 11 is positive (evidence.md §6.2; the 10-point weight is read on a calculator page,
so that rule is ``secondary``).

Input units: item scores (0-2 points each); calf circumference in cm.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from b12.core.bands import cut_off, in_band
from b12.core.muscle.cut_offs import by_sex, low
from b12.core.rules import Evidence, register
from b12.core.sex import BySex, Sex
from b12.core.sources import CHEN_2020_AWGS, MALMSTROM_2013_SARC_F, SARC_CALF_SCORING

ITEM_MAX_POINTS = 2  # each SARC-F item: 0 none, 1 some, 2 a lot / unable (falls: 0, 1-3, >= 4)
SARC_F_POSITIVE_FROM_POINTS = 4  # SARC-F total >= 4 is a positive screen
CALF_LOW_BELOW_CM = BySex(male=34.0, female=33.0)  # AWGS 2019
SARC_CALF_CALF_ITEM_POINTS = 10  # added to SARC-F when calf circumference is low
SARC_CALF_POSITIVE_FROM_POINTS = 11  # SARC-CalF total >= 11 is a positive screen

RULE_SARC_F = register(
    "sarc-f.malmstrom2013",
    "SARC-F: five items scored 0-2 (total 0-10); a total >= 4 is a positive case-finding screen",
    MALMSTROM_2013_SARC_F,
    Evidence.VERIFIED,
    {
        "ITEM_MAX_POINTS": ITEM_MAX_POINTS,
        "SARC_F_POSITIVE_FROM_POINTS": SARC_F_POSITIVE_FROM_POINTS,
    },
)
RULE_CALF = register(
    "awgs2019.calf-circumference",
    "Calf circumference < 34 cm (men) or < 33 cm (women) is a positive AWGS 2019 case-finding test",
    CHEN_2020_AWGS,
    Evidence.VERIFIED,
    CALF_LOW_BELOW_CM.parameters("CALF_LOW_BELOW_CM"),
)
RULE_SARC_CALF = register(
    "sarc-calf.awgs2019",
    "SARC-CalF: SARC-F plus 10 points when calf circumference is low (AWGS 2019 cut-offs); a total "
    ">= 11 is a positive screen",
    SARC_CALF_SCORING,
    Evidence.SECONDARY,
    {
        "SARC_CALF_CALF_ITEM_POINTS": SARC_CALF_CALF_ITEM_POINTS,
        "SARC_CALF_POSITIVE_FROM_POINTS": SARC_CALF_POSITIVE_FROM_POINTS,
    },
    note="The >= 11 threshold and calf cut-offs are verified (AWGS 2019 abstract); the 10-point "
    "weight of the calf item is read on a calculator page.",
)

POSITIVE = "positive"
NEGATIVE = "negative"
SARC_F_BANDS = cut_off(
    RULE_SARC_F,
    "SARC-F total",
    ">=",
    SARC_F_POSITIVE_FROM_POINTS,
    "points",
    met=POSITIVE,
    unmet=NEGATIVE,
)
CALF_BANDS = by_sex(RULE_CALF, "calf circumference", "<", CALF_LOW_BELOW_CM, "cm")
SARC_CALF_BANDS = cut_off(
    RULE_SARC_CALF,
    "SARC-CalF total",
    ">=",
    SARC_CALF_POSITIVE_FROM_POINTS,
    "points",
    met=POSITIVE,
    unmet=NEGATIVE,
)


class SarcFItems(BaseModel):
    """The five SARC-F item scores, 0-2 points each."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    strength: int = Field(ge=0, le=ITEM_MAX_POINTS, description="Lifting and carrying 10 lb: 0-2")
    assistance_walking: int = Field(
        ge=0, le=ITEM_MAX_POINTS, description="Walking across a room: 0-2"
    )
    rise_from_chair: int = Field(
        ge=0, le=ITEM_MAX_POINTS, description="Transferring from a chair or bed: 0-2"
    )
    climb_stairs: int = Field(
        ge=0, le=ITEM_MAX_POINTS, description="Climbing a flight of 10 stairs: 0-2"
    )
    falls: int = Field(
        ge=0, le=ITEM_MAX_POINTS, description="Falls in the past year: 0 none, 1 1-3, 2 >= 4"
    )

    @property
    def total(self) -> int:
        """SARC-F total, 0-10."""
        return (
            self.strength
            + self.assistance_walking
            + self.rise_from_chair
            + self.climb_stairs
            + self.falls
        )


class CaseFinding(BaseModel):
    """SARC-F (and SARC-CalF when calf circumference is known) case-finding result."""

    model_config = ConfigDict(frozen=True)
    sarc_f: int | None
    sarc_f_positive: bool | None
    calf_low: bool | None
    sarc_calf: int | None
    sarc_calf_positive: bool | None
    rules: tuple[str, ...]

    @property
    def positive(self) -> bool:
        """Whether any case-finding tool that was done is positive."""
        return bool(self.sarc_f_positive or self.sarc_calf_positive or self.calf_low)

    @property
    def done(self) -> bool:
        """Whether any case-finding tool could be scored."""
        return self.sarc_f is not None or self.calf_low is not None


def case_finding(items: SarcFItems | None, calf_cm: float | None, sex: Sex) -> CaseFinding:
    """Score SARC-F and, when calf circumference is present, SARC-CalF.

    References
    ----------
    Malmstrom TK, Morley JE. J Am Med Dir Assoc 2013; Chen LK et al. J Am Med Dir Assoc 2020.
    """
    rules: list[str] = []
    total = items.total if items is not None else None
    if total is not None:
        rules.append(RULE_SARC_F)
    calf = low(CALF_BANDS, calf_cm, sex)
    if calf is not None:
        rules.append(RULE_CALF)
    sarc_calf = None
    if total is not None and calf is not None:
        sarc_calf = total + (SARC_CALF_CALF_ITEM_POINTS if calf else 0)
        rules.append(RULE_SARC_CALF)
    return CaseFinding(
        sarc_f=total,
        sarc_f_positive=in_band(SARC_F_BANDS, POSITIVE, total),
        calf_low=calf,
        sarc_calf=sarc_calf,
        sarc_calf_positive=in_band(SARC_CALF_BANDS, POSITIVE, sarc_calf),
        rules=tuple(rules),
    )
