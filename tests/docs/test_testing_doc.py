"""docs/testing.md describes every test folder."""

from __future__ import annotations

from tests.conftest import REPO


def test_every_test_folder_is_described() -> None:
    doc = (REPO / "docs" / "testing.md").read_text(encoding="utf-8")
    tests = REPO / "tests"
    folders = {
        path.parent.relative_to(REPO).as_posix()
        for path in tests.rglob("*.py")
        if "__pycache__" not in path.parts and path.parent != tests
    }
    top = {f for f in folders if f.count("/") == 1}
    missing = {f for f in top if f"`{f}/`" not in doc and f"`{f}`" not in doc}
    assert not missing, f"describe these folders in docs/testing.md: {sorted(missing)}"
    for sub in ("tests/clinical/status/", "tests/unit/data/"):
        assert sub.removeprefix("tests/clinical/").removeprefix("tests/unit/") in doc
