"""Report files are named by their window: a local day's report is daily-<day>.html, any other
window's window-<start>--<end>.html, so a manual two-day window never overwrites the day it
starts with, and a report run due for both writes both."""
from __future__ import annotations

import datetime as dt

from netra import report
from netra.window import Window
from tests.pipeline_helpers import TZ, day_window


def test_a_day_and_a_two_day_window_from_the_same_start_are_two_reports(tmp_path):
    day = day_window(dt.date(2024, 11, 26))
    two_days = Window(day.start, day.end + dt.timedelta(days=1))
    noon = Window(dt.datetime(2024, 11, 26, 12, tzinfo=TZ), dt.datetime(2024, 11, 27, 12, tzinfo=TZ))
    assert report.daily_path(tmp_path, day, "Asia/Makassar").name == "daily-2024-11-26.html"
    assert report.daily_path(tmp_path, two_days, "Asia/Makassar").name == "window-2024-11-26T0000--2024-11-28T0000.html"
    assert report.daily_path(tmp_path, noon, "Asia/Makassar").name == "window-2024-11-26T1200--2024-11-27T1200.html"
    events = [{"window": w.as_dict()} for w in (day, two_days)]
    assert report.windows_due(events, [], tmp_path, "Asia/Makassar") == [day.as_dict(), two_days.as_dict()]
