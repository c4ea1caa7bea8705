"""`b12 … --help` at 80 columns reads as prose: Typer kept the docstrings' source line breaks, so
sentences broke mid-line (new-user walk-through on `b12 menu --help`)."""

from __future__ import annotations

import os
import subprocess
import sys

from b12.cli.main import unwrap


def test_a_paragraph_is_one_line_and_list_items_keep_their_own() -> None:
    text = "First line.\n\nA sentence broken\nin the source.\n- an item\n- another\n  indented"
    assert unwrap(text) == (
        "First line.\n\nA sentence broken in the source.\n- an item\n- another\n  indented"
    )


def test_the_menu_help_at_80_columns_has_no_mid_sentence_breaks() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "b12", "menu", "--help"],
        capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "COLUMNS": "80", "TERM": "dumb"},
    )  # fmt: skip
    prose = " ".join(line.strip() for line in done.stdout.splitlines())
    # the source breaks after "(per-meal absorption)," and before "mostly": one sentence here
    assert "(per-meal absorption), mostly from fortified foods" in " ".join(prose.split())
    # and no short ragged line is left where the source had a break
    body = done.stdout.split("Usage:")[1].split("╭")[0]
    lines = [line.rstrip() for line in body.splitlines() if line.strip()]
    assert all(len(line) > 40 or line.rstrip().endswith((".", ")")) for line in lines[1:-1])
