"""index.html: a line of figures per day from the first report to the last (posts, new findings,
the OPDs' partisan posts, cases opened; a day without its report says so), links to every daily,
weekly and window report in both formats."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from netra.reports import figures, pages
from netra.reports.period import Period


def render(engine, out: Path, timezone: str, also: set[str] = frozenset(), now: dt.datetime | None = None) -> str:
    """The index of the reports under `out`, and of `also` (the slugs of reports being written now)."""
    slugs = {p.stem for p in out.glob("*.html")} | set(also)
    reported = {dt.date.fromisoformat(s[6:]): s for s in slugs if s.startswith("daily-")}
    days = []
    if reported:
        first, last = min(reported), max(reported)
        with engine.connect() as conn:
            ids = [e for e, _ in figures.elections(conn, first, last)]
            days = [{**d, "slug": reported.get(d["day"])} for d in figures.daily(conn, first, last, timezone, ids)]
    weeks = []
    for slug in sorted((s for s in slugs if s.startswith("weekly-")), reverse=True):
        year, week = slug[7:].split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        weeks.append({"slug": slug, "label": f"{year} minggu ke-{int(week)}", "first_day": monday,
                      "last_day": monday + dt.timedelta(days=6)})
    zone = Period.zone_abbreviation(timezone)
    return pages.render("index.html", days=list(reversed(days)), weeks=weeks, timezone=timezone, zone_name=zone,
                        health=(out / "health.html").exists(),
                        windows=sorted((s for s in slugs if s.startswith("window-")), reverse=True),
                        generated=(now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(timezone)).strftime(
                            f"%d-%m-%Y %H:%M {zone}"))
