"""A report's span: a window (a local day, or a manual window) or the ISO week around a day."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from netra.reports import files
from netra.window import Window

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal(day: dt.date, weekday: bool = False) -> str:
    """A date as Indonesians write it: Selasa, 26 November 2024."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text


@dataclass(frozen=True)
class Period:
    kind: str                    # harian | mingguan | jendela
    start: dt.datetime           # [start, end) in UTC
    end: dt.datetime
    first_day: dt.date           # the local days it covers, inclusive
    last_day: dt.date
    timezone: str
    title: str
    slug: str                    # file name without extension

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def zone_name(self) -> str:
        return self.zone_abbreviation(self.timezone, self.first_day)

    @staticmethod
    def zone_abbreviation(timezone: str, day: dt.date | None = None) -> str:
        """WITA, WIB, WIT (tzdata's names for Indonesia's zones) or the zone's own abbreviation."""
        at = dt.datetime.combine(day or dt.date.today(), dt.time(12), ZoneInfo(timezone))
        return at.tzname() or timezone


def of_window(window: Window, timezone: str) -> Period:
    zone = ZoneInfo(timezone)
    day = files.local_day(window, timezone)
    slug = files.daily_path(Path(), window, timezone).stem
    days = list(window.days(timezone))
    if day is not None:
        return Period("harian", window.start, window.end, day, day, timezone,
                      f"Laporan Harian {tanggal(day, weekday=True)}", slug)
    start, end = (t.astimezone(zone).strftime("%d-%m-%Y %H:%M") for t in (window.start, window.end))
    return Period("jendela", window.start, window.end, days[0], days[-1], timezone, f"Laporan Jendela {start} s.d. {end}", slug)


def week_of(day: dt.date, timezone: str) -> Period:
    zone = ZoneInfo(timezone)
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    year, week, _ = day.isocalendar()
    return Period("mingguan", dt.datetime.combine(monday, dt.time(), zone).astimezone(dt.timezone.utc),
                  dt.datetime.combine(sunday + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.timezone.utc),
                  monday, sunday, timezone,
                  f"Laporan Mingguan {year} minggu ke-{week} ({tanggal(monday)} s.d. {tanggal(sunday)})",
                  files.weekly_path(Path(), day).stem)
