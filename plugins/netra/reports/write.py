"""Windows' reports, at once: each window's own (HTML and PDF), once the week's of every day they
touch (a week not complete is rewritten "so far", so it is never missing), and once the index.

Under the report directory's lock, every file replaced whole; the windows' HTML pages are written
last, so a run that dies midway leaves them missing or stale, and netra_report's catch-up writes
them again. Rewriting a window gives the same files but for the time they were made. A run
catching up many windows draws each week and the index once, not once per day, and draws the
reports in `workers` processes: a report is 1-2 s of one core, chiefly charts and PDF layout.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from netra import spawned, warehouse
from netra.reports import content, files, index, pages, pdf
from netra.reports.period import Period, of_window, tanggal, week_of
from netra.window import Window

# Fewer reports than this are drawn in the calling process: a worker's start (its imports) costs
# about as much as two reports.
POOL_FROM = 4


@dataclass(frozen=True)
class Report:
    """One report to draw: its period, "so far" for a week not complete, its week's page (a day's)."""
    period: Period
    provisional: str | None = None
    weekly: str | None = None


def render(engine, period: Period, desk_url: str | None, provisional: str | None = None,
           weekly: str | None = None) -> tuple[str, bytes, float]:
    """A report's HTML page and PDF, and when its data was read (epoch seconds)."""
    read_at = time.time()
    c = content.gather(engine, period, desk_url, provisional)
    drawn = {chart.name: chart.drawn() for chart in c.charts}
    svgs = [(chart, pages.inline_svg(drawn[chart.name][0])) for chart in c.charts]
    html = pages.render("report.html", c=c, charts=svgs, weekly=weekly, show_findings=period.kind != "mingguan",
                        desk_url=desk_url.rstrip("/") if desk_url else None)
    return html, pdf.render(c, {name: png for name, (_, png) in drawn.items()}), read_at


def _draw(engine, desk_url: str | None, report: Report) -> tuple[str, bytes, float]:
    return render(engine, report.period, desk_url, report.provisional, report.weekly)


def _draw_at(url: str, desk_url: str | None, report: Report) -> tuple[str, bytes, float]:
    """_draw() in a pool's process, with that process's own engine (warehouse.engine keeps one per URL)."""
    return _draw(warehouse.engine(url), desk_url, report)


def render_all(engine, reports: list[Report], desk_url: str | None, workers: int) -> list[tuple[str, bytes, float]]:
    """Every report's HTML, PDF and the time its data was read, in order: in `workers` processes
    (netra.spawned) when there are at least POOL_FROM, else here."""
    if workers < 2 or len(reports) < POOL_FROM:
        return [_draw(engine, desk_url, r) for r in reports]
    url = engine.url.render_as_string(hide_password=False)
    with spawned.pool(min(workers, len(reports))) as pool:
        return list(pool.map(_draw_at, [url] * len(reports), [desk_url] * len(reports), reports))


def _week_so_far(out: Path, week: Period, written: set[dt.date]) -> str | None:
    """The last day of a week not complete yet that has its report ("so far"), or None if complete."""
    days = {dt.date.fromisoformat(p.stem[6:]) for p in out.glob("daily-*.html")} | written
    present = sorted(d for d in days if week.first_day <= d <= week.last_day)
    if present and present[-1] == week.last_day:
        return None
    return tanggal(present[-1]) if present else "belum ada hari"


def write_windows(engine, windows: list[Window], out: Path, timezone: str, desk_url: str | None = None,
                  workers: int = 0) -> list[Path]:
    """Write the windows' reports, their weeks' and the index; the paths written, the windows'
    HTML pages last. `workers`: processes that draw the reports (render_all)."""
    with files.locked(out):
        local = [(window, files.local_day(window, timezone)) for window in windows]
        own = [Report(of_window(window, timezone), weekly=f"{files.weekly_path(out, day).stem}.html" if day else None)
               for window, day in local]
        days = {day for _, day in local if day}
        weeks = sorted({week_of(d, timezone) for window in windows for d in window.days(timezone)},
                       key=lambda w: w.first_day)
        reports = own + [Report(week, provisional=_week_so_far(out, week, days)) for week in weeks]
        drawn = render_all(engine, reports, desk_url, workers)
        written, pages_last = [], []
        for n, (report, (html, document, read_at)) in enumerate(zip(reports, drawn)):
            written.append(_put(out / f"{report.period.slug}.pdf", document, read_at))
            page = out / f"{report.period.slug}.html"
            if n < len(own):                        # a window's own page: written last
                pages_last.append((page, html, read_at))
            else:
                written.append(_put(page, html, read_at))
        slugs = {path.stem for path, _, _ in pages_last}
        written.append(_put(out / "index.html", index.render(engine, out, timezone, also=slugs)))
        written += [_put(path, html, read_at) for path, html, read_at in pages_last]
    return written


def _put(path: Path, data: str | bytes, read_at: float | None = None) -> Path:
    """Replace the file; a report's files are dated when their data was read (netra.reports.files)."""
    files.replace(path, data)
    if read_at is not None:
        os.utime(path, (read_at, read_at))
    return path
