"""Shared test fixtures: where the real public data lives, and how to insist on it in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


def require(path: Path) -> Path:
    """Return ``path``; skip locally if absent, but fail in CI, where the data must be present."""
    if not path.exists():
        message = f"required test data missing: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder beside the checkout (USDA SR28, NHANES)."""
    return require(SHARED_DATA)


PERSON_EXAMPLES = sorted(
    p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {".json", ".yaml", ".yml"}
)
