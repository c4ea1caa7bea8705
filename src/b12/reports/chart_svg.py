"""What every b12 chart draws the same way: a panel's axes, its dashed cut-off lines labelled with
their rule id, its dated points, and the accessible SVG document around the panels.

Used by :mod:`b12.reports.trend_chart` (one panel per marker) and :mod:`b12.reports.series_chart`
(grip strength, B12 intake). Every text is escaped; the document has a title and a description
for screen readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, LEFT, RIGHT, TOP = 640, 70, 20, 24
Point = tuple[dt.date, float]
STYLE = (
    ".axis{stroke:#555}.cutoff{stroke:#b00;stroke-dasharray:5 4}"
    ".cutoff-label{fill:#b00;font-size:10px}.series{fill:none;stroke:#1a5fb4;stroke-width:2}"
    ".point{fill:#1a5fb4}.panel-title{font-weight:bold;font-size:13px}.tick,.empty"
    "{font-size:10px;fill:#333}"
)


@dataclass(frozen=True)
class CutOff:
    """A dashed horizontal line at a rule's cut-off, in the panel's unit."""

    label: str
    value: float
    rule: str


@dataclass(frozen=True)
class Frame:
    """Where a panel sits, in px: its title's baseline, and the top and height of its plot."""

    title_y: int
    plot_top: int
    plot_height: int
    empty_y: float  # where "no values" is written when there are none


def x_of(day: dt.date, first: dt.date, last: dt.date) -> float:
    """The x of a date on a time axis from ``first`` to ``last`` (the middle when they are equal)."""
    span = (last - first).days
    if span == 0:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)


def date_range(days: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """The first and last date shown (today for a chart without dates)."""
    return (min(days), max(days)) if days else (dt.date.today(), dt.date.today())


def panel(
    frame: Frame,
    title: str,
    unit: str,
    points: Sequence[Point],
    cut_offs: Sequence[CutOff],
    span: tuple[dt.date, dt.date],
    *,
    empty: str,
    unit_label: bool = False,
) -> list[str]:
    """SVG elements of one panel: title, axes from 0, cut-off lines, and the points joined up.

    The y axis runs from 0 to 15 % above the highest point or cut-off; ``unit_label`` writes the
    unit in each cut-off's label (a single-series chart has room for it).
    """
    high = max([v for _, v in points] + [c.value for c in cut_offs] + [1e-9]) * 1.15

    def y(value: float) -> float:
        return frame.plot_top + frame.plot_height * (1 - value / high)

    out = [
        f'<text x="{LEFT}" y="{frame.title_y}" class="panel-title">{escape(title)} '
        f"({escape(unit)})</text>",
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{frame.plot_top}" x2="{LEFT}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{LEFT - 6}" y="{y(0):.1f}" class="tick" text-anchor="end">0</text>',
        f'<text x="{LEFT - 6}" y="{frame.plot_top + 4}" class="tick" text-anchor="end">'
        f"{high:.3g}</text>",
    ]
    for cut in cut_offs:
        shown = f"{cut.value:g} {unit}" if unit_label else f"{cut.value:g}"
        label = escape(f"{cut.label} {shown} ({cut.rule})")
        out.append(
            f'<line x1="{LEFT}" y1="{y(cut.value):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(cut.value):.1f}" class="cutoff"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(cut.value) - 3:.1f}" class="cutoff-label" '
            f'text-anchor="end">{label}</text>'
        )
    if not points:
        out.append(f'<text x="{WIDTH / 2}" y="{frame.empty_y}" class="empty">{empty}</text>')
        return out
    coords = [(x_of(day, *span), y(value)) for day, value in points]
    path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
    out.append(f'<polyline points="{path}" class="series"/>')
    for (day, value), (cx, cy) in zip(points, coords, strict=True):
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" class="point">'
            f"<title>{escape(f'{day.isoformat()}: {value:g} {unit}')}</title></circle>"
        )
    return out


def document(
    body: str,
    *,
    height: int,
    title: str,
    desc: str,
    span: tuple[dt.date, dt.date],
    label_id: str,
    css_class: str,
    element_id: str | None = None,
    extra_style: str = "",
) -> str:
    """The SVG around the panels: title and description for screen readers, style, date ticks."""
    first, last = span
    ident = f' id="{element_id}"' if element_id else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{label_id}-title {label_id}-desc" class="{css_class}"{ident}>'
        f'<title id="{label_id}-title">{escape(title)}</title>'
        f'<desc id="{label_id}-desc">{escape(desc)}</desc>'
        f"<style>{extra_style}{STYLE}</style>"
        + body
        + f'<text x="{LEFT}" y="{height - 6}" class="tick">{first.isoformat()}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{height - 6}" class="tick" text-anchor="end">'
        f"{last.isoformat()}</text></svg>"
    )
