"""Sex as used by sex-specific reference values, and the one way a value is kept per sex (its own
module so instruments need not import the person model)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from b12.members import members

T = TypeVar("T")


class Sex(StrEnum):
    """Sex as used by sex-specific reference values."""

    FEMALE = "female"
    MALE = "male"


SEX = members(Sex)  # read per person (b12.members)


@dataclass(frozen=True)
class BySex(Mapping[Sex, T]):
    """A value for each sex, as a source tabulates a sex-specific cut-off or coefficient.

    ``cut_off[sex]`` picks the value for a person; ``parameters`` lists both values for the rule
    registry under ``NAME.male`` and ``NAME.female``.
    """

    male: T
    female: T

    def __getitem__(self, sex: Sex) -> T:
        if sex == SEX.MALE:
            return self.male
        if sex == SEX.FEMALE:
            return self.female
        raise KeyError(sex)

    def __iter__(self) -> Iterator[Sex]:
        return iter((SEX.MALE, SEX.FEMALE))

    def __len__(self) -> int:
        return 2

    def parameters(self, name: str) -> dict[str, T]:
        """Both values keyed ``f"{name}.{sex}"``, for a rule's parameters."""
        return {f"{name}.{sex.value}": value for sex, value in self.items()}
