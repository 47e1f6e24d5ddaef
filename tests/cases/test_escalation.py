"""The legal clock kept by the warehouse, on real PostgreSQL: due dates in calendar or working days
across national holidays and collective leave (the same days netra.cases.clock counts), met when
the case reaches the deadline's state, escalated once when overdue, the direct superior flagged
when the examination lapsed; and the daily DAG's task for the run's day."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from netra import tasks
from netra.cases import escalation, workflow
from netra.cases.clock import Clock
from tests.cases.conftest import insert_case

pytestmark = pytest.mark.db
TZ = ZoneInfo("Asia/Makassar")
FLOW, _ = workflow.load()


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


@pytest.fixture
def case(flow_loaded):
    """A case of an employee who has a direct superior, discovered on 20 Nov 2024."""
    with flow_loaded.begin() as conn:
        return insert_case(conn, at(2024, 11, 20), supervised=True)


def step(engine, case_id, from_state, to_state, action, when):
    """A step at a chosen moment (the superuser may write `at`; desk logins may not)."""
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason, at) "
                             "VALUES (:c, :f, :t, :a, 'uji', :at)"),
                     {"c": case_id, "f": from_state, "t": to_state, "a": action, "at": when})


def deadlines(engine, case_id):
    with engine.connect() as conn:
        return {r.deadline_id: r for r in conn.execute(sa.text(
            "SELECT deadline_id, due_on, met_at IS NOT NULL AS met, ended, escalated_at IS NOT NULL AS escalated "
            "FROM cases.deadline WHERE case_id = :c"), {"c": case_id})}


def test_due_dates_count_working_days_across_holidays_like_the_clock(engine, case):
    step(engine, case, "baru", "terverifikasi", "verifikasi", at(2024, 11, 25))
    # 14 working days from Monday 16 Dec 2024 skip Christmas (25th), collective leave (26th) and
    # New Year's Day: the last day is 8 Jan 2025, not 3 Jan as weekdays alone would give.
    step(engine, case, "terverifikasi", "direkomendasikan", "rekomendasikan", at(2024, 12, 16))
    d = deadlines(engine, case)
    assert d["pengaduan"].due_on == dt.date(2024, 11, 27) and d["pengaduan"].ended == "met"
    assert d["verifikasi"].due_on == dt.date(2024, 12, 2) and d["verifikasi"].ended == "met"
    assert d["tindakan_ppk"].due_on == dt.date(2025, 1, 8) and not d["tindakan_ppk"].met
    ppk = next(x for x in FLOW.deadlines if x.id == "tindakan_ppk")
    clock, _ = Clock.load("Asia/Makassar")
    assert clock.add(dt.date(2024, 12, 16), ppk.days, ppk.unit) == dt.date(2025, 1, 8)


def test_overdue_deadlines_escalate_once_and_flag_the_superior_who_let_it_lapse(engine, case):
    assert escalation.escalate(engine, dt.date(2024, 11, 27))["escalated"] == 0     # its last day
    first = escalation.escalate(engine, dt.date(2024, 11, 28))
    assert first == {"escalated": 1, "superiors_flagged": 0, "by_deadline": {"pengaduan": 1}}
    assert escalation.escalate(engine, dt.date(2024, 11, 29))["escalated"] == 0     # once
    step(engine, case, "baru", "terverifikasi", "verifikasi", at(2024, 11, 28))
    step(engine, case, "terverifikasi", "direkomendasikan", "rekomendasikan", at(2024, 12, 16))
    assert escalation.escalate(engine, dt.date(2025, 1, 8))["escalated"] == 0
    lapsed = escalation.escalate(engine, dt.date(2025, 1, 9))
    assert lapsed["by_deadline"] == {"tindakan_ppk": 1} and lapsed["superiors_flagged"] == 1
    with engine.connect() as conn:
        flagged, superior = conn.execute(sa.text(
            "SELECT x.flagged_employee_id, e.supervisor_id FROM cases.escalation x JOIN cases.case c USING (case_id) "
            "JOIN registry.employee e ON e.employee_id = c.employee_id WHERE x.deadline_id = 'tindakan_ppk'")).one()
        audited = conn.execute(sa.text("SELECT count(*) FROM audit.event WHERE kind = 'escalation'")).scalar()
    assert flagged == superior and audited == 2


def test_a_lapse_after_the_examination_flags_nobody(engine, case):
    step(engine, case, "baru", "terverifikasi", "verifikasi", at(2024, 11, 21))
    step(engine, case, "terverifikasi", "direkomendasikan", "rekomendasikan", at(2024, 11, 22))
    step(engine, case, "direkomendasikan", "diperiksa", "periksa", at(2024, 11, 29))
    assert escalation.escalate(engine, dt.date(2025, 2, 1)) == {"escalated": 1, "superiors_flagged": 0,
                                                               "by_deadline": {"tindakan_ppk": 1}}


def test_the_daily_task_escalates_for_the_day_its_interval_ends_on(engine, case, monkeypatch):
    monkeypatch.setattr("netra.warehouse.engine", lambda url=None: engine)
    context = {"data_interval_start": at(2024, 11, 27, 0).replace(minute=30),
               "data_interval_end": at(2024, 11, 28, 0).replace(minute=30)}
    assert tasks.escalate_overdue(context)["by_deadline"] == {"pengaduan": 1}


def test_an_examination_recorded_after_the_last_day_does_not_spare_the_superior(engine, case):
    step(engine, case, "baru", "terverifikasi", "verifikasi", at(2024, 11, 21))
    step(engine, case, "terverifikasi", "direkomendasikan", "rekomendasikan", at(2024, 12, 16))
    step(engine, case, "direkomendasikan", "diperiksa", "periksa", at(2025, 1, 9))      # due 8 Jan
    late = escalation.escalate(engine, dt.date(2025, 1, 10))
    assert late == {"escalated": 1, "superiors_flagged": 1, "by_deadline": {"tindakan_ppk": 1}}


def test_the_daily_task_logs_the_trails_head_and_fails_at_once_when_it_breaks(engine, case, monkeypatch, caplog):
    monkeypatch.setattr("netra.warehouse.engine", lambda url=None: engine)
    context = {"data_interval_start": at(2024, 11, 27, 0), "data_interval_end": at(2024, 11, 28, 0)}
    with caplog.at_level("INFO", logger="netra.tasks"):
        head = tasks.escalate_overdue(context)["audit_head"]
    assert head and f"sha256 {head[1]}" in caplog.text
    with engine.begin() as conn:              # a superuser who switches the triggers off
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        conn.execute(sa.text("UPDATE audit.event SET actor = 'lain' WHERE event_id = :e"), {"e": head[0]})
    with pytest.raises(Exception, match=f"breaks at event {head[0]}"):
        tasks.escalate_overdue(context)
