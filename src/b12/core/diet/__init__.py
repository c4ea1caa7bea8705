"""Diet: B12 intake from food records and supplements, its absorption, and reference intakes.

Entry point: :func:`summarise` (daily intake and its absorbed share from diary rows).

Modules: :mod:`.intake` (daily intake, algae caveats), :mod:`.absorption` (intrinsic-factor route and
passive diffusion, IOM 1998), :mod:`.requirements` (IOM RDA/EAR and EFSA AI by life stage),
:mod:`.protein` (PROT-AGE and ESPEN protein targets) and :mod:`.food` (food composition records).
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.diet.intake import IntakeSummary, summarise
    from b12.core.diet.requirements import reference_intake

__all__ = ["IntakeSummary", "reference_intake", "summarise"]
__getattr__ = lazy_entry_points(
    __name__, {"intake": ["IntakeSummary", "summarise"], "requirements": ["reference_intake"]}
)
