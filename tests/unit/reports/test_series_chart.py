"""The single-series charts (grip strength, intake) and the panel drawing they share with the
marker trends: cut-off lines with their unit and rule id, points by date, escaping."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from b12.core.muscle import ewgsop2
from b12.core.sex import Sex
from b12.reports.chart_svg import STYLE
from b12.reports.series_chart import Line, grip_svg, series_svg
from b12.reports.trend_chart import trend_svg
from b12.units import Analyte

SVG = "{http://www.w3.org/2000/svg}"
JAN, JUL = dt.date(2026, 1, 1), dt.date(2026, 7, 1)


def test_the_grip_chart_draws_the_cut_off_for_the_sex_with_its_unit_and_rule() -> None:
    root = ET.fromstring(grip_svg([(JUL, 24.5), (JAN, 29.0)], Sex.MALE))
    (cut,) = [e for e in root.iter(f"{SVG}text") if e.get("class") == "cutoff-label"]
    assert cut.text == f"EWGSOP2: low strength below 27 kg ({ewgsop2.RULE_STRENGTH})"
    titles = [t.text for c in root.iter(f"{SVG}circle") for t in c.iter(f"{SVG}title")]
    assert titles == ["2026-01-01: 29 kg", "2026-07-01: 24.5 kg"]  # sorted by date
    assert root.get("id") == "grip-chart"


def test_an_empty_series_says_so_and_labels_are_escaped() -> None:
    svg = series_svg("c", "<b>Grip</b>", "kg", [], [Line("x & y", 1.5, "r")])
    root = ET.fromstring(svg)  # well-formed, so every label was escaped
    assert "no values yet" in "".join(root.itertext()) and "<b>" not in svg


def test_both_kinds_of_chart_share_one_style_and_one_way_of_drawing_a_panel() -> None:
    one = grip_svg([(JAN, 20.0)], Sex.FEMALE)
    trend = trend_svg({Analyte.B12: [(JAN, 120.0)]})
    assert STYLE in one and STYLE in trend
    for svg in (one, trend):
        classes = [e.get("class") for e in ET.fromstring(svg).iter()]
        assert {"axis", "cutoff", "cutoff-label", "series", "point", "panel-title"} <= set(classes)
