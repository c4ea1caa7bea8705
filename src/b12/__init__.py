"""b12: vitamin B12 status, screening and muscle-health decision support.

Decision support, never a diagnosis: every result says why, cites its source and says when to see a
clinician.

The public Python API is this namespace (``__all__``; docs/python-api.md gives the deprecation
policy): ``assess``, ``cb12``, ``intake``, ``menu`` (``pip install 'b12[menu]'``),
``read_person``, ``as_json``, the result types, the errors, and ``b12.cohort`` for whole cohorts
(``pip install 'b12[cohort]'``).
Names load on first use, so ``import b12`` stays light and never loads a cohort engine.

Examples
--------
>>> import b12
>>> b12.cb12(b12="406 pg/mL", holotc=60, mma="200 nmol/L", hcy=10, age=60).category.value
'adequate'
"""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points
from b12.errors import B12Error, DataFileError, InputError, UnitError

try:
    __version__ = version("b12")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from b12 import cohort
    from b12.core.assessment import DISCLAIMER, Assessment
    from b12.core.diet.intake import IntakeResult
    from b12.core.muscle.model import Criteria
    from b12.core.person import Person
    from b12.core.status.cb12 import Cb12Result
    from b12.public import as_json, assess, cb12, intake, menu, read_person

# The stable public names; tests/unit/test_public_api.py checks them against a committed snapshot.
__all__ = [
    "DISCLAIMER",
    "Assessment",
    "B12Error",
    "Cb12Result",
    "Criteria",
    "DataFileError",
    "InputError",
    "IntakeResult",
    "Person",
    "UnitError",
    "__version__",
    "as_json",
    "assess",
    "cb12",
    "cohort",
    "intake",
    "menu",
    "read_person",
]

_entry = lazy_entry_points(
    __name__,
    {
        "public": ["as_json", "assess", "cb12", "intake", "menu", "read_person"],
        "core.assessment": ["DISCLAIMER", "Assessment"],
        "core.diet.intake": ["IntakeResult"],
        "core.muscle.model": ["Criteria"],
        "core.person": ["Person"],
        "core.status.cb12": ["Cb12Result"],
    },
)


def __getattr__(name: str) -> object:
    """Load a public name (or the ``b12.cohort`` module) on first use (PEP 562)."""
    if name == "cohort":
        from importlib import import_module

        return import_module("b12.cohort")
    return _entry(name)
