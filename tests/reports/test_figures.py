"""The trend of a report's figures: against the day before and the mean day of the 7 and 30 days
before, over the days some window ran for only (before monitoring began nothing is known, which
is not zero); and the day's figures counted from the base tables."""
from __future__ import annotations

import datetime as dt

import pytest

from netra.reports import figures
from netra.reports.period import of_window
from tests.pipeline_helpers import day_window
from tests.cases.conftest import q
from tests.reports.conftest import DAYS

TZ = "Asia/Makassar"


def _day(day: dt.date, findings: int, collected: bool = True) -> dict:
    return {"day": day, "collected": collected, "posts": 10 * findings, "findings": findings, "reviews": 0,
            "escalated": 0, "partisan_opd_posts": 0, "cases_opened": 0}


def test_means_are_over_the_days_collected_and_none_before_monitoring():
    today = dt.date(2024, 11, 20)
    days = [_day(today - dt.timedelta(days=n), 0, collected=False) for n in range(30, 3, -1)]
    days += [_day(today - dt.timedelta(days=n), f) for n, f in ((3, 2), (2, 4), (1, 6))] + [_day(today, 9)]
    [trend] = [t for t in figures.trends(of_window(day_window(today), TZ), days) if t.metric == "findings"]
    assert trend.value == 9
    assert trend.baselines == (("kemarin", 6.0, 50.0), ("rerata 7 hari", 4.0, 125.0), ("rerata 30 hari", 4.0, 125.0))
    first = [t for t in figures.trends(of_window(day_window(today), TZ), [_day(today, 9)]) if t.metric == "findings"]
    assert [b[1] for b in first[0].baselines] == [None, None, None]


@pytest.mark.db
def test_a_days_figures_are_those_of_its_windows(reports_db):
    with reports_db.connect() as conn:
        ids = [e for e, _ in figures.elections(conn, DAYS[0], DAYS[-1])]
        lines = {d["day"]: d for d in figures.daily(conn, DAYS[0] - dt.timedelta(days=2), DAYS[-1], TZ, ids)}
    assert [d for d, line in lines.items() if line["collected"]] == list(DAYS)
    for day in DAYS:
        w = day_window(day)
        [(posts,)] = q(reports_db, "SELECT count(DISTINCT post_pk) FROM core.window_post "
                                   "WHERE window_start = :s AND window_end = :e", s=w.start, e=w.end)
        [(breach, review)] = q(reports_db, "SELECT count(*) FILTER (WHERE disposition = 'breach'), "
                                           "count(*) FILTER (WHERE disposition = 'review') FROM findings.finding "
                                           "WHERE window_start = :s AND window_end = :e", s=w.start, e=w.end)
        assert (lines[day]["posts"], lines[day]["findings"], lines[day]["reviews"]) == (posts, breach, review)
    assert sum(line["posts"] for line in lines.values()) > 0
