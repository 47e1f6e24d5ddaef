"""The health page (health.html beside the reports): every reading of the last health run against
its threshold, and the Great Expectations results and findings of the recent windows, in place of
Great Expectations' own Data Docs (the suites run in memory and keep their results in ops.dq_result,
so the page reads them from there). Plain HTML from a Jinja2 template, times in the city's zone."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from netra import warehouse
from netra.health import checks
from netra.reports import files

PAGE = "health.html"
# How far back the page lists Great Expectations results and findings.
PAGE_DAYS = 14
TEMPLATES = Path(__file__).with_name("templates")


def render(engine, readings: list[checks.Reading], as_of: dt.datetime, period_hours: float, timezone: str) -> str:
    zone = ZoneInfo(timezone)
    local = lambda t: t.astimezone(zone).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    bound = {"as_of": as_of, "page_since": as_of - dt.timedelta(days=PAGE_DAYS)}
    with engine.connect() as conn:
        dq = warehouse.execute(conn, "health/dq_results", bound).all()
        findings = warehouse.execute(conn, "health/findings", bound).all()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["local"] = local
    return env.get_template(PAGE).render(
        as_of=local(as_of), since=local(as_of - dt.timedelta(hours=period_hours)),
        day=(as_of.astimezone(zone).date() - dt.timedelta(days=1)).isoformat(), page_since=local(bound["page_since"]),
        readings=readings, breaches=sum(r.breached for r in readings), dq=dq, findings=findings,
        shown=checks.shown, limit=checks.limit, zone=timezone, written=local(dt.datetime.now(dt.timezone.utc)))


def write(engine, readings: list[checks.Reading], as_of: dt.datetime, period_hours: float, timezone: str,
          directory: Path) -> Path:
    """Write the page into `directory`, whole or not at all (a reader never sees half of it)."""
    directory.mkdir(parents=True, exist_ok=True)
    files.replace(directory / PAGE, render(engine, readings, as_of, period_hours, timezone))
    return directory / PAGE
