"""The daily HTML summary read back from the warehouse: what was collected, refused and found."""
from __future__ import annotations

import datetime as dt
import fcntl
import html
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from netra import warehouse
from netra.window import Window

# How many of the newest netra_findings events netra_report looks through for windows whose report
# is missing or stale: a campaign's windows several times over.
EVENTS_SCANNED = 1000

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


def _local_day(window: Window, timezone: str) -> dt.date | None:
    """The local calendar day the window is exactly, if it is one."""
    start, end = (t.astimezone(ZoneInfo(timezone)) for t in (window.start, window.end))
    day = start.date()
    exact = start.time() == dt.time() and end.time() == dt.time() and end.date() == day + dt.timedelta(days=1)
    return day if exact else None


def daily_path(out: Path, window: Window, timezone: str) -> Path:
    """daily-YYYY-MM-DD.html for a local day; window-<start>--<end>.html for any other window (a
    manual two-day window and the day it starts with are two reports)."""
    day = _local_day(window, timezone)
    if day is not None:
        return out / f"daily-{day.isoformat()}.html"
    start, end = (t.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H%M") for t in (window.start, window.end))
    return out / f"window-{start}--{end}.html"


def windows_due(triggered: Iterable[Mapping | None], recent: Iterable[tuple[dt.datetime, Mapping | None]],
                out: Path, timezone: str) -> list[dict]:
    """The windows a netra_report run writes: those its triggering events name, and any other whose
    report is missing or older than its newest event. Airflow can leave an Asset event unconsumed
    by any run; the next run (or a manual one) then still writes that window."""
    due: dict[Path, dict] = {}
    for extra in triggered:
        if "window" not in (extra or {}):
            raise ValueError(f"a triggering netra_findings event carries no window: {extra!r}")
        due[daily_path(out, Window.from_dict(extra["window"]), timezone)] = extra["window"]
    newest: dict[Path, tuple[dt.datetime, dict]] = {}
    for timestamp, extra in recent:
        if "window" in (extra or {}):
            path = daily_path(out, Window.from_dict(extra["window"]), timezone)
            if path not in newest or timestamp > newest[path][0]:
                newest[path] = (timestamp, extra["window"])
    for path, (timestamp, window) in newest.items():
        if path not in due and (not path.exists() or path.stat().st_mtime < timestamp.timestamp()):
            due[path] = window
    return list(due.values())


def _write(path: Path, text: str) -> None:
    """Replace the file at once, so that concurrent report runs never leave a torn page."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_daily(engine, window: Window, out: Path, timezone: str) -> Path:
    day = _local_day(window, timezone)
    title = f"daily summary: {day.isoformat()}" if day else f"summary of the window {window}"
    s = summary(engine, window)
    parts = [f"<h1>Netra {html.escape(title)}</h1>",
             f"<p>Window {html.escape(str(window))}. Generated {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
             "from the warehouse. Employees appear by pseudonym only.</p>",
             _table("Posts seen, per platform", s["posts"], ["platform", "posts", "new posts", "deleted"]),
             _table("Quarantined rows, per reason", s["quarantine"], ["source", "reason", "rows"]),
             _table("New findings in this window, per owner and severity (discipline track)", s["severity"], ["owner", "severity", "findings"]),
             _table("New findings, per OPD", s["opd"], ["OPD", "findings", "accounts"]),
             _table("New findings, per candidate pair", s["candidate"], ["election", "number", "pair", "findings"])]
    out.mkdir(parents=True, exist_ok=True)
    path = daily_path(out, window, timezone)
    with (out / ".lock").open("w") as lock:       # report runs at once: each index lists every page
        fcntl.flock(lock, fcntl.LOCK_EX)
        _write(path, f"<!doctype html><html><head><meta charset='utf-8'><title>Netra {html.escape(title)}</title>"
                     f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>")
        pages = sorted((p.name for p in [*out.glob("daily-*.html"), *out.glob("window-*.html")]), reverse=True)
        links = "".join(f"<li><a href='{p}'>{p.removesuffix('.html').split('-', 1)[1]}</a></li>" for p in pages)
        _write(out / "index.html", f"<!doctype html><html><head><meta charset='utf-8'><title>Netra reports</title>"
                                   f"<style>{STYLE}</style></head><body><h1>Netra summaries</h1><ul>{links}</ul>"
                                   "</body></html>")
    return path
