"""Use case: classify a cohort with b12's rules and report survey-weighted estimates.

Entry points: :func:`analyse_nhanes` (CDC files) and :func:`analyse_file` (any mapped cohort), both
taking :class:`CohortOptions` and returning a :class:`CohortResult`.

Modules, one job each: :mod:`.options` (what to estimate, and the result), :mod:`.names` (which
names an analysis uses, from the expression parser), :mod:`.targets` (classified columns and the
targets to estimate), :mod:`.rows` (rows to show, with small-cell suppression), :mod:`.citations`
(the rules each row cites), :mod:`.analyse` (the steps in order) and :mod:`.cache` (the
prepared-cohort cache). Loaded on first use: the
cohort engines are heavy and the CLI imports this package only when a cohort command runs.
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.services.cohort.analyse import analyse_file, analyse_nhanes
    from b12.services.cohort.cache import cache_entries, cache_folder, clear_cache
    from b12.services.cohort.options import CohortOptions, CohortResult, ResultKind

__all__ = [
    "CohortOptions",
    "CohortResult",
    "ResultKind",
    "analyse_file",
    "analyse_nhanes",
    "cache_entries",
    "cache_folder",
    "clear_cache",
]
__getattr__ = lazy_entry_points(
    __name__,
    {
        "options": ["CohortOptions", "CohortResult", "ResultKind"],
        "analyse": ["analyse_file", "analyse_nhanes"],
        "cache": ["cache_entries", "cache_folder", "clear_cache"],
    },
)
