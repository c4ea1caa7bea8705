"""b12.members: an enum's members as plain attributes (the objects themselves)."""

from __future__ import annotations

from b12.core.sex import SEX, Sex
from b12.core.status.judgment.model import (
    CONFIDENCE,
    DIRECTION,
    KIND,
    LEVEL,
    RESPONSE,
    URGENCY,
    Confidence,
    Direction,
    Kind,
    Level,
    Response,
    Urgency,
)
from b12.members import members
from b12.units import ANALYTE, Analyte


def test_each_namespace_holds_every_member_of_its_enum_and_nothing_else() -> None:
    pairs = [
        (LEVEL, Level), (CONFIDENCE, Confidence), (URGENCY, Urgency), (RESPONSE, Response),
        (DIRECTION, Direction), (KIND, Kind), (ANALYTE, Analyte), (SEX, Sex),
    ]  # fmt: skip
    for namespace, enum in pairs:
        assert vars(namespace) == dict(enum.__members__)
        for name, member in enum.__members__.items():
            assert getattr(namespace, name) is member  # the same object: `is` comparisons hold


def test_an_alias_member_is_the_member_it_names() -> None:
    from enum import StrEnum

    class Colour(StrEnum):
        RED = "red"
        CRIMSON = "red"  # an alias

    assert members(Colour).CRIMSON is Colour.RED
