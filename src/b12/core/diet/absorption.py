"""How much of a dose of vitamin B12 is absorbed: the intrinsic-factor route and passive diffusion.

Model (per meal or supplement dose; doses at different meals are absorbed independently)
-----------------------------------------------------------------------------------------
* Intrinsic-factor (IF) route: the amount offered to it is 50 % of food-bound B12 (the IOM's
  assumption for healthy adults with normal gastric function [V]) plus 60 % of crystalline B12
  (added to fortified food or in supplements; IOM Table 9-2, low dose, recalled [R]). It saturates:
  "a B12 content of 1.5 to 2.5 µg/meal saturates ileal receptors" (IOM 1998 p.309 citing Scott
  1997 [V]). b12 reports the absorbed amount as a range, with the route capped at 1.5 and at 2.5 µg.
* Passive diffusion: about 1 % of the whole dose, whatever its size (secondary sources quoting the
  NIH ODS fact sheet and IOM Table 9-2 [P]); it matters only for large doses.
* Malabsorption of the IF route (pernicious anaemia, gastrectomy, gastric bypass, ileal resection or
  ileal Crohn's disease; IOM 1998 p.342 [V]): only passive diffusion remains (IOM Table 9-2
  gives 0 % for pernicious anaemia, recalled [R]).

absorbed = min(0.5 × food + 0.6 × crystalline, cap) + 0.01 × (food + crystalline)

Known limits: IOM reports that 38 µg of B12 in liver paste gave 4.1 µg absorbed on average (11 %);
the model gives 1.9-2.9 µg for that meal, so it is conservative for very large food doses. Reduced
absorption of food-bound B12 in atrophic gastritis or with long-term acid suppression is shown as
a caveat, not modelled, since b12 has no source for its size.

Units: µg per meal or dose.

References
----------
Institute of Medicine (1998). Dietary Reference Intakes ... Vitamin B12 ..., Chapter 9, pp. 309,
342, Table 9-2. doi:10.17226/6015.
"""

from __future__ import annotations

from dataclasses import dataclass

from b12.core.rules import Evidence, register
from b12.core.sources import B12_PASSIVE_DIFFUSION, IOM_1998_B12, IOM_1998_TABLE_9_2

IF_SATURATION_LOW_UG_PER_MEAL = 1.5
IF_SATURATION_HIGH_UG_PER_MEAL = 2.5
FOOD_B12_ABSORBED_FRACTION = 0.5
CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION = 0.6
PASSIVE_DIFFUSION_FRACTION = 0.01
MALABSORPTION_IF_ROUTE_FRACTION = 0.0

RULE_SATURATION = register(
    "absorption.if-saturation",
    "Intrinsic-factor uptake saturates at 1.5-2.5 µg of B12 per meal (IOM 1998 p.309, Scott 1997)",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {
        "IF_SATURATION_LOW_UG_PER_MEAL": IF_SATURATION_LOW_UG_PER_MEAL,
        "IF_SATURATION_HIGH_UG_PER_MEAL": IF_SATURATION_HIGH_UG_PER_MEAL,
    },
)
RULE_FOOD_FRACTION = register(
    "absorption.food-50-percent",
    "50% of dietary (food-bound) B12 is assumed absorbed by healthy adults with normal gastric "
    "function (IOM 1998 p.309)",
    IOM_1998_B12,
    Evidence.VERIFIED,
    {"FOOD_B12_ABSORBED_FRACTION": FOOD_B12_ABSORBED_FRACTION},
)
RULE_CRYSTALLINE_FRACTION = register(
    "absorption.crystalline-low-dose",
    "About 60% of a low dose (< 5 µg) of crystalline B12 (fortified food, supplements) is absorbed "
    "with normal gastric function (IOM Table 9-2, number recalled, not read)",
    IOM_1998_TABLE_9_2,
    Evidence.UNVERIFIED,
    {"CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION": CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION},
)
RULE_PASSIVE = register(
    "absorption.passive-diffusion",
    "About 1% of a large oral dose of B12 is absorbed by passive diffusion, independent of "
    "intrinsic factor",
    B12_PASSIVE_DIFFUSION,
    Evidence.SECONDARY,
    {"PASSIVE_DIFFUSION_FRACTION": PASSIVE_DIFFUSION_FRACTION},
)
RULE_MALABSORPTION = register(
    "absorption.malabsorption-no-if-route",
    "Pernicious anaemia, gastrectomy, gastric bypass, ileal resection or ileal Crohn's disease: "
    "the intrinsic-factor route is lost and only passive diffusion remains (IOM p.342 names the "
    "conditions; Table 9-2's 0% for pernicious anaemia is recalled, not read)",
    IOM_1998_TABLE_9_2,
    Evidence.UNVERIFIED,
    {"MALABSORPTION_IF_ROUTE_FRACTION": MALABSORPTION_IF_ROUTE_FRACTION},
)
RULES = (RULE_SATURATION, RULE_FOOD_FRACTION, RULE_CRYSTALLINE_FRACTION, RULE_PASSIVE)


@dataclass(frozen=True)
class Dose:
    """B12 taken at one meal or as one supplement dose, µg."""

    food_ug: float = 0.0  # naturally present, food-bound
    crystalline_ug: float = 0.0  # added to fortified food, or in a supplement

    @property
    def total_ug(self) -> float:
        """Food plus crystalline B12."""
        return self.food_ug + self.crystalline_ug


@dataclass(frozen=True)
class Absorbed:
    """Absorbed B12 (µg) with the IF route capped at 1.5 (low) and 2.5 µg (high)."""

    low_ug: float
    high_ug: float

    def __add__(self, other: Absorbed) -> Absorbed:
        return Absorbed(self.low_ug + other.low_ug, self.high_ug + other.high_ug)

    def scaled(self, factor: float) -> Absorbed:
        """Both bounds times ``factor`` (e.g. a weekly dose spread over 7 days)."""
        return Absorbed(self.low_ug * factor, self.high_ug * factor)


NOTHING = Absorbed(0.0, 0.0)


def absorbed(dose: Dose, *, intrinsic_factor: bool = True) -> Absorbed:
    """Estimated absorbed B12 from one meal or dose.

    Parameters
    ----------
    dose
        Food-bound and crystalline B12 taken together, µg (both ≥ 0).
    intrinsic_factor
        False when a malabsorption condition removes the intrinsic-factor route.

    References
    ----------
    IOM 1998, doi:10.17226/6015, p.309 and Table 9-2; NIH ODS fact sheet (passive diffusion).
    """
    if dose.food_ug < 0 or dose.crystalline_ug < 0:
        raise ValueError("B12 amounts must be non-negative")
    passive = PASSIVE_DIFFUSION_FRACTION * dose.total_ug
    if not intrinsic_factor:
        offered = MALABSORPTION_IF_ROUTE_FRACTION * dose.total_ug
    else:
        offered = (
            FOOD_B12_ABSORBED_FRACTION * dose.food_ug
            + CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION * dose.crystalline_ug
        )
    return Absorbed(
        min(offered, IF_SATURATION_LOW_UG_PER_MEAL) + passive,
        min(offered, IF_SATURATION_HIGH_UG_PER_MEAL) + passive,
    )
