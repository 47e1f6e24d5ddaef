"""The legal clock over Indonesia's real calendar: public holidays, collective leave (cuti
bersama) and a region's own day off, in the city's zone."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from netra.cases import workflow
from netra.cases.clock import Clock, DayOff, RegionalCalendar

WITA = ZoneInfo("Asia/Makassar")
FLOW, _ = workflow.load()
DEADLINE = {d.id: d for d in FLOW.deadlines}


@pytest.fixture(scope="module")
def clock():
    return Clock.load("Asia/Makassar")[0]


def test_fourteen_working_days_across_eid_and_its_collective_leave(clock):
    # Recommended on Monday 1 April 2024: Eid al-Fitr (10-11 April) and the collective leave
    # around it (8, 9, 12, 15 April) are not working days, so the PPK has until 29 April, not 19.
    recommended = dt.datetime(2024, 4, 1, 9, 30, tzinfo=WITA)
    assert [clock.is_working_day(dt.date(2024, 4, d)) for d in (5, 8, 9, 10, 11, 12, 15, 16)] == \
        [True, False, False, False, False, False, False, True]
    assert clock.due(DEADLINE["tindakan_ppk"], recommended) == dt.datetime(2024, 4, 30, tzinfo=WITA)
    assert Clock("Asia/Makassar").add(dt.date(2024, 4, 1), 14, "calendar") == dt.date(2024, 4, 15)


def test_a_regional_day_off_and_the_local_election_day_are_not_working_days(clock):
    assert not clock.is_working_day(dt.date(2024, 10, 17))       # the fictional city's anniversary
    assert Clock("Asia/Makassar").is_working_day(dt.date(2024, 10, 17))
    assert not clock.is_working_day(dt.date(2024, 11, 27))       # Pilkada voting day, a national holiday
    custom = Clock("Asia/Makassar", RegionalCalendar(region="X", days_off=[DayOff(date=dt.date(2024, 10, 18),
                                                                                   label="cuti daerah")]))
    assert custom.add(dt.date(2024, 10, 16), 2, "working") == dt.date(2024, 10, 21)


def test_calendar_deadlines_end_at_midnight_in_the_citys_zone(clock):
    # Found at 23:30 UTC on 19 November, which is already 20 November in Mataram.
    found = dt.datetime(2024, 11, 19, 23, 30, tzinfo=dt.timezone.utc)
    assert clock.due(DEADLINE["pengaduan"], found) == dt.datetime(2024, 11, 28, tzinfo=WITA)


def test_working_days_left_counts_down_then_below_zero(clock):
    due = dt.datetime(2024, 4, 30, tzinfo=WITA)                  # last day Monday 29 April
    assert clock.working_days_left(dt.datetime(2024, 4, 25, 12, tzinfo=WITA), due) == 2    # Fri 26, Mon 29
    assert clock.working_days_left(dt.datetime(2024, 4, 29, 16, tzinfo=WITA), due) == 0
    assert clock.working_days_left(dt.datetime(2024, 5, 2, 8, tzinfo=WITA), due) == -2     # Tue 30, Thu 2 (1 May off)
