"""The example notebooks run top to bottom on the real NHANES files, and their committed outputs are
what the code prints today (a reader of the committed notebook sees true numbers)."""

from __future__ import annotations

import copy

import nbclient
import nbformat
import pytest

from tests.conftest import EXAMPLES, NHANES, require

ONE_IN_FOUR = EXAMPLES / "nhanes-one-in-four.ipynb"


def _printed(notebook: object) -> list[str]:
    """The text each code cell printed (stdout), in order."""
    return [
        "".join(out.get("text", "") for out in cell.outputs if out.get("name") == "stdout")
        for cell in notebook.cells  # type: ignore[attr-defined]
        if cell.cell_type == "code"
    ]


@pytest.fixture(scope="module")
def executed() -> tuple[object, object]:
    require(NHANES / "2011-2012")
    require(NHANES / "2013-2014")
    committed = nbformat.read(ONE_IN_FOUR, as_version=4)
    fresh = copy.deepcopy(committed)
    client = nbclient.NotebookClient(
        fresh, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    return committed, fresh


def test_the_notebook_prints_what_is_committed(executed: tuple[object, object]) -> None:
    committed, fresh = executed
    printed = _printed(fresh)
    assert printed == _printed(committed)
    claim = next(text for text in printed if text.startswith("Low B12 status"))
    assert "95 % CI" in claim and "one older adult in four" in claim


def test_the_definition_is_stated_before_anything_is_computed() -> None:
    notebook = nbformat.read(ONE_IN_FOUR, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown"
    for words in (
        "60 and over",
        "2011–2012 and 2013–2014 pooled",
        "≤ 221 pmol/L",
        "> 0.271 µmol/L",
    ):
        assert words in first.source
    code = "".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "b12 <= 221 or mma > 0.271" in code and "age >= 60" in code


def test_the_committed_notebook_names_no_local_path() -> None:
    text = ONE_IN_FOUR.read_text(encoding="utf-8")
    assert "/work/" not in text and "/root/" not in text and "/home/" not in text
