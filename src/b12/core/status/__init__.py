"""B12 status: the single-marker readings, cB12, the confounders and the one judgment.

Entry point: :func:`interpret_status` (the whole status of one person, with its judgment).

Modules, one per instrument: :mod:`.nice_ng239` (total and active B12), :mod:`.cb12` (Fedosov's
combined indicator), :mod:`.markers` (MMA, homocysteine, holoTC and folate cut-offs beside NG239),
:mod:`.epidemiology` (survey bands), :mod:`.confounders` (caveats), :mod:`.readings` (the reading
type they share) and :mod:`.judgment` (the one judgment the interfaces show).
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.status.interpret import StatusResult, chart_cutoffs, interpret_status

__all__ = ["StatusResult", "chart_cutoffs", "interpret_status"]
__getattr__ = lazy_entry_points(
    __name__, {"interpret": ["StatusResult", "chart_cutoffs", "interpret_status"]}
)
