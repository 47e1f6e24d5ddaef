"""What a report period's figures are: the elections it touches, posts and quarantine per
platform, a line of figures per day for the trend, and that trend against the days before."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netra import warehouse
from netra.reports.labels import METRICS
from netra.reports.period import Period

# Days of figures read before a period: the 30-day comparison and the 30-day trend chart.
HISTORY_DAYS = 30
# What a period is compared with: (label, days before the period), per kind of period.
# A baseline over several periods is their mean ("rerata").
COMPARISONS = {"harian": (("kemarin", 1), ("rerata 7 hari", 7), ("rerata 30 hari", 30)),
               "mingguan": (("minggu lalu", 7), ("rerata 4 minggu", 28))}


@dataclass(frozen=True)
class Trend:
    metric: str
    label: str
    value: int
    baselines: tuple[tuple[str, float, float | None], ...]      # (compared with, value, change in %)


def elections(conn, first_day: dt.date, last_day: dt.date) -> list[tuple[str, str]]:
    return [tuple(r) for r in warehouse.execute(conn, "report/elections", {"first_day": first_day, "last_day": last_day})]


def daily(conn, first_day: dt.date, last_day: dt.date, timezone: str, election_ids: list[str]) -> list[dict]:
    """A line of figures per local day (METRICS), first_day to last_day."""
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/daily_figures", {
        "first_day": first_day, "last_day": last_day, "timezone": timezone, "elections": election_ids})]


def history(conn, period: Period, election_ids: list[str]) -> list[dict]:
    return daily(conn, period.first_day - dt.timedelta(days=HISTORY_DAYS), period.last_day, period.timezone, election_ids)


def trends(period: Period, days: list[dict]) -> list[Trend]:
    """Each metric over the period against the same length of time before it: the day before, and
    the mean of the 7 and 30 days before (a week: the week before, the mean of the 4 before). A
    mean is over the days some window ran for, so the first weeks of monitoring are not compared
    with days never collected; a baseline with none is None (shown as a dash)."""
    by_day = {d["day"]: d for d in days}
    comparisons = COMPARISONS.get(period.kind, (("periode sebelumnya", period.days),))

    def seen(first: dt.date, n: int) -> list[dict]:
        return [d for i in range(n) if (d := by_day.get(first + dt.timedelta(days=i))) and d["collected"]]

    out = []
    for metric, label in METRICS.items():
        value = sum(d[metric] for d in seen(period.first_day, period.days))
        baselines = []
        for name, n in comparisons:
            before = seen(period.first_day - dt.timedelta(days=n), n)
            base = sum(d[metric] for d in before) * period.days / len(before) if before else None
            baselines.append((name, base, 100.0 * (value - base) / base if base else None))
        out.append(Trend(metric, label, value, tuple(baselines)))
    return out


def by_platform(conn, period: Period) -> list[dict]:
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/posts_by_platform",
                                                         {"start": period.start, "end": period.end})]


def quarantine(conn, period: Period) -> list[dict]:
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/quarantine_by_check",
                                                         {"start": period.start, "end": period.end})]
