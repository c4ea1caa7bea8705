"""Screening: who should be tested for B12 deficiency, why, and with which test.

Entry point: :func:`screen`.

Modules: :mod:`.screen` (the decision), :mod:`.model` (its result types), :mod:`.rules` (each
risk factor with its source), :mod:`.terms` (words that reveal risk factors and symptoms in free
text) and :mod:`.medications` (medicine names and brands mapped to the classes that matter for
B12).
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.screening.model import Recommendation, ScreeningResult
    from b12.core.screening.screen import screen

__all__ = ["Recommendation", "ScreeningResult", "screen"]
__getattr__ = lazy_entry_points(
    __name__, {"model": ["Recommendation", "ScreeningResult"], "screen": ["screen"]}
)
