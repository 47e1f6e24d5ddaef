"""Everything one report shows, read from the warehouse in one transaction, before it is drawn."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from netra.reports import casework, charts, figures, scorecard
from netra.reports.period import Period


@dataclass(frozen=True)
class Scorecard:
    election_id: str
    election: str
    rows: list[dict]


@dataclass(frozen=True)
class Content:
    period: Period
    generated: str
    provisional: str | None          # a week not complete yet: up to which day it holds data
    elections: list[tuple[str, str]]
    trends: list[figures.Trend]
    platforms: list[dict]
    quarantine: list[dict]
    findings: list[casework.Finding]
    counts: dict[str, list[tuple[str, int]]]
    scorecards: list[Scorecard]
    deadlines: list[dict]
    escalated_cases: list[dict]
    charts: list[charts.Chart]


def gather(engine, period: Period, desk_url: str | None = None, provisional: str | None = None,
           now: dt.datetime | None = None) -> Content:
    with engine.connect() as conn:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")     # one snapshot
        elections = figures.elections(conn, period.first_day, period.last_day)
        ids = [e for e, _ in elections]
        days = figures.history(conn, period, ids)
        pairs = casework.pair_names(conn, ids)
        found = casework.findings(conn, period, pairs, desk_url)
        end = period.last_day + dt.timedelta(days=1)
        cards = [Scorecard(e, name, scorecard.read(conn, e, period.first_day, end)) for e, name in elections]
        counts = casework.counts(found)
        drawn = [charts.trend(days, period.last_day),
                 charts.bars("status", "Temuan per status", counts["status"], "temuan"),
                 charts.bars("pasangan", "Temuan per pasangan calon", counts["pair"], "temuan"),
                 charts.bars("platform", "Temuan per platform", counts["platform"], "temuan"),
                 *(charts.scorecard(c.rows) for c in cards[:1])]
        return Content(
            period=period, provisional=provisional, elections=elections,
            generated=(now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(period.timezone)).strftime(
                f"%d-%m-%Y %H:%M {period.zone_name}"),
            trends=figures.trends(period, days), platforms=figures.by_platform(conn, period),
            quarantine=figures.quarantine(conn, period), findings=found, counts=counts,
            scorecards=cards, deadlines=casework.deadlines(conn, period),
            escalated_cases=casework.escalated_cases(conn, period), charts=[c for c in drawn if c is not None])
