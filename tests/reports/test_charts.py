"""The report's charts: each spec is valid Vega-Lite (the reports write them without Altair's
validation), and draws to an SVG and a PNG of twice its size."""
from __future__ import annotations

import datetime as dt
import json
import re
import struct

import altair as alt
import pytest

from netra.reports import charts

DAY = dt.date(2024, 11, 10)
DAYS = [{"day": DAY - dt.timedelta(days=i), "collected": i < 20, "findings": i % 4, "partisan_opd_posts": i % 3}
        for i in range(40)]
CARD = [{"opd_name": f"Dinas {i}", "partisan_posts": 10 - i, "partisan_pct": 12.5, "posts": 80} for i in range(14)]


@pytest.mark.parametrize("chart", [
    charts.trend(DAYS, DAY),
    charts.bars("status", "Temuan per status", [("Pelanggaran", 5), ("Telaah", 2)], "temuan"),
    charts.scorecard(CARD),
], ids=["trend", "bars", "scorecard"])
def test_each_chart_is_valid_vega_lite_and_draws_to_svg_and_png(chart):
    spec = json.loads(chart.spec)
    alt.Chart.from_dict(spec, validate=True)          # raises on a spec Vega-Lite's schema refuses
    svg, png = chart.drawn()
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert png.startswith(b"\x89PNG") and struct.unpack(">I", png[16:20])[0] == round(2 * width)


def test_a_chart_with_nothing_to_draw_is_none():
    assert charts.trend([{**d, "findings": 0, "partisan_opd_posts": 0} for d in DAYS], DAY) is None
    assert charts.bars("status", "Temuan per status", [], "temuan") is None
    assert charts.scorecard([{**r, "partisan_posts": 0} for r in CARD]) is None
