"""The one place a run's window is decided.

Scheduled and backfilled runs have a data interval; a manual or Asset-triggered run has none
and must name its window in params (`window_start`, `window_end`, ISO 8601 with offset). Anything
else fails loudly rather than guessing from the clock or the run id.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc


class WindowError(ValueError):
    pass


@dataclass(frozen=True)
class Window:
    start: dt.datetime
    end: dt.datetime

    def __post_init__(self):
        for t in (self.start, self.end):
            if t.tzinfo is None:
                raise WindowError(f"window bound {t.isoformat()} has no UTC offset")
        if self.end <= self.start:
            raise WindowError(f"window end {self.end.isoformat()} is not after start {self.start.isoformat()}")
        # Plain datetimes in UTC: Airflow hands over pendulum DateTimes, whose arithmetic with a
        # stdlib timezone can drop the offset (window.start - lookback came out naive).
        object.__setattr__(self, "start", dt.datetime.fromisoformat(self.start.astimezone(UTC).isoformat()))
        object.__setattr__(self, "end", dt.datetime.fromisoformat(self.end.astimezone(UTC).isoformat()))

    def days(self, tz: str) -> Iterator[dt.date]:
        """The local calendar days the window touches (the landing partitions it reads)."""
        zone = ZoneInfo(tz)
        day = self.start.astimezone(zone).date()
        last = (self.end - dt.timedelta(microseconds=1)).astimezone(zone).date()
        while day <= last:
            yield day
            day += dt.timedelta(days=1)

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, d: Mapping) -> Window:
        return cls(_parse(d["start"], "start"), _parse(d["end"], "end"))

    def __str__(self) -> str:
        return f"[{self.start.isoformat()}, {self.end.isoformat()})"


def _parse(value, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise WindowError(f"{name}={value!r} is not an ISO 8601 timestamp") from exc


def resolve(data_interval_start=None, data_interval_end=None, params: Mapping | None = None) -> Window:
    """Data interval if the run has one, else window_start/window_end params, else an error."""
    if data_interval_start is not None and data_interval_end is not None and data_interval_end > data_interval_start:
        return Window(_parse(data_interval_start, "data_interval_start"), _parse(data_interval_end, "data_interval_end"))
    params = params or {}
    if params.get("window_start") and params.get("window_end"):
        return Window(_parse(params["window_start"], "window_start"), _parse(params["window_end"], "window_end"))
    raise WindowError("this run has no data interval and no window_start/window_end params: "
                      "trigger it with -c '{\"window_start\": \"2024-10-01T00:00:00+08:00\", "
                      "\"window_end\": \"2024-10-02T00:00:00+08:00\"}' or use `airflow backfill create`")
