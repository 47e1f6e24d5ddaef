"""Report files are named by their window: a local day's report is daily-<day>.html, any other
window's window-<start>--<end>.html, so a manual two-day window never overwrites the day it
starts with, and a report run due for both writes both; a week's is weekly-<ISO year>-W<week>.
A run writes the windows its events name, unless their report was drawn from data read after the
event, and every window whose report is missing or older than its newest event (Airflow can leave
an event consumed by no run)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from netra.reports import files
from netra.window import Window
from tests.pipeline_helpers import TZ, day_window


def test_a_day_and_a_two_day_window_from_the_same_start_are_two_reports(tmp_path):
    day = day_window(dt.date(2024, 11, 26))
    two_days = Window(day.start, day.end + dt.timedelta(days=1))
    noon = Window(dt.datetime(2024, 11, 26, 12, tzinfo=TZ), dt.datetime(2024, 11, 27, 12, tzinfo=TZ))
    assert files.daily_path(tmp_path, day, "Asia/Makassar").name == "daily-2024-11-26.html"
    assert files.daily_path(tmp_path, two_days, "Asia/Makassar").name == "window-2024-11-26T0000--2024-11-28T0000.html"
    assert files.daily_path(tmp_path, noon, "Asia/Makassar").name == "window-2024-11-26T1200--2024-11-27T1200.html"
    now = dt.datetime.now(dt.timezone.utc)
    events = [(now, {"window": w.as_dict()}) for w in (day, two_days)]
    assert files.windows_due(events, [], tmp_path, "Asia/Makassar") == [day.as_dict(), two_days.as_dict()]


def test_weeks_are_iso_weeks_monday_to_sunday():
    assert files.weekly_path(Path("r"), dt.date(2024, 11, 18)).name == "weekly-2024-W47.html"
    assert files.weekly_path(Path("r"), dt.date(2024, 11, 24)).name == "weekly-2024-W47.html"
    assert files.weekly_path(Path("r"), dt.date(2024, 12, 30)).name == "weekly-2025-W01.html"


def _report(out, window, written_at: dt.datetime) -> None:
    path = files.daily_path(out, window, "Asia/Makassar")
    path.write_text("<html></html>")
    os.utime(path, (written_at.timestamp(), written_at.timestamp()))


def test_a_run_catches_up_windows_whose_event_no_run_consumed(tmp_path):
    event_at = dt.datetime(2026, 11, 30, 12, tzinfo=dt.timezone.utc)
    triggered, done, lost, rerun, drawn = (day_window(dt.date(2024, 11, d)) for d in (24, 25, 26, 27, 28))
    _report(tmp_path, triggered, event_at - dt.timedelta(seconds=1))
    _report(tmp_path, drawn, event_at + dt.timedelta(seconds=1))        # a catch-up drew it after the event
    _report(tmp_path, done, event_at + dt.timedelta(seconds=5))
    _report(tmp_path, rerun, event_at - dt.timedelta(seconds=5))     # the window's findings ran again since
    recent = [(event_at, {"window": w.as_dict()}) for w in (triggered, done, lost, rerun)]
    recent.append((event_at - dt.timedelta(days=1), {"window": done.as_dict()}))
    recent.append((event_at, {}))                                     # an event of another producer
    due = files.windows_due([(event_at, {"window": w.as_dict()}) for w in (triggered, drawn)], recent, tmp_path,
                            "Asia/Makassar")
    assert [Window.from_dict(w) for w in due] == [triggered, lost, rerun]
    assert files.windows_due([], [], tmp_path, "Asia/Makassar") == []
    with pytest.raises(ValueError, match="carries no window"):
        files.windows_due([(event_at, {"rows": 3})], [], tmp_path, "Asia/Makassar")
