"""Which names a cohort analysis uses, read from the parsed expressions (never by pattern).

The names decide what the analysis must compute and read: which classification columns, which
standard indicators as columns, kidney and blood-count columns (and, for NHANES, their files),
dietary variables and weights. Text that does not parse names nothing here: compiling it later
reports the error, in the order the options are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from b12.data.cohort import kidney_blood
from b12.data.cohort.expressions import expression_names, parse_indicator
from b12.data.cohort.model_frame import parse_formula
from b12.errors import InputError
from b12.services.cohort.options import CohortOptions

DIET_PREFIX = "diet_"  # NHANES dietary variables: reading one switches to dietary weights


def _expression(text: str, field: str) -> frozenset[str] | None:
    try:
        return expression_names(text, field=field)
    except InputError:
        return None


def _indicator(spec: str) -> frozenset[str] | None:
    """A standard indicator names itself; ``NAME=EXPRESSION`` uses the expression's names."""
    if "=" not in spec:
        return frozenset({spec})
    try:
        _, expression = parse_indicator(spec)
    except InputError:
        return None
    return _expression(expression, "--indicator")


def _formula(text: str) -> frozenset[str] | None:
    try:
        outcome, terms = parse_formula(text)
    except InputError:
        return None
    return frozenset({outcome, *terms})


def _union(*parts: frozenset[str] | None) -> frozenset[str] | None:
    """All the names, or None when one part does not parse."""
    if any(part is None for part in parts):
        return None
    return frozenset().union(*(part for part in parts if part is not None))


@dataclass(frozen=True)
class AnalysisNames:
    """The names each option uses; None where an expression does not parse."""

    where: frozenset[str] | None
    indicators: frozenset[str] | None
    regress: frozenset[str] | None
    columns: frozenset[str]  # --mean and --by: names as given

    def everything(self) -> frozenset[str]:
        """Every name that parses, from every option."""
        parts = (self.where, self.indicators, self.regress, self.columns)
        return frozenset().union(*(part for part in parts if part is not None))

    def in_expressions(self) -> frozenset[str]:
        """Names of --where, --indicator and --regress: standard indicators become columns."""
        parts = (self.where, self.indicators, self.regress)
        return frozenset().union(*(part for part in parts if part is not None))

    def to_classify(self) -> frozenset[str] | None:
        """Names of the estimates (not the model), or None when an expression does not parse."""
        return _union(self.where, self.indicators, self.columns)

    def kidney_blood(self) -> set[str]:
        """The kidney and blood-count columns and indicators used."""
        return set(self.everything() & (kidney_blood.KIDNEY_NAMES | kidney_blood.BLOOD_NAMES))

    def uses_kidney(self) -> bool:
        return bool(self.everything() & kidney_blood.KIDNEY_NAMES)

    def uses_diet(self) -> bool:
        return any(name.startswith(DIET_PREFIX) for name in self.everything())


def analysis_names(options: CohortOptions) -> AnalysisNames:
    """The names ``options`` use, option by option."""
    where = _expression(options.where, "--where") if options.where else frozenset()
    regress = _formula(options.regress) if options.regress else frozenset()
    return AnalysisNames(
        where=where,
        indicators=_union(frozenset(), *(_indicator(spec) for spec in options.indicators)),
        regress=regress,
        columns=frozenset([*options.means, *options.by]),
    )
