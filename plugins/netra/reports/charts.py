"""The report's charts as Altair specifications, drawn by vl-convert to static SVG (inline in the
HTML page: no script, no network) and PNG (in the PDF). A chart with nothing to draw is None.

A spec is written without Altair's schema validation (a tenth of a second a report; the charts'
shapes are code, validated by tests/reports/test_charts.py), and the PNG is rasterized from the SVG
instead of drawn again by Vega (a fifth of a second)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt
import vl_convert as vlc

from netra.reports import labels

WIDTH, BAR = 520, 18
COLOR, ALARM, REVIEW = "#2f6f9f", "#c0392b", "#e0a800"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    spec: str                    # Vega-Lite JSON

    def drawn(self) -> tuple[str, bytes]:
        """The chart as SVG, and as PNG at twice its size."""
        svg = vlc.vegalite_to_svg(self.spec)
        return svg, vlc.svg_to_png(svg, scale=2)


def _finish(chart: alt.Chart, name: str, title: str) -> Chart:
    chart = chart.configure(font=FONT).configure_view(stroke=None).configure_axis(labelFontSize=11, titleFontSize=11)
    return Chart(name, title, chart.to_json(validate=False))


def trend(days: list[dict], last_day: dt.date, span: int = 30) -> Chart | None:
    """Breach findings and the OPDs' partisan posts per day, the `span` days up to last_day; days
    no window ran for (before monitoring began) are left out, not drawn as zero."""
    first = last_day - dt.timedelta(days=span - 1)
    series = {"findings": "Temuan pelanggaran", "partisan_opd_posts": "Unggahan partisan OPD"}
    values = [{"hari": d["day"].isoformat(), "seri": label, "jumlah": d[key]}
              for d in days if d["day"] >= first and d["collected"] for key, label in series.items()]
    if not any(v["jumlah"] for v in values):
        return None
    chart = alt.Chart(alt.Data(values=values)).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("hari:T", title=None, timeUnit="utcyearmonthdate",     # a date is a day, in any zone
                axis=alt.Axis(format="%d/%m", labelAngle=0, tickCount=10)),
        y=alt.Y("jumlah:Q", title="jumlah per hari"),
        color=alt.Color("seri:N", title=None, scale=alt.Scale(range=[COLOR, ALARM]),
                        legend=alt.Legend(orient="top")),
    ).properties(width=WIDTH, height=200)
    return _finish(chart, "tren", f"Tren {span} hari terakhir")


def bars(name: str, title: str, rows: list[tuple[str, int]], axis: str, color: str = COLOR) -> Chart | None:
    """A horizontal bar per label, in the order given."""
    if not rows:
        return None
    values = [{"label": label, "jumlah": n} for label, n in rows]
    chart = alt.Chart(alt.Data(values=values)).mark_bar(color=color).encode(
        x=alt.X("jumlah:Q", title=axis, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
    ).properties(width=WIDTH - 200, height=max(len(rows), 2) * BAR)
    text = chart.mark_text(align="left", dx=3, fontSize=10).encode(text="jumlah:Q")
    return _finish(alt.layer(chart, text), name, title)


def scorecard(rows: list[dict], top: int = 12) -> Chart | None:
    """The OPDs with the most partisan posts (the scorecard's first `top`), with their share."""
    worst = [r for r in rows if r["partisan_posts"]][:top]
    if not worst:
        return None
    values = [{"label": r["opd_name"], "jumlah": r["partisan_posts"],
               "persen": f"{r['partisan_posts']} ({labels.persen(r['partisan_pct'])} dari {labels.angka(r['posts'])})"} for r in worst]
    base = alt.Chart(alt.Data(values=values)).encode(y=alt.Y("label:N", title=None, sort=None,
                                                             axis=alt.Axis(labelLimit=260)))
    chart = alt.layer(
        base.mark_bar(color=ALARM).encode(x=alt.X("jumlah:Q", title="unggahan partisan",
                                                  axis=alt.Axis(tickMinStep=1, format="d"))),
        base.mark_text(align="left", dx=3, fontSize=10).encode(x=alt.X("jumlah:Q", axis=None), text="persen:N"),
    ).properties(width=WIDTH - 240, height=max(len(values), 2) * BAR)
    return _finish(chart, "rapor", "Rapor netralitas: OPD dengan unggahan partisan terbanyak")
