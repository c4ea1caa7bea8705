"""Muscle cut-offs as band data: one cut-off, as a source states it, becomes two labelled bands.

A criteria source states each cut-off as a comparison ("grip < 27 kg", "gait speed <= 0.8 m/s",
"five chair rises > 15 s", "TUG >= 20 s"). :func:`cut_off` declares it as a
:class:`~b12.core.bands.Bands` with no analyte: the band the comparison selects (``low`` unless
named otherwise) on the side its sign points to, the edge in the band its sign gives it (``<`` and
``>=`` close the edge above, ``<=`` and ``>`` below), and the source's comparison as that band's
wording. :func:`by_sex` declares a sex-specific cut-off (a :class:`~b12.core.sex.BySex`) as a
:class:`~b12.core.bands.Stratified` keyed by sex. No cut-off value lives here; each criteria module
declares its own next to its rule, and evaluates it with :func:`low` (or
:func:`b12.core.bands.in_band`).
"""

from __future__ import annotations

from typing import Literal

from b12.core.bands import (
    Band,
    Bands,
    Closed,
    Declaration,
    Edge,
    Is,
    Stratified,
    Stratum,
    in_band,
    stated_in,
)
from b12.core.sex import BySex, Sex

Sign = Literal["<", "<=", ">", ">="]

LOW = "low"
NOT_LOW = "not_low"

_WHO = {Sex.MALE: "men", Sex.FEMALE: "women"}


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
) -> Bands:
    """The two bands of one cut-off stated as ``what sign value unit`` ("grip < 27 kg (men)").

    ``met`` labels the band the comparison selects, ``unmet`` the other; a value exactly on the
    edge is in the band the sign gives it.
    """
    edge = f"{value:g} {unit}"
    wording = f"{what} {sign} {edge}" + ("" if who is None else f" ({who})")
    selected, other = Band(met, wording), Band(unmet, _complement(sign, edge))
    below = sign in ("<", "<=")
    # The edge belongs to the lower band for "<=" (selected) and ">" (not selected).
    closed = Closed.BELOW if sign in ("<=", ">") else Closed.ABOVE
    return Bands(
        None,
        (selected, other) if below else (other, selected),
        (Edge(stated_in(unit, value), closed),),
        rule,
    )


def by_sex(
    rule: str,
    what: str,
    sign: Sign,
    values: BySex[float],
    unit: str,
    *,
    met: str = LOW,
    unmet: str = NOT_LOW,
) -> Stratified:
    """A sex-specific cut-off (``values`` per sex) as band sets keyed by the person's sex."""
    return Stratified(
        scope=(),
        strata=tuple(
            Stratum(
                (Is("sex", sex),),
                cut_off(rule, what, sign, value, unit, who=_WHO[sex], met=met, unmet=unmet),
            )
            for sex, value in values.items()
        ),
        rule=rule,
    )


def low(decl: Declaration, value: float | None, sex: Sex | None = None) -> bool | None:
    """Whether ``value`` lies in the ``low`` band of ``decl`` (for ``sex`` when stratified by sex);
    ``None`` when the value was not measured."""
    return in_band(decl, LOW, value, {} if sex is None else {"sex": sex})
