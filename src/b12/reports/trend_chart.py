"""Trend chart of B12 markers over time as a small, self-contained, accessible SVG.

One panel per marker (canonical units), the guideline cut-offs drawn as dashed lines with their rule
id. Every text is escaped; the chart has a title and description for screen readers, and the page
shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from b12.core import epidemiology, nice_ng239
from b12.units import REGISTRY as UNITS
from b12.units import Analyte


@dataclass(frozen=True)
class CutOff:
    """A horizontal line on a marker's panel."""

    label: str
    value: float  # canonical unit
    rule: str


CUT_OFFS: Mapping[Analyte, tuple[CutOff, ...]] = {
    Analyte.B12: (
        CutOff(
            "NICE: deficiency likely below",
            nice_ng239.TOTAL_B12_DEFICIENCY_BELOW_PMOL_L,
            nice_ng239.RULE_TOTAL,
        ),
        CutOff(
            "NICE: deficiency unlikely above",
            nice_ng239.TOTAL_B12_UNLIKELY_ABOVE_PMOL_L,
            nice_ng239.RULE_TOTAL,
        ),
    ),
    Analyte.HOLOTC: (
        CutOff(
            "NICE: deficiency likely below",
            nice_ng239.ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L,
            nice_ng239.RULE_ACTIVE,
        ),
        CutOff(
            "NICE: deficiency unlikely above",
            nice_ng239.ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L,
            nice_ng239.RULE_ACTIVE,
        ),
    ),
    Analyte.MMA: (
        CutOff(
            "elevated above", epidemiology.MMA_ELEVATED_ABOVE_UMOL_L, epidemiology.RULE_MMA_ELEVATED
        ),
    ),
    Analyte.HCY: (
        CutOff(
            "elevated above", epidemiology.HCY_ELEVATED_ABOVE_UMOL_L, epidemiology.RULE_HCY_ELEVATED
        ),
    ),
}
CHART_ANALYTES = (Analyte.B12, Analyte.HOLOTC, Analyte.MMA, Analyte.HCY)
SHORT = {
    Analyte.B12: "B12",
    Analyte.HOLOTC: "holoTC",
    Analyte.MMA: "MMA",
    Analyte.HCY: "Homocysteine",
}

WIDTH, PANEL, LEFT, RIGHT, TOP = 640, 150, 70, 20, 24
Point = tuple[dt.date, float]


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days
    if span == 0:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)


@dataclass(frozen=True)
class Period:
    """A shaded stretch of time, such as a B12 supplement from its start date (open: until now)."""

    label: str
    start: dt.date
    end: dt.date | None = None


def _shade(period: Period, first: dt.date, last: dt.date, top: int) -> str:
    x0 = _x(max(period.start, first), first, last)
    x1 = _x(min(period.end or last, last), first, last)
    width = max(x1 - x0, 2.0)
    return (
        f'<rect x="{x0:.1f}" y="{top + TOP}" width="{width:.1f}" height="{PANEL - TOP - 22}" '
        f'class="period"><title>{escape(period.label)}</title></rect>'
    )


def _panel(
    analyte: Analyte, points: Sequence[Point], first: dt.date, last: dt.date, top: int
) -> str:
    unit = UNITS[analyte].canonical
    lines = CUT_OFFS.get(analyte, ())
    high = max([v for _, v in points] + [c.value for c in lines] + [1e-9]) * 1.15
    height = PANEL - TOP - 22

    def y(value: float) -> float:
        return top + TOP + height * (1 - value / high)

    out = [
        f'<text x="{LEFT}" y="{top + 16}" class="panel-title">{escape(SHORT[analyte])} '
        f"({escape(unit)})</text>",
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{top + TOP}" x2="{LEFT}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{LEFT - 6}" y="{y(0):.1f}" class="tick" text-anchor="end">0</text>',
        f'<text x="{LEFT - 6}" y="{top + TOP + 4}" class="tick" text-anchor="end">{high:.3g}</text>',
    ]
    for cut in lines:
        label = escape(f"{cut.label} {cut.value:g} ({cut.rule})")
        out.append(
            f'<line x1="{LEFT}" y1="{y(cut.value):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(cut.value):.1f}" class="cutoff"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(cut.value) - 3:.1f}" class="cutoff-label" '
            f'text-anchor="end">{label}</text>'
        )
    if not points:
        out.append(f'<text x="{WIDTH / 2}" y="{top + PANEL / 2}" class="empty">no results</text>')
        return "\n".join(out)
    coords = [(_x(day, first, last), y(value)) for day, value in points]
    path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
    out.append(f'<polyline points="{path}" class="series"/>')
    for (day, value), (cx, cy) in zip(points, coords, strict=True):
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" class="point">'
            f"<title>{escape(f'{day.isoformat()}: {value:g} {unit}')}</title></circle>"
        )
    return "\n".join(out)


def trend_svg(
    series: Mapping[Analyte, Sequence[Point]],
    title: str = "Markers over time",
    periods: Sequence[Period] = (),
) -> str:
    """An SVG with one panel per charted marker, x = date (shared), y = canonical value.

    ``periods`` (e.g. B12 supplements) are shaded on every panel.
    """
    days = [day for analyte in CHART_ANALYTES for day, _ in series.get(analyte, ())]
    first, last = (min(days), max(days)) if days else (dt.date.today(), dt.date.today())
    if periods:
        first = min(first, *(p.start for p in periods))
        last = max(last, *(p.start for p in periods))
    height = PANEL * len(CHART_ANALYTES) + 24
    panels = [
        "\n".join(_shade(p, first, last, i * PANEL) for p in periods)
        + _panel(a, sorted(series.get(a, ())), first, last, i * PANEL)
        for i, a in enumerate(CHART_ANALYTES)
    ]
    shaded = "; ".join(f"{p.label} from {p.start.isoformat()}" for p in periods)
    desc = (
        f"{len(days)} results from {first.isoformat()} to {last.isoformat()}; dashed lines are "
        "cut-offs"
        + (f"; shaded: {shaded}" if shaded else "")
        + ". The table below gives the same values."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="trend-title trend-desc" class="trend">'
        f'<title id="trend-title">{escape(title)}</title><desc id="trend-desc">{escape(desc)}</desc>'
        "<style>.period{fill:#2ec27e;fill-opacity:.15}.axis{stroke:#555}"
        ".cutoff{stroke:#b00;stroke-dasharray:5 4}"
        ".cutoff-label{fill:#b00;font-size:10px}.series{fill:none;stroke:#1a5fb4;stroke-width:2}"
        ".point{fill:#1a5fb4}.panel-title{font-weight:bold;font-size:13px}.tick,.empty"
        "{font-size:10px;fill:#333}</style>"
        + "\n".join(panels)
        + f'<text x="{LEFT}" y="{height - 6}" class="tick">{first.isoformat()}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{height - 6}" class="tick" text-anchor="end">'
        f"{last.isoformat()}</text></svg>"
    )
