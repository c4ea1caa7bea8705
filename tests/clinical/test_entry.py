"""Each domain package's entry points, and every core module importable on its own (no cycles).

The domains read each other's modules, so an import cycle would only show for the module a process
happens to import first: each module is imported first here, in one fresh interpreter.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from b12.core import catalog

PACKAGES = ["status", "muscle", "diet", "screening", "plan", "kidney_blood"]

_IMPORT_EACH_FIRST = """
import importlib, sys
names = sys.argv[1:]
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m.startswith("b12")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{name}: {exc}")
print("\\n".join(failed))
"""


def test_every_core_module_imports_first_without_a_cycle() -> None:
    names = list(catalog.core_modules())
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_FIRST, *names],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("package", PACKAGES)
def test_each_entry_point_resolves(package: str) -> None:
    module = importlib.import_module(f"b12.core.{package}")
    assert module.__doc__ and "Entry point" in module.__doc__
    for name in module.__all__:
        assert getattr(module, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    status = importlib.import_module("b12.core.status")
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = status.nothing_here
