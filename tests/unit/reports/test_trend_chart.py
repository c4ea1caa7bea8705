"""The trend chart SVG: one panel per marker, cut-offs, supplement periods, escaping."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from b12.reports.trend_chart import CUT_OFFS, Period, trend_svg
from b12.units import Analyte

SVG = "{http://www.w3.org/2000/svg}"
JAN, JUL = dt.date(2026, 1, 1), dt.date(2026, 7, 1)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, so every label was escaped


def test_points_cut_offs_and_date_range() -> None:
    root = parse(trend_svg({Analyte.B12: [(JUL, 300.0), (JAN, 120.0)], Analyte.MMA: [(JAN, 0.5)]}))
    assert len(root.findall(f".//{SVG}circle")) == 3
    cutoffs = [e for e in root.iter(f"{SVG}line") if e.get("class") == "cutoff"]
    assert len(cutoffs) == sum(len(c) for c in CUT_OFFS.values())
    text = "".join(root.itertext())
    assert "2026-01-01" in text and "2026-07-01" in text and "nice-ng239.total-b12" in text
    assert text.count("no results") == 2  # holoTC and homocysteine


def test_supplement_periods_are_shaded_on_every_panel_and_widen_the_range() -> None:
    start = dt.date(2025, 12, 1)
    root = parse(trend_svg({Analyte.B12: [(JAN, 120.0)]}, periods=[Period("B12 <1 mg>", start)]))
    shaded = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "period"]
    assert len(shaded) == 4
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "B12 <1 mg> from 2025-12-01" in (desc.text or "")
    assert "2025-12-01" in "".join(root.itertext())


def test_labels_are_escaped_and_an_empty_chart_still_renders() -> None:
    svg = trend_svg({}, title='<script>alert("x")</script>')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "".join(parse(svg).itertext()).count("no results") == 4


def test_a_product_whose_dose_names_b12_is_a_supplement_period_and_a_treatment_start() -> None:
    # Red team round 16b, F6: "multivitamin", dose "50 micrograms B12 daily", is B12 by mouth (the
    # judgment and the plan read it so); the chart and the worklist's re-test date do too.
    from b12.core.person import Medication
    from b12.reports.trend_chart import supplement_periods
    from b12.services.followup import treatment_start

    taken = Medication(name="multivitamin", dose="50 micrograms B12 daily", start_date=JAN)
    other = Medication(name="multivitamin", dose="1 tablet daily", start_date=JUL)
    assert [p.start for p in supplement_periods([taken, other])] == [JAN]
    assert treatment_start([taken, other]) == JAN
    assert treatment_start([other]) is None
