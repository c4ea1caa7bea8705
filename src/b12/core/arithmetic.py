"""The few operations a clinical formula needs, so that one function serves floats and columns.

A formula such as Fedosov's cB12 or CKD-EPI 2021 is written once, over values that are either
Python floats (the per-person core) or column expressions of a query engine (the cohort engines).
``+ - * / **`` work on both; the operations below differ, so the caller passes them in: the core
uses :data:`FLOATS`; :mod:`b12.data.cohort.compile` passes the same operations for Ibis columns.
"""

from __future__ import annotations

import math
from typing import Any, Protocol


class Arithmetic(Protocol):
    """Operations on values that Python's operators do not cover alike for floats and columns."""

    def log10(self, x: Any) -> Any:
        """Base-10 logarithm."""

    def least(self, x: Any, y: float) -> Any:
        """The smaller of ``x`` and ``y``."""

    def greatest(self, x: Any, y: float) -> Any:
        """The larger of ``x`` and ``y``."""

    def power(self, base: float, exponent: Any) -> Any:
        """``base ** exponent`` for a constant base."""

    def where(self, condition: Any, if_true: float, if_false: float) -> Any:
        """``if_true`` where ``condition`` holds, else ``if_false``."""


class _Floats:
    """:class:`Arithmetic` for Python floats (``math``), used by the per-person core."""

    def log10(self, x: Any) -> Any:
        return math.log10(x)

    def least(self, x: Any, y: float) -> Any:
        return min(x, y)

    def greatest(self, x: Any, y: float) -> Any:
        return max(x, y)

    def power(self, base: float, exponent: Any) -> Any:
        return math.pow(base, exponent)

    def where(self, condition: Any, if_true: float, if_false: float) -> Any:
        return if_true if condition else if_false


FLOATS: Arithmetic = _Floats()
