"""Boundary cases for the sex-specific "less than" cut-offs of the muscle instruments."""

from __future__ import annotations

from typing import Any

from b12.core.sex import Sex

EPS = 1e-6


def below_by_sex(
    men: float, women: float, below: Any, otherwise: Any
) -> list[tuple[Sex, float, Any]]:
    """(sex, value, expected) just below, at and just above each sex's cut-off ("less than")."""
    cases = []
    for sex, cutoff in ((Sex.MALE, men), (Sex.FEMALE, women)):
        cases += [
            (sex, cutoff - EPS, below),
            (sex, cutoff, otherwise),
            (sex, cutoff + EPS, otherwise),
        ]
    return cases
