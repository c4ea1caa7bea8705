"""The single-series charts (grip strength, intake) and the panel drawing they share with the
marker trends: cut-off lines with their unit and rule id, points by date, escaping."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET

from b12.core.diet.requirements import reference_intake
from b12.core.muscle import ewgsop2
from b12.core.sex import Sex
from b12.reports.chart_svg import STYLE, nice_ceiling
from b12.reports.series_chart import Line, grip_svg, intake_svg, series_svg
from b12.reports.trend_chart import Period, trend_svg
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


def test_a_supplement_that_dwarfs_food_gets_a_log_axis_with_round_ticks() -> None:

    days = [(JAN, 3.1), (JUL, 1003.1)]  # food alone, then food and a 1000 µg tablet
    root = ET.fromstring(intake_svg(days, reference_intake(70)))
    texts = {e.text for e in root.iter(f"{SVG}text")}
    assert "B12 intake per day (µg, log scale)" in texts
    ticks = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "tick"]
    assert {"1", "10", "100", "1000", "10000"} <= set(ticks) and not any("e+" in t for t in ticks)
    (rda,) = [e for e in root.iter(f"{SVG}line") if e.get("class") == "cutoff"]
    assert float(rda.get("y1") or 0) < 190  # 2.4 µg sits well above the axis, not squashed onto 0


def test_food_alone_keeps_a_linear_axis_ending_on_a_round_number() -> None:

    assert [nice_ceiling(v) for v in (1.15, 3.3, 1150.0, 0.42)] == [2.0, 5.0, 2000.0, 0.5]
    svg = series_svg("c", "Grip", "kg", [(JAN, 20.0)], [Line("cut", 16.0, "r")])
    assert "log scale" not in svg


def test_cut_off_labels_never_overlap_and_the_empty_note_stays_clear() -> None:
    close = [Line("low", 148.0, "a"), Line("marginal", 150.0, "b"), Line("high", 152.0, "c")]
    root = ET.fromstring(series_svg("c", "B12", "pmol/L", [], close))
    ys = sorted(
        float(e.get("y") or 0) for e in root.iter(f"{SVG}text") if e.get("class") == "cutoff-label"
    )
    assert all(b - a >= 16 for a, b in itertools.pairwise(ys))
    (empty,) = [e for e in root.iter(f"{SVG}text") if e.get("class") == "empty"]
    assert float(empty.get("x") or 0) < 200  # at the left; the labels end at the right


def test_the_supplement_shading_has_a_legend() -> None:
    svg = trend_svg({Analyte.B12: [(JAN, 120.0)]}, periods=[])
    assert "shaded: B12 supplement" not in svg
    shaded = trend_svg({Analyte.B12: [(JAN, 120.0)]}, periods=[Period("B12", JAN)])
    assert "shaded: B12 supplement taken" in shaded
