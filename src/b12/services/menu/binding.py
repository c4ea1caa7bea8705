"""Which constraints of a solved program bind, read from its servings.

A row binds when the solution sits on its bound. The per-meal uptake variables are not servings:
once a day's absorbed target is met HiGHS may leave them anywhere below the offered B12, and where
depends on its search path (measured: "absorbed B12 binds on 5 of 7 days" or "7 of 7" for the same
menu under two HiGHS settings). So before the rows are read, each meal's uptake is set to what its
servings let through (:func:`settle_uptake`): the same menu then reports the same binding rows.
"""

from __future__ import annotations

import numpy as np

from b12.core.diet.absorption import (
    IF_SATURATION_HIGH_UG_PER_MEAL,
    IF_SATURATION_LOW_UG_PER_MEAL,
)
from b12.services.menu.highs import Program

NOT_TARGETS = ("diary", "uptake", "link")  # bookkeeping rows, never reported as binding


def settle_uptake(
    uptake: dict[tuple[int, str], tuple[int, int]],
    offered: dict[tuple[int, str], dict[int, float]],
    x: np.ndarray,
) -> None:
    """Set each meal's ``low`` and ``high`` uptake in ``x`` to the most its servings allow:
    ``min(offered, cap)``, the intrinsic-factor route of b12's absorption model."""
    for at, (low, high) in uptake.items():
        total = sum(a * round(float(x[n])) for n, a in offered[at].items())
        x[low] = min(total, IF_SATURATION_LOW_UG_PER_MEAL)
        x[high] = min(total, IF_SATURATION_HIGH_UG_PER_MEAL)


def binding_rows(p: Program, activity: np.ndarray) -> tuple[tuple[str, int | None], ...]:
    """The (name, day type) of every target row at one of its bounds, in row order."""
    # A dict, not a set: the order of the rows, never of string hashes (which vary by process).
    out: dict[tuple[str, int | None], None] = {}
    for (name, t), value, low, high in zip(p.names, activity, p.row_low, p.row_high, strict=True):
        if name in NOT_TARGETS:
            continue
        if abs(value - low) < 1e-4 or abs(value - high) < 1e-4:
            out[(name, t)] = None
    return tuple(out)
