"""Sex as used by sex-specific reference values (its own module so instruments need not import
the person model)."""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    """Sex as used by sex-specific reference values."""

    FEMALE = "female"
    MALE = "male"
