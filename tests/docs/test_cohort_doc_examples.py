"""The `b12 cohort nhanes` commands at the top of docs/cohort.md run as written (exit code 0)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from b12.cli.main import main
from tests.conftest import REPO

DOC = (REPO / "docs" / "cohort.md").read_text(encoding="utf-8")


def commands() -> list[list[str]]:
    block = re.search(r"```\n(.*?)```", DOC, flags=re.DOTALL)
    assert block is not None
    text = block.group(1).replace("\\\n", " ")
    return [
        shlex.split(line)[2:] for line in text.splitlines() if line.startswith("b12 cohort nhanes")
    ]


def test_the_doc_shows_the_new_examples() -> None:
    joined = [" ".join(c) for c in commands()]
    assert any("--by egfr_band" in c for c in joined)
    assert any("--regress" in c and "--plot" in c for c in joined)
    assert any("--mean grip_max --by b12_band" in c for c in joined)


@pytest.mark.parametrize("args", commands(), ids=lambda a: " ".join(a[1:])[:60])
def test_cohort_doc_example_runs(
    args: list[str],
    nhanes_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(REPO)  # the doc's ../shared/data paths are relative to the checkout
    args = [str(tmp_path / a) if a.endswith(".png") else a for a in args]
    code = main(["cohort", *args, *([] if "--json" in args else ["--json"])])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith("[")
    for png in (a for a in args if a.endswith(".png")):
        assert Path(png).read_bytes()[:4] == b"\x89PNG"
