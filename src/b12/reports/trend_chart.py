"""Trend chart of B12 markers over time as a small, self-contained, accessible SVG.

One panel per marker (canonical units), the guideline cut-offs drawn as dashed lines with their rule
id, B12 supplement periods shaded. The drawing itself is :mod:`b12.reports.chart_svg`'s, shared
with the single-series charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from b12.core.person import Medication
from b12.core.screening.medications import MedicationClass, classify_medication
from b12.core.status.interpret import chart_cutoffs
from b12.reports.chart_svg import (
    LEFT,
    TOP,
    CutOff,
    Frame,
    Point,
    date_range,
    document,
    panel,
    x_of,
)
from b12.units import REGISTRY as UNITS
from b12.units import Analyte

# The guideline lines come from the core (b12.core.status.interpret), never from the single-marker modules.
CUT_OFFS: Mapping[Analyte, tuple[CutOff, ...]] = {
    analyte: tuple(CutOff(label, value, rule) for label, value, rule in lines)
    for analyte, lines in chart_cutoffs().items()
}
CHART_ANALYTES = (Analyte.B12, Analyte.HOLOTC, Analyte.MMA, Analyte.HCY)
SHORT = {
    Analyte.B12: "B12",
    Analyte.HOLOTC: "holoTC",
    Analyte.MMA: "MMA",
    Analyte.HCY: "Homocysteine",
}

PANEL = 150  # px per marker


@dataclass(frozen=True)
class Period:
    """A shaded stretch of time, such as a B12 supplement from its start date (open: until now)."""

    label: str
    start: dt.date
    end: dt.date | None = None


def supplement_periods(medications: Sequence[Medication]) -> list[Period]:
    """B12 supplements and injections with a start date, as periods to shade on charts (until
    their stop date, else open-ended)."""
    return [
        Period(f"B12 supplement: {m.name}", m.start_date, m.stop_date)
        for m in medications
        if m.start_date is not None and classify_medication(m)[0] in _B12_CLASSES
    ]


_B12_CLASSES = frozenset({MedicationClass.B12_ORAL, MedicationClass.B12_INJECTION})


def _shade(period: Period, first: dt.date, last: dt.date, top: int) -> str:
    x0 = x_of(max(period.start, first), first, last)
    x1 = x_of(min(period.end or last, last), first, last)
    width = max(x1 - x0, 2.0)
    return (
        f'<rect x="{x0:.1f}" y="{top + TOP}" width="{width:.1f}" height="{PANEL - TOP - 22}" '
        f'class="period"><title>{escape(period.label)}</title></rect>'
    )


def _panel(
    analyte: Analyte, points: Sequence[Point], span: tuple[dt.date, dt.date], top: int
) -> str:
    frame = Frame(top + 16, top + TOP, PANEL - TOP - 22, top + PANEL / 2)
    unit, cut_offs = UNITS[analyte].canonical, CUT_OFFS.get(analyte, ())
    parts = panel(frame, SHORT[analyte], unit, points, cut_offs, span, empty="no results")
    return "\n".join(parts)


def trend_svg(
    series: Mapping[Analyte, Sequence[Point]],
    title: str = "Markers over time",
    periods: Sequence[Period] = (),
) -> str:
    """An SVG with one panel per charted marker, x = date (shared), y = canonical value.

    ``periods`` (e.g. B12 supplements) are shaded on every panel.
    """
    days = [day for analyte in CHART_ANALYTES for day, _ in series.get(analyte, ())]
    first, last = date_range(days)
    if periods:
        first = min(first, *(p.start for p in periods))
        last = max(last, *(p.start for p in periods))
    legend = 24 if periods else 0
    height = PANEL * len(CHART_ANALYTES) + 24 + legend
    panels = [
        "\n".join(_shade(p, first, last, i * PANEL) for p in periods)
        + _panel(a, sorted(series.get(a, ())), (first, last), i * PANEL)
        for i, a in enumerate(CHART_ANALYTES)
    ]
    shaded = "; ".join(f"{p.label} from {p.start.isoformat()}" for p in periods)
    desc = (
        f"{len(days)} results from {first.isoformat()} to {last.isoformat()}; dashed lines are "
        "cut-offs"
        + (f"; shaded: {shaded}" if shaded else "")
        + ". The table below gives the same values."
    )
    if periods:  # the shading's legend, under the panels
        bottom = PANEL * len(CHART_ANALYTES) + 4
        panels.append(
            f'<rect x="{LEFT}" y="{bottom}" width="18" height="12" class="period-key"/>'
            f'<text x="{LEFT + 24}" y="{bottom + 11}" class="legend">shaded: B12 supplement '
            "taken</text>"
        )
    return document(
        "\n".join(panels),
        height=height,
        title=title,
        desc=desc,
        span=(first, last),
        label_id="trend",
        css_class="trend",
        extra_style=".period,.period-key{fill:#2ec27e;fill-opacity:.15}.period-key{stroke:#2ec27e}",
    )
