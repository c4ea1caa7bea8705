"""Single-series charts beside the marker trends: grip strength over time against the EWGSOP2
cut-off for the person's sex, and daily B12 intake against the reference intake.

Same drawing conventions as :mod:`b12.reports.trend_chart` (escaped text, a title and description
for screen readers, dashed reference lines labelled with their rule id); the page shows the same
numbers as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from b12.core import ewgsop2
from b12.core.requirements import ReferenceIntake
from b12.core.sex import Sex
from b12.reports.trend_chart import LEFT, RIGHT, TOP, WIDTH, Point, _x

HEIGHT = 220


@dataclass(frozen=True)
class Line:
    """A dashed horizontal reference line."""

    label: str
    value: float
    rule: str


def series_svg(
    chart_id: str, title: str, unit: str, points: Sequence[Point], lines: Sequence[Line] = ()
) -> str:
    """One panel: the dated values as points joined by a line, and the reference lines."""
    points = sorted(points)
    days = [day for day, _ in points]
    first, last = (min(days), max(days)) if days else (dt.date.today(), dt.date.today())
    high = max([v for _, v in points] + [line.value for line in lines] + [1e-9]) * 1.15
    height = HEIGHT - TOP - 36

    def y(value: float) -> float:
        return TOP + 8 + height * (1 - value / high)

    out = [
        f'<text x="{LEFT}" y="16" class="panel-title">{escape(title)} ({escape(unit)})</text>',
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{TOP + 8}" x2="{LEFT}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{LEFT - 6}" y="{y(0):.1f}" class="tick" text-anchor="end">0</text>',
        f'<text x="{LEFT - 6}" y="{TOP + 12}" class="tick" text-anchor="end">{high:.3g}</text>',
    ]
    for line in lines:
        label = escape(f"{line.label} {line.value:g} {unit} ({line.rule})")
        out.append(
            f'<line x1="{LEFT}" y1="{y(line.value):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(line.value):.1f}" class="cutoff"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(line.value) - 3:.1f}" class="cutoff-label" '
            f'text-anchor="end">{label}</text>'
        )
    if points:
        coords = [(_x(day, first, last), y(value)) for day, value in points]
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        out.append(f'<polyline points="{path}" class="series"/>')
        for (day, value), (cx, cy) in zip(points, coords, strict=True):
            out.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" class="point">'
                f"<title>{escape(f'{day.isoformat()}: {value:g} {unit}')}</title></circle>"
            )
    else:
        out.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" class="empty">no values yet</text>')
    drawn = "; ".join(f"{line.label} {line.value:g} {unit}" for line in lines)
    desc = (
        f"{len(points)} values from {first.isoformat()} to {last.isoformat()}"
        + (f"; dashed: {drawn}" if drawn else "")
        + ". The table below gives the same values."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        "<style>.axis{stroke:#555}.cutoff{stroke:#b00;stroke-dasharray:5 4}"
        ".cutoff-label{fill:#b00;font-size:10px}.series{fill:none;stroke:#1a5fb4;stroke-width:2}"
        ".point{fill:#1a5fb4}.panel-title{font-weight:bold;font-size:13px}.tick,.empty"
        "{font-size:10px;fill:#333}</style>"
        + "\n".join(out)
        + f'<text x="{LEFT}" y="{HEIGHT - 6}" class="tick">{first.isoformat()}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" class="tick" text-anchor="end">'
        f"{last.isoformat()}</text></svg>"
    )


def grip_svg(points: Sequence[Point], sex: Sex) -> str:
    """Grip strength over time with the EWGSOP2 low-strength cut-off for ``sex``."""
    cut = Line("EWGSOP2: low strength below", ewgsop2.GRIP_LOW_BELOW_KG[sex], ewgsop2.RULE_STRENGTH)
    return series_svg("grip-chart", "Grip strength", "kg", points, [cut])


def intake_svg(points: Sequence[Point], reference: ReferenceIntake) -> str:
    """Daily B12 intake (food and supplements) against the person's reference intake."""
    kind = "AI" if reference.rda_is_ai else "RDA"
    rule = reference.rules[0] if reference.rules else ""
    line = Line(f"IOM {kind}", reference.rda_ug_per_day, rule)
    return series_svg("intake-chart", "B12 intake per day", "µg", points, [line])
