"""An enum's members as plain attributes, for the rules that read them per person.

On Python 3.11 the enum metaclass defines ``__getattr__``, so every ``Level.ON_TREATMENT`` goes
through CPython's attribute hook: a Python-level call and two allocations per lookup (3.12 dropped
the hook). One assessment makes several hundred such lookups; where allocations are traced, as in
the per-person latency benchmark (issue 18), they cost about a tenth of its time. A namespace
holding the same member objects is read like any object's attribute.
"""

from __future__ import annotations

from enum import Enum
from types import SimpleNamespace
from typing import TypeVar, cast

E = TypeVar("E", bound=Enum)


def members(enum: type[E]) -> type[E]:
    """``enum``'s members as attributes of a plain namespace: ``members(Level).ON_TREATMENT`` is
    ``Level.ON_TREATMENT`` itself (same object, so ``is`` holds), typed as the enum."""
    return cast("type[E]", SimpleNamespace(**enum.__members__))
