"""Muscle cut-offs as band data.

A criteria source states each cut-off as a comparison ("grip < 27 kg", "gait speed <= 0.8 m/s",
"five chair rises > 15 s", "TUG >= 20 s"), declared with :func:`b12.core.bands.cut_off`.
:func:`by_sex` declares a sex-specific cut-off (a :class:`~b12.core.sex.BySex`) as a
:class:`~b12.core.bands.Stratified` keyed by sex. No cut-off value lives here; each criteria module
declares its own next to its rule, and evaluates it with :func:`low` (or
:func:`b12.core.bands.in_band`).
"""

from __future__ import annotations

from b12.core.bands import (
    LOW,
    NOT_LOW,
    Declaration,
    Is,
    Sign,
    Stratified,
    Stratum,
    cut_off,
    in_band,
)
from b12.core.sex import BySex, Sex

_WHO = {Sex.MALE: "men", Sex.FEMALE: "women"}


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


def shown(value: float, cut: float) -> str:
    """``value`` rounded for reading beside its cut-off ``cut``, with enough decimals to stay on its
    own side of it: 5.547 against 5.5 reads "5.55", 5.4996 reads "5.4996", never "5.5"."""
    for decimals in range(2, 10):
        rounded = round(value, decimals)
        if value == cut or (rounded != cut and (rounded < cut) == (value < cut)):
            return f"{rounded:g}"
    return f"{value:g}"
