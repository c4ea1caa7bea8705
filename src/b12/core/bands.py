"""Bands and cut-offs as data: labels, edges in the units the source states, which side is closed.

A source such as NICE NG239 states each edge in the units it prints ("less than 180 ng/L
(133 pmol/L)"). A value is compared in the unit the lab printed, against the edge the source states
in that unit; only where the source states none is the edge converted (the edge, never the value),
so a conversion can never move a value across a boundary. A value exactly on an edge takes the band
the source's wording gives it (``closed``).

The per-person core evaluates these declarations with :meth:`Bands.classify`; the cohort engines
compile the same declarations (see :mod:`b12.data.cohort`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from b12.units import Analyte, find_unit


class Closed(StrEnum):
    """Which band a value exactly on an edge belongs to."""

    BELOW = "below"  # "x or less" / "up to x": the edge value is in the lower band
    ABOVE = "above"  # "less than x" below: the edge value is in the upper band


@dataclass(frozen=True)
class Edge:
    """One boundary between two adjacent bands, as the source states it."""

    values: Mapping[str, float]  # display unit (b12.units) -> edge value stated in that unit
    closed: Closed

    def in_unit(self, analyte: Analyte, unit: str) -> float:
        """The edge in ``unit``: as stated there, else converted from a stated unit."""
        if unit in self.values:
            return self.values[unit]
        stated_unit, stated = next(iter(self.values.items()))
        canonical = stated * find_unit(analyte, stated_unit).to_canonical
        return canonical / find_unit(analyte, unit).to_canonical


@dataclass(frozen=True)
class Band:
    """A labelled band with the source's wording."""

    label: str
    wording: str


@dataclass(frozen=True)
class Bands:
    """Ordered bands of one analyte (lowest values first) and the edges between them."""

    analyte: Analyte
    bands: tuple[Band, ...]
    edges: tuple[Edge, ...]
    rule: str

    def __post_init__(self) -> None:
        if len(self.edges) != len(self.bands) - 1:
            raise ValueError("n bands need n - 1 edges")

    def classify(self, value: float, unit: str, comparator: str | None = None) -> Band | None:
        """The band of ``value`` printed in ``unit``; ``None`` when a censored result spans bands.

        ``comparator`` is a censored result's sign: ``'<'`` for '<50 pmol/L' means the true
        value is below 50, so it reads in the lowest band that any value below 50 could reach.
        """
        unit = find_unit(self.analyte, unit).unit
        band = self.band(value, unit)
        if comparator is None:
            return band
        # A censored value is placed only when every value on its side falls in one band.
        extreme = 0.0 if comparator.startswith("<") else float("inf")
        return band if self.band(extreme, unit) == band else None

    def band(self, value: float, unit: str) -> Band:
        """The band of an exact value printed in ``unit`` (a display unit of :mod:`b12.units`)."""
        for band, edge in zip(self.bands, self.edges, strict=False):
            limit = edge.in_unit(self.analyte, unit)
            if value < limit or (value == limit and edge.closed is Closed.BELOW):
                return band
        return self.bands[-1]

    def label_of(self, value: float, unit: str, comparator: str | None = None) -> str | None:
        """The label of the band, or ``None`` (see :meth:`classify`)."""
        band = self.classify(value, unit, comparator)
        return None if band is None else band.label


def stated(**values: float) -> Mapping[str, float]:
    """Edge values by unit, with the unit written as a keyword (pmol_L=133, pg_mL=180)."""
    return MappingProxyType({unit.replace("_", "/"): v for unit, v in values.items()})
