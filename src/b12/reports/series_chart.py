"""Single-series charts beside the marker trends: grip strength over time against the EWGSOP2
cut-off for the person's sex, and daily B12 intake against the reference intake.

Drawn by :mod:`b12.reports.chart_svg`, as the marker trends are (escaped text, a title and
description for screen readers, dashed reference lines labelled with their rule id); the page
shows the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from b12.core.diet.requirements import ReferenceIntake
from b12.core.muscle import ewgsop2
from b12.core.sex import Sex
from b12.reports.chart_svg import TOP, CutOff, Frame, Point, date_range, document, panel

HEIGHT = 220
Line = CutOff  # a dashed reference line


def series_svg(
    chart_id: str,
    title: str,
    unit: str,
    points: Sequence[Point],
    lines: Sequence[Line] = (),
    *,
    allow_log: bool = False,
) -> str:
    """One panel: the dated values as points joined by a line, and the reference lines (on a
    log axis, with ``allow_log``, when a value dwarfs them)."""
    points = sorted(points)
    first, last = date_range([day for day, _ in points])
    frame = Frame(16, TOP + 8, HEIGHT - TOP - 36, HEIGHT / 2)
    span = (first, last)
    parts = panel(
        frame,
        title,
        unit,
        points,
        lines,
        span,
        empty="no values yet",
        unit_label=True,
        allow_log=allow_log,
    )
    drawn = "; ".join(f"{line.label} {line.value:g} {unit}" for line in lines)
    desc = (
        f"{len(points)} values from {first.isoformat()} to {last.isoformat()}"
        + (f"; dashed: {drawn}" if drawn else "")
        + ". The table below gives the same values."
    )
    return document(
        "\n".join(parts),
        height=HEIGHT,
        title=title,
        desc=desc,
        span=span,
        label_id=chart_id,
        css_class="chart",
        element_id=chart_id,
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
    # A 1000 µg supplement next to a 2.4 µg reference: a log axis keeps both readable.
    return series_svg("intake-chart", "B12 intake per day", "µg", points, [line], allow_log=True)
