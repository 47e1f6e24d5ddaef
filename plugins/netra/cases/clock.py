"""The legal clock: when a case's deadlines fall, counted in calendar days or in working days.

A working day is a weekday that is neither an Indonesian national holiday nor collective leave
(cuti bersama; both from the `holidays` package, which follows each year's joint decree) nor a
day off of the region (include/rules/cases/calendar.yaml). A deadline of N days from an event is
the end of the N-th such day after the event's day, in the city's zone.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field

from netra import settings
from netra.cases.workflow import Deadline
from netra.rules.datafile import Strict, load_yaml


class DayOff(Strict):
    date: dt.date
    label: str


class RegionalCalendar(Strict):
    region: str
    days_off: list[DayOff] = Field(default_factory=list)


def path() -> Path:
    return settings.rules_dir() / "cases" / "calendar.yaml"


@functools.lru_cache(maxsize=64)
def _national(year: int) -> dict[dt.date, str]:
    import holidays
    from holidays.constants import GOVERNMENT, PUBLIC

    return dict(holidays.country_holidays("ID", years=year, categories=(PUBLIC, GOVERNMENT)))


class Clock:
    def __init__(self, timezone: str, regional: RegionalCalendar | None = None):
        self.zone = ZoneInfo(timezone)
        self.regional = {d.date: d.label for d in (regional.days_off if regional else [])}

    @classmethod
    def load(cls, timezone: str | None = None, file: Path | None = None) -> tuple[Clock, str]:
        """The city's clock and the SHA-256 of its regional calendar (what the audit trail records)."""
        file = file or path()
        return cls(timezone or settings.timezone(), load_yaml(file, RegionalCalendar)), \
            hashlib.sha256(file.read_bytes()).hexdigest()

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in _national(day.year) and day not in self.regional

    def days_off(self, years: range) -> dict[dt.date, str]:
        """Every day off in those years that is not a weekend anyway, with its name: what the
        warehouse counts working days with (cases.day_off)."""
        found = {d: name for year in years for d, name in _national(year).items()}
        found.update((d, label) for d, label in self.regional.items() if d.year in years)
        return {d: found[d] for d in sorted(found) if d.weekday() < 5}

    def add(self, day: dt.date, days: int, unit: str) -> dt.date:
        """The `days`-th calendar or working day after `day`."""
        if unit == "calendar":
            return day + dt.timedelta(days=days)
        left = days
        while left:
            day += dt.timedelta(days=1)
            left -= self.is_working_day(day)
        return day

    def due(self, deadline: Deadline, since: dt.datetime) -> dt.datetime:
        """The moment a deadline that started at `since` runs out: the end of its last day."""
        last = self.add(since.astimezone(self.zone).date(), deadline.days, deadline.unit)
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), self.zone)

    def working_days_left(self, now: dt.datetime, due: dt.datetime) -> int:
        """Working days after today up to the last day of a deadline; when it has passed, minus
        the working days after that last day up to today."""
        today = now.astimezone(self.zone).date()
        last = (due - dt.timedelta(microseconds=1)).astimezone(self.zone).date()
        first, end, sign = (today, last, 1) if last >= today else (last, today, -1)
        return sign * sum(self.is_working_day(first + dt.timedelta(days=n)) for n in range(1, (end - first).days + 1))
