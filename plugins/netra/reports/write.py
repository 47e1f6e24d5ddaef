"""Windows' reports, at once: each window's own (HTML and PDF), once the week's of every day they
touch (a week not complete is rewritten "so far", so it is never missing), and once the index.

Under the report directory's lock, every file replaced whole; the windows' HTML pages are written
last, so a run that dies midway leaves them missing or stale, and netra_report's catch-up writes
them again. Rewriting a window gives the same files but for the time they were made. A run
catching up many windows draws each week and the index once, not once per day.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from netra.reports import content, files, index, pages, pdf
from netra.reports.period import Period, of_window, tanggal, week_of
from netra.window import Window


def render(engine, period: Period, desk_url: str | None, provisional: str | None = None,
           weekly: str | None = None) -> tuple[str, bytes]:
    """A report's HTML page and PDF."""
    c = content.gather(engine, period, desk_url, provisional)
    svgs = [(chart, pages.inline_svg(chart.svg())) for chart in c.charts]
    html = pages.render("report.html", c=c, charts=svgs, weekly=weekly, show_findings=period.kind != "mingguan",
                        desk_url=desk_url.rstrip("/") if desk_url else None)
    return html, pdf.render(c, {chart.name: chart.png() for chart in c.charts})


def _week_so_far(out: Path, week: Period, written: set[dt.date]) -> str | None:
    """The last day of a week not complete yet that has its report ("so far"), or None if complete."""
    days = {dt.date.fromisoformat(p.stem[6:]) for p in out.glob("daily-*.html")} | written
    present = sorted(d for d in days if week.first_day <= d <= week.last_day)
    if present and present[-1] == week.last_day:
        return None
    return tanggal(present[-1]) if present else "belum ada hari"


def write_windows(engine, windows: list[Window], out: Path, timezone: str, desk_url: str | None = None) -> list[Path]:
    """Write the windows' reports, their weeks' and the index; the paths written, the windows'
    HTML pages last."""
    written, pages_last, days, weeks = [], [], set(), set()
    with files.locked(out):
        for window in windows:
            period, day = of_window(window, timezone), files.local_day(window, timezone)
            html, document = render(engine, period, desk_url,
                                    weekly=f"{files.weekly_path(out, day).stem}.html" if day else None)
            written.append(_put(out / f"{period.slug}.pdf", document))
            pages_last.append((out / f"{period.slug}.html", html))
            days |= {day} if day else set()
            weeks |= {week_of(d, timezone) for d in window.days(timezone)}
        for week in sorted(weeks, key=lambda w: w.first_day):
            w_html, w_pdf = render(engine, week, desk_url, provisional=_week_so_far(out, week, days))
            written += [_put(out / f"{week.slug}.pdf", w_pdf), _put(out / f"{week.slug}.html", w_html)]
        slugs = {path.stem for path, _ in pages_last}
        written.append(_put(out / "index.html", index.render(engine, out, timezone, also=slugs)))
        written += [_put(path, html) for path, html in pages_last]
    return written


def _put(path: Path, data: str | bytes) -> Path:
    files.replace(path, data)
    return path

