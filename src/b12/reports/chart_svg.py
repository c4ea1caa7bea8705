"""What every b12 chart draws the same way: a panel's axes, its dashed cut-off lines labelled with
their rule id, its dated points, and the accessible SVG document around the panels.

Used by :mod:`b12.reports.trend_chart` (one panel per marker) and :mod:`b12.reports.series_chart`
(grip strength, B12 intake). Every text is escaped; the document has a title and a description
for screen readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, LEFT, RIGHT, TOP = 640, 70, 20, 24
Point = tuple[dt.date, float]
# Text is 14-16 px in a 640 px wide drawing, so it stays readable scaled to a 390 px phone.
STYLE = (
    ".axis{stroke:#555}.grid{stroke:#ddd}.cutoff{stroke:#b00;stroke-dasharray:5 4}"
    ".cutoff-label{fill:#b00;font-size:14px}.series{fill:none;stroke:#1a5fb4;stroke-width:2}"
    ".point{fill:#1a5fb4}.panel-title{font-weight:bold;font-size:16px}.tick,.empty,.legend"
    "{font-size:14px;fill:#333}"
)
LABEL_GAP = 16  # px between the baselines of two cut-off labels, so that they never overlap
LOG_WHEN_RATIO = 20.0  # a value 20 times the highest reference line: a log axis shows both
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


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


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``value`` (an axis ends on a round number)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in NICE_STEPS if step * power >= value * (1 - 1e-9))


@dataclass(frozen=True)
class Scale:
    """A y axis: linear from 0, or logarithmic from ``low`` (a supplement that dwarfs food)."""

    high: float
    low: float = 0.0
    log: bool = False

    def fraction(self, value: float) -> float:
        """Where ``value`` sits between the bottom (0) and the top (1); clipped to the axis."""
        if self.log:
            value = min(max(value, self.low), self.high)
            return math.log10(value / self.low) / math.log10(self.high / self.low)
        return value / self.high

    def ticks(self) -> list[float]:
        """Labelled values: each power of ten on a log axis, else 0, the middle and the top."""
        if self.log:
            exponents = range(round(math.log10(self.low)), round(math.log10(self.high)) + 1)
            return [10.0**e for e in exponents]
        return [0.0, self.high / 2, self.high]


def scale_for(points: Sequence[Point], cut_offs: Sequence[CutOff], *, allow_log: bool) -> Scale:
    """A linear axis up to a round number above everything drawn; a log axis (in powers of ten)
    when ``allow_log`` and the highest point is more than 20 times the highest reference line."""
    values = [v for _, v in points]
    reference = max([c.value for c in cut_offs], default=0.0)
    top = max([*values, reference, 1e-9])
    if allow_log and reference > 0 and top > LOG_WHEN_RATIO * reference:
        positive = [*(v for v in values if v > 0), reference]
        low = 10.0 ** math.floor(math.log10(min(positive)))
        return Scale(10.0 ** math.ceil(math.log10(top)), low, log=True)
    return Scale(nice_ceiling(top * 1.1))


def _label_ys(wanted: Sequence[float], top: float) -> list[float]:
    """The label baselines, each at least LABEL_GAP below the one above it (and below ``top``)."""
    placed: list[float] = []
    for y in sorted(wanted):
        placed.append(max(y, placed[-1] + LABEL_GAP if placed else top))
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    result = [0.0] * len(wanted)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


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
    allow_log: bool = False,
) -> list[str]:
    """SVG elements of one panel: title, axes, cut-off lines, and the points joined up.

    The y axis runs from 0 to a round number above the highest point or cut-off, or (with
    ``allow_log``, when a point dwarfs the reference lines) on a log scale, said in the title.
    Cut-off labels are moved apart so that they never overlap; ``unit_label`` writes the unit in
    each label (a single-series chart has room for it). "No values" is written at the left,
    clear of the labels at the right.
    """
    scale = scale_for(points, cut_offs, allow_log=allow_log)

    def y(value: float) -> float:
        return frame.plot_top + frame.plot_height * (1 - scale.fraction(value))

    bottom = frame.plot_top + frame.plot_height
    axis = f"{unit}, log scale" if scale.log else unit
    out = [
        f'<text x="{LEFT}" y="{frame.title_y}" class="panel-title">{escape(title)} '
        f"({escape(axis)})</text>",
        f'<line x1="{LEFT}" y1="{bottom:.1f}" x2="{WIDTH - RIGHT}" y2="{bottom:.1f}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{frame.plot_top}" x2="{LEFT}" y2="{bottom:.1f}" class="axis"/>',
    ]
    for tick in scale.ticks():
        out.append(
            f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(tick) + 5:.1f}" class="tick" '
            f'text-anchor="end">{tick:g}</text>'
        )
    label_ys = _label_ys([y(c.value) - 4 for c in cut_offs], frame.plot_top + 12)
    for cut, label_y in zip(cut_offs, label_ys, strict=True):
        shown = f"{cut.value:g} {unit}" if unit_label else f"{cut.value:g}"
        label = escape(f"{cut.label} {shown} ({cut.rule})")
        out.append(
            f'<line x1="{LEFT}" y1="{y(cut.value):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(cut.value):.1f}" class="cutoff"/>'
            f'<text x="{WIDTH - RIGHT}" y="{label_y:.1f}" class="cutoff-label" '
            f'text-anchor="end" textLength="{min(WIDTH - LEFT - RIGHT, 7.2 * len(label)):.0f}" '
            f'lengthAdjust="spacingAndGlyphs">{label}</text>'
        )
    if not points:
        out.append(f'<text x="{LEFT + 8}" y="{bottom - 8:.1f}" class="empty">{empty}</text>')
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
