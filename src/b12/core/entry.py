"""Entry points of the core's domain packages, loaded on first use (PEP 562).

The domains read each other's modules (the plan reads the judgment; the judgment reads the plan's
re-test intervals; screening and the judgment share symptom words), so a package ``__init__`` that
imported its entry module eagerly would close an import cycle. Each ``__init__`` names its entry
points instead, and Python loads the module that defines one when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib import import_module


def lazy_entry_points(
    package: str, names_by_module: Mapping[str, Iterable[str]]
) -> Callable[[str], object]:
    """A module ``__getattr__`` that loads each name from its module of ``package`` on first use."""
    entries = {name: module for module, names in names_by_module.items() for name in names}

    def __getattr__(name: str) -> object:  # noqa: N807 (the module hook PEP 562 names)
        module = entries.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    return __getattr__
