"""Is the pipeline still collecting what it should? Each check reads the ops views (include/sql/ops)
through one query (include/sql/health/<check>.sql) and gives a reading per platform, source or
suite against its threshold (include/rules/health.yaml, netra.health.thresholds). A reading over
its threshold is a breach; `check` returns the breaches, `alert` makes the one mail that lists
them, and the health page shows every reading."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from netra import alerts, warehouse
from netra.health.thresholds import Thresholds

# Names in long lists (stale accounts, cases) beyond this are counted, not named.
LISTED = 20


@dataclass(frozen=True)
class Check:
    query: str          # include/sql/health/<query>.sql
    label: str          # what operators read
    unit: str           # of the value: hours, accounts, ratio (0.50), share (5.0%), deadlines
    limit: str          # how the threshold reads, {} for its number


CHECKS = (
    Check("freshness", "Newest complete fetch", "hours", "at most {} hours ago"),
    Check("stale_accounts", "Watched accounts without a recent complete fetch", "accounts", "none"),
    Check("volume", "Posts seen against the 7-day median", "ratio", "at least {}"),
    Check("fetch_failures", "Failed fetches", "share", "at most {}"),
    Check("account_status", "Accounts private, not found or deleted", "accounts", "none"),
    Check("quarantine", "Rows quarantined", "share", "at most {}"),
    Check("data_quality", "Great Expectations failure rate", "share", "at most {}"),
    Check("cases_due", "Case deadlines overdue or due within the threshold's working days", "deadlines",
          "none due within {} working days"),
)


@dataclass(frozen=True)
class Reading:
    check: Check
    subject: str
    value: float | None
    threshold: float
    breached: bool
    detail: str


def params(as_of: dt.datetime, t: Thresholds, timezone: str) -> dict:
    """The queries' bound values: the period (windows ended in the `period_hours` before `as_of`),
    the local day before `as_of` (volume) and `as_of`'s own day (deadlines), and the thresholds."""
    today = as_of.astimezone(ZoneInfo(timezone)).date()
    return {"as_of": as_of, "since": as_of - dt.timedelta(hours=t.period_hours), "zone": timezone,
            "day": today - dt.timedelta(days=1), "today": today, "listed": LISTED,
            "max_age_hours": t.freshness.max_age_hours, "platform_hours": json.dumps(t.freshness.platforms),
            "account_max_age_hours": t.freshness.account_max_age_hours,
            "drop_ratio": t.volume.drop_ratio, "min_median": t.volume.min_median,
            "min_baseline_days": t.volume.min_baseline_days,
            "max_failed_share": t.fetch.max_failed_share, "min_fetches": t.fetch.min_fetches,
            "statuses": list(t.fetch.account_statuses),
            "max_rate": t.quarantine.max_rate, "min_rows": t.quarantine.min_rows,
            "max_failure_rate": t.data_quality.max_failure_rate,
            "working_days": t.cases.due_within_working_days}


def evaluate(engine, as_of: dt.datetime, thresholds: Thresholds, timezone: str) -> list[Reading]:
    """Every check's readings as of `as_of`, in CHECKS order, in one snapshot of the warehouse."""
    bound = params(as_of, thresholds, timezone)
    readings = []
    with engine.connect() as conn:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for c in CHECKS:
            readings += [Reading(c, r.subject, None if r.value is None else float(r.value), float(r.threshold),
                                 bool(r.breached), r.detail)
                         for r in warehouse.execute(conn, f"health/{c.query}", bound)]
    return readings


def check(engine, as_of: dt.datetime, thresholds: Thresholds, timezone: str) -> list[Reading]:
    """The readings that crossed their threshold."""
    return [r for r in evaluate(engine, as_of, thresholds, timezone) if r.breached]


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "none"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "ratio":
        return f"{value:.2f}"
    return f"{value:g} {unit}"


def limit(r: Reading) -> str:
    """The threshold as operators read it."""
    number = f"{r.threshold:g}" if r.check.unit not in ("share", "ratio") else shown(r.threshold, r.check.unit)
    return r.check.limit.format(number)


def alert(breaches: list[Reading], as_of: dt.datetime, timezone: str, page: str | None) -> alerts.Alert:
    """The one mail of a run: every breach with its value, threshold and what it concerns."""
    local = as_of.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M %Z")
    lines = [("As of", local)] + [
        (f"{b.check.label}: {b.subject}",
         f"{shown(b.value, b.check.unit)} (threshold: {limit(b)}); {b.detail}")
        for b in breaches]
    if page:
        lines.append(("Health page", page))
    return alerts.Alert(f"[Netra] health {local}: {len(breaches)} threshold(s) crossed", tuple(lines), None)
