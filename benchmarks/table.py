"""A benchmark's result table, printed as aligned text or as a Markdown table (``--markdown``)
that can be pasted into the docs (docs/cohort.md) as it is."""

from __future__ import annotations

from collections.abc import Sequence


class Table:
    """Columns with a heading and a text width each; ``markdown`` prints ``| a | b |`` rows."""

    def __init__(self, columns: Sequence[tuple[str, int]], *, markdown: bool = False) -> None:
        self.columns = list(columns)
        self.markdown = markdown

    def _line(self, cells: Sequence[str]) -> str:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        if self.markdown:
            return "| " + " | ".join(c.strip() for c in cells) + " |"
        return " ".join(c.rjust(width) for c, (_, width) in zip(cells, self.columns, strict=True))

    def header(self) -> None:
        print(self._line([name for name, _ in self.columns]), flush=True)
        if self.markdown:
            print("|" + "---|" * len(self.columns), flush=True)

    def row(self, *cells: str) -> None:
        print(self._line(cells), flush=True)
