"""Bands and cut-offs as data: labels, edges in the units the source states, which side is closed.

A source such as NICE NG239 states each edge in the units it prints ("less than 180 ng/L
(133 pmol/L)"). A value is compared in the unit the lab printed, against the edge the source states
in that unit; only where the source states none is the edge converted (the edge, never the value),
so a conversion can never move a value across a boundary. A value exactly on an edge takes the band
the source's wording gives it (``closed``).

Bands of a quantity that is not a lab analyte (age in years, a cB12 score, ...) have no
``analyte``; their edges are stated in one unit and compared only in it.

A single cut-off ("grip < 27 kg", "eGFR < 30") is declared with :func:`cut_off`: the band its
comparison selects on the side its sign points to, the edge in the band its sign gives it (``<``
and ``>=`` close the edge above, ``<=`` and ``>`` below), the comparison as that band's wording.

Some cut-offs depend on who the person is (WHO 2011 anaemia: by sex, pregnancy and age):
:class:`Stratified` keys band sets by conditions on a person's other fields, also as data.

The per-person core evaluates these declarations with :meth:`Bands.classify`,
:meth:`Bands.label_canonical`, :meth:`Stratified.label_of` and :func:`in_band`; the cohort engines
compile the same declarations with no per-band code (:mod:`b12.data.cohort.compile`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from types import MappingProxyType
from typing import Literal

from b12.units import REGISTRY, Analyte, find_unit


class Closed(StrEnum):
    """Which band a value exactly on an edge belongs to."""

    BELOW = "below"  # "x or less" / "up to x": the edge value is in the lower band
    ABOVE = "above"  # "less than x" below: the edge value is in the upper band


@dataclass(frozen=True)
class Edge:
    """One boundary between two adjacent bands, as the source states it."""

    values: Mapping[str, float]  # display unit (b12.units) -> edge value stated in that unit
    closed: Closed

    def in_unit(self, analyte: Analyte | None, unit: str) -> float:
        """The edge in ``unit``: as stated there, else converted from a stated unit."""
        if unit in self.values:
            return self.values[unit]
        if analyte is None:
            raise ValueError(f"edge stated in {', '.join(self.values)}, not in {unit}")
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

    analyte: Analyte | None  # None: not a lab analyte; edges stated in one unit only
    bands: tuple[Band, ...]
    edges: tuple[Edge, ...]
    rule: str
    # Per unit, the edges in that unit (ascending) and whether each is closed below, computed
    # once (an assessment asks for about 30 bands; converting the edges on each call, and then a
    # loop over them, were hot spots of `b12 assess`).
    _limits: dict[str, tuple[tuple[float, ...], tuple[bool, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if len(self.edges) != len(self.bands) - 1:
            raise ValueError("n bands need n - 1 edges")

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, lowest values first."""
        return tuple(band.label for band in self.bands)

    @property
    def unit(self) -> str:
        """The canonical unit of the analyte, else the one unit the edges are stated in."""
        if self.analyte is not None:
            return REGISTRY[self.analyte].canonical
        return next(iter(self.edges[0].values))

    def display_unit(self, unit: str) -> str:
        """``unit`` in the display form the edges are keyed by (checked against the analyte)."""
        return unit if self.analyte is None else find_unit(self.analyte, unit).unit

    def limits(self, label: str) -> tuple[Edge | None, Edge | None]:
        """The edges below and above the band ``label`` (None: unbounded on that side)."""
        i = self.labels.index(label)
        lower = self.edges[i - 1] if i > 0 else None
        upper = self.edges[i] if i < len(self.edges) else None
        return lower, upper

    def classify(self, value: float, unit: str, comparator: str | None = None) -> Band | None:
        """The band of ``value`` printed in ``unit``; ``None`` when a censored result spans bands.

        ``comparator`` is a censored result's sign: ``'<'`` for '<50 pmol/L' means the true
        value is below 50, so it reads in the lowest band that any value below 50 could reach.
        """
        unit = self.display_unit(unit)
        if comparator is None:
            return self.band(value, unit)
        # A censored value is placed only when every value on its side falls in one band. The
        # value itself belongs to that side only with "<=" or ">=": every value in "<180 ng/L" is
        # below an edge of 180, whichever band the source gives 180 itself.
        below = comparator.startswith("<")
        nearest = self.band(value, unit, None if "=" in comparator else below)
        extreme = 0.0 if below else float("inf")
        return nearest if self.band(extreme, unit) == nearest else None

    def band(self, value: float, unit: str, lower_side: bool | None = None) -> Band:
        """The band of an exact value printed in ``unit`` (a display unit of :mod:`b12.units`);
        ``lower_side`` True or False: the band of the values just below or just above it."""
        limits, closed_below = self._limits.get(unit) or self._limits_in(unit)
        # The first edge above the value (a NaN is above none: the top band, as no edge holds it).
        i = bisect_right(limits, value)
        if i and value == limits[i - 1]:  # on an edge: the band its closed side gives
            on_edge_below = closed_below[i - 1] if lower_side is None else lower_side
            if on_edge_below:
                return self.bands[i - 1]
        return self.bands[i]

    def _limits_in(self, unit: str) -> tuple[tuple[float, ...], tuple[bool, ...]]:
        """The edges in ``unit`` and whether each is closed below (kept per unit)."""
        limits = tuple(edge.in_unit(self.analyte, unit) for edge in self.edges)
        if any(low >= high for low, high in pairwise(limits)):
            raise ValueError(f"{self.rule}: edges not ascending in {unit}: {limits}")
        found = limits, tuple(edge.closed is Closed.BELOW for edge in self.edges)
        self._limits[unit] = found
        return found

    def label_of(self, value: float, unit: str, comparator: str | None = None) -> str | None:
        """The label of the band, or ``None`` (see :meth:`classify`)."""
        band = self.classify(value, unit, comparator)
        return None if band is None else band.label

    def label_canonical(self, value: float) -> str:
        """The label of an exact value in :attr:`unit` (canonical values inside b12)."""
        return self.band(value, self._canonical_unit).label

    @cached_property
    def _canonical_unit(self) -> str:
        """:attr:`unit`, looked up once (``label_canonical`` runs ~20 times per assessment)."""
        return self.unit


@dataclass(frozen=True)
class Is:
    """A condition on a person: ``field`` equals ``value`` (sex is female, pregnant is true)."""

    field: str
    value: str | bool

    def holds(self, fields: Mapping[str, object]) -> bool:
        """Whether the person's fields meet it (a missing field does not)."""
        return fields.get(self.field) == self.value


@dataclass(frozen=True)
class Within:
    """A condition on a person: numeric ``field`` (canonical unit) lies in band ``label``."""

    field: str
    bands: Bands
    label: str

    def holds(self, fields: Mapping[str, object]) -> bool:
        """Whether the person's fields meet it (a missing field does not)."""
        value = fields.get(self.field)
        if not isinstance(value, int | float):
            return False
        return self.bands.label_canonical(float(value)) == self.label


Condition = Is | Within


@dataclass(frozen=True)
class Stratum:
    """A band set that applies to persons meeting every condition."""

    when: tuple[Condition, ...]
    bands: Bands


@dataclass(frozen=True)
class Stratified:
    """Band sets keyed by who the person is, with the source's scope.

    Outside ``scope``, or when no stratum's conditions hold, there is no reading (``None``);
    otherwise the first stratum whose conditions all hold gives the bands.
    """

    scope: tuple[Condition, ...]
    strata: tuple[Stratum, ...]
    rule: str

    def __post_init__(self) -> None:
        if len({s.bands.labels for s in self.strata}) != 1:
            raise ValueError("every stratum needs the same labels")

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels every stratum shares, lowest values first."""
        return self.strata[0].bands.labels

    def bands_for(self, fields: Mapping[str, object]) -> Bands | None:
        """The band set for a person with these fields, or ``None`` (out of scope)."""
        if not all(c.holds(fields) for c in self.scope):
            return None
        for stratum in self.strata:
            if all(c.holds(fields) for c in stratum.when):
                return stratum.bands
        return None

    def label_of(self, value: float, fields: Mapping[str, object]) -> str | None:
        """The label of a canonical ``value`` for a person with these fields, or ``None``."""
        bands = self.bands_for(fields)
        return None if bands is None else bands.label_canonical(value)


Declaration = Bands | Stratified

# A cut-off as a source states it ("grip < 27 kg"): the comparison's sign.
Sign = Literal["<", "<=", ">", ">="]
LOW = "low"
NOT_LOW = "not_low"


def _complement(sign: Sign, edge: str) -> str:
    """The wording of the band on the other side of ``edge`` ("27 kg or more" for "< 27 kg")."""
    return {
        "<": f"{edge} or more",
        "<=": f"more than {edge}",
        ">": f"{edge} or less",
        ">=": f"less than {edge}",
    }[sign]


def cut_off(
    rule: str,
    what: str,
    sign: Sign,
    value: float,
    unit: str,
    *,
    who: str | None = None,
    met: str = LOW,
    unmet: str = NOT_LOW,
    analyte: Analyte | None = None,
) -> Bands:
    """The two bands of one cut-off stated as ``what sign value unit`` ("grip < 27 kg (men)").

    ``met`` labels the band the comparison selects, ``unmet`` the other; a value exactly on the
    edge is in the band the sign gives it. With ``analyte``, ``unit`` is a unit of that analyte
    and values printed in its other units are compared against the converted edge.
    """
    edge = f"{value:g} {unit}"
    wording = f"{what} {sign} {edge}" + ("" if who is None else f" ({who})")
    selected, other = Band(met, wording), Band(unmet, _complement(sign, edge))
    below = sign in ("<", "<=")
    # The edge belongs to the lower band for "<=" (selected) and ">" (not selected).
    closed = Closed.BELOW if sign in ("<=", ">") else Closed.ABOVE
    return Bands(
        analyte,
        (selected, other) if below else (other, selected),
        (Edge(stated_in(unit, value), closed),),
        rule,
    )


_NO_FIELDS: Mapping[str, object] = MappingProxyType({})


def in_band(
    decl: Declaration, label: str, value: float | None, fields: Mapping[str, object] = _NO_FIELDS
) -> bool | None:
    """Whether a canonical ``value`` lies in band ``label`` of a plain or stratified declaration.

    ``None`` when the value is missing, or when a stratified declaration gives no reading for a
    person with these ``fields``; a plain declaration ignores ``fields``.
    """
    if value is None:
        return None
    if isinstance(decl, Bands):
        return decl.label_canonical(value) == label
    found = decl.label_of(value, fields)
    return None if found is None else found == label


def stated(**values: float) -> Mapping[str, float]:
    """Edge values by unit, with the unit written as a keyword (pmol_L=133, pg_mL=180)."""
    return MappingProxyType({unit.replace("_", "/"): v for unit, v in values.items()})


def stated_in(unit: str, value: float) -> Mapping[str, float]:
    """An edge value in one unit that is no keyword (``µmol/L``, ``mL/min/1.73m2``, ``years``)."""
    return MappingProxyType({unit: value})
