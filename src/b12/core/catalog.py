"""Every rule of the clinical core, registered whichever modules a process has imported so far.

Rules register when their module is imported, and a command or server imports only what it uses
(the cohort rules load with the cohort engines). ``b12 rules`` and ``GET /api/rules`` list
:func:`all_rules`, which finds and imports every module of :mod:`b12.core`, so a new instrument
module needs no list to join.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from pkgutil import walk_packages

import b12.core
from b12.core.rules import REGISTRY, Rule


def core_modules() -> Iterator[str]:
    """The dotted names of every module and package below :mod:`b12.core`."""
    for info in walk_packages(b12.core.__path__, prefix="b12.core."):
        yield info.name


def test_pattern(module: str) -> str:
    """Where a module's tests live: ``tests/clinical`` mirrors :mod:`b12.core` (a unit test checks
    that every module declaring rules has a test file matching this pattern)."""
    package, _, name = module.removeprefix("b12.core").lstrip(".").rpartition(".")
    folder = "/".join(["tests", "clinical", *package.split(".")]) if package else "tests/clinical"
    return f"{folder}/test_{name}*.py"


def all_rules() -> Mapping[str, Rule]:
    """The whole registry, once every module of the core is imported."""
    for name in core_modules():
        import_module(name)
    return REGISTRY
