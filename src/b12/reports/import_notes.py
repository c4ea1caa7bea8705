"""How items of an imported record that b12 did not use are shown (terminal and JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from rich.table import Table

from b12.codes import ImportNote

_KIND = {
    "unmapped": "not used",
    "unverified_code": "used, code unverified",
    "skipped": "skipped",
}


def notes_document(notes: Sequence[ImportNote]) -> list[dict[str, Any]]:
    """Import notes as plain JSON data."""
    return [asdict(note) for note in notes]


def notes_table(notes: Sequence[ImportNote]) -> Table:
    """Import notes as a table: resource, what happened, why, and the code."""
    table = Table(title="FHIR import: items not used as is", title_justify="left")
    table.add_column("resource", overflow="fold")
    table.add_column("result")
    table.add_column("why", overflow="fold")
    table.add_column("code", overflow="fold")
    for note in notes:
        table.add_row(note.resource, _KIND.get(note.kind, note.kind), note.detail, note.code or "")
    return table
