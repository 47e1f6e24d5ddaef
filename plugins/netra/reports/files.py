"""Where the reports live, which windows a report run must write, and replacing a file at once.

A local day's report is daily-<day>.html (and .pdf); any other window's window-<start>--<end>.html,
so a manual two-day window never overwrites the day it starts with; a week's is
weekly-<ISO year>-W<week>.html. The daily HTML is written last of a window's files, and each
report's files carry the time its data was read as their modification time, so the daily HTML's
presence and age say whether the window's reports are complete and drawn from data read after a
given findings event.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from netra.window import Window

# How many of the newest netra_findings events netra_report looks through for windows whose report
# is missing or stale: a campaign's windows several times over.
EVENTS_SCANNED = 1000


def local_day(window: Window, timezone: str) -> dt.date | None:
    """The local calendar day the window is exactly, if it is one."""
    start, end = (t.astimezone(ZoneInfo(timezone)) for t in (window.start, window.end))
    day = start.date()
    exact = start.time() == dt.time() and end.time() == dt.time() and end.date() == day + dt.timedelta(days=1)
    return day if exact else None


def daily_path(out: Path, window: Window, timezone: str) -> Path:
    """daily-YYYY-MM-DD.html for a local day; window-<start>--<end>.html for any other window."""
    day = local_day(window, timezone)
    if day is not None:
        return out / f"daily-{day.isoformat()}.html"
    start, end = (t.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H%M") for t in (window.start, window.end))
    return out / f"window-{start}--{end}.html"


def weekly_path(out: Path, day: dt.date) -> Path:
    """weekly-YYYY-Www.html: the ISO week (Monday to Sunday) holding the day."""
    year, week, _ = day.isocalendar()
    return out / f"weekly-{year}-W{week:02d}.html"


def _current(path: Path, event_at: dt.datetime) -> bool:
    """Whether the report at `path` was drawn from data read after the event."""
    return path.exists() and path.stat().st_mtime > event_at.timestamp()


def windows_due(triggered: Iterable[tuple[dt.datetime, Mapping | None]],
                recent: Iterable[tuple[dt.datetime, Mapping | None]], out: Path, timezone: str) -> list[dict]:
    """The windows a netra_report run writes: those its triggering events name, unless a report
    drawn from data read after the event is already there (a manual catch-up drew it), and any
    other whose report is missing or older than its newest event. Airflow can leave an Asset event
    unconsumed by any run; the next run (or a manual one) then still writes that window."""
    due: dict[Path, dict] = {}
    for event_at, extra in triggered:
        if "window" not in (extra or {}):
            raise ValueError(f"a triggering netra_findings event carries no window: {extra!r}")
        path = daily_path(out, Window.from_dict(extra["window"]), timezone)
        if not _current(path, event_at):
            due[path] = extra["window"]
    newest: dict[Path, tuple[dt.datetime, dict]] = {}
    for timestamp, extra in recent:
        if "window" in (extra or {}):
            path = daily_path(out, Window.from_dict(extra["window"]), timezone)
            if path not in newest or timestamp > newest[path][0]:
                newest[path] = (timestamp, extra["window"])
    for path, (timestamp, window) in newest.items():
        if path not in due and not _current(path, timestamp):
            due[path] = window
    return list(due.values())


def replace(path: Path, data: str | bytes) -> None:
    """Replace the file at once, so that no reader or concurrent run ever sees a torn file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """The report directory to this run alone: runs at once would each write a week and an index
    from what the other had not finished."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
