"""The daily HTML summary read back from the warehouse: what was collected, refused and found."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from zoneinfo import ZoneInfo


from netra import warehouse
from netra.window import Window

STYLE = ("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}"
         "td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}"
         "td.n{text-align:right}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}")


def _table(title: str, rows: list, headers: list[str]) -> str:
    if not rows:
        return f"<h2>{html.escape(title)}</h2><p>None.</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(
        f"<td class='n'>{v:,}</td>" if isinstance(v, int) else f"<td>{html.escape('' if v is None else str(v))}</td>"
        for v in r) + "</tr>" for r in rows)
    return f"<h2>{html.escape(title)}</h2><table><tr>{head}</tr>{body}</table>"


def summary(engine, window: Window) -> dict:
    params = {"window_start": window.start, "window_end": window.end}
    with engine.connect() as conn:
        q = lambda name: warehouse.execute(conn, name, params).all()  # noqa: E731
        return {"posts": q("report/posts_by_platform"), "quarantine": q("report/quarantine_by_check"),
                "severity": q("report/findings_by_severity"), "opd": q("report/findings_by_opd"),
                "candidate": q("report/findings_by_candidate")}


def write_daily(engine, window: Window, out: Path, timezone: str) -> Path:
    day = window.start.astimezone(ZoneInfo(timezone)).date()
    s = summary(engine, window)
    parts = [f"<h1>Netra daily summary: {day.isoformat()}</h1>",
             f"<p>Window {html.escape(str(window))}. Generated {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
             "from the warehouse. Employees appear by pseudonym only.</p>",
             _table("Posts seen, per platform", s["posts"], ["platform", "posts", "new posts", "deleted"]),
             _table("Quarantined rows, per reason", s["quarantine"], ["source", "reason", "rows"]),
             _table("New findings in this window, per owner and severity (discipline track)", s["severity"], ["owner", "severity", "findings"]),
             _table("New findings, per OPD", s["opd"], ["OPD", "findings", "accounts"]),
             _table("New findings, per candidate pair", s["candidate"], ["election", "number", "pair", "findings"])]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"daily-{day.isoformat()}.html"
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Netra {day}</title>"
                    f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>", encoding="utf-8")
    days = sorted(p.name for p in out.glob("daily-*.html"))
    links = "".join(f"<li><a href='{d}'>{d[6:16]}</a></li>" for d in reversed(days))
    (out / "index.html").write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Netra reports</title>"
                                    f"<style>{STYLE}</style></head><body><h1>Netra daily summaries</h1><ul>{links}</ul>"
                                    "</body></html>", encoding="utf-8")
    return path
