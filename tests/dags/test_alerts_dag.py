"""Every DAG alerts through netra.alerts: a task that fails under dag.test() mails the local SMTP
server once, and a late window's Deadline Alert, created by Airflow for the run, mails when the
scheduler's deadline check finds it missed."""
from __future__ import annotations

import datetime as dt

import pytest

from netra import alerts
from tests import airflow_env
from tests.pipeline_helpers import TZ
from tests.test_alerts import RECIPIENTS, smtp_server  # noqa: F401  (the fixture)

pytestmark = pytest.mark.airflow

DAG_IDS = {"netra_pipeline", "netra_report", "netra_case_clock", "netra_retention", "netra_health"}


def _dagbag(monkeypatch, late_after_hours: str = "off"):
    monkeypatch.setenv("NETRA_LATE_AFTER_HOURS", late_after_hours)      # read when the files are parsed
    monkeypatch.setenv("AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL", "0")   # dag.test() stores this parse
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools())
    assert bag.import_errors == {}
    return bag


def test_every_task_of_every_dag_mails_when_it_finally_fails(monkeypatch):
    bag = _dagbag(monkeypatch)
    assert set(bag.dags) == DAG_IDS
    for dag in bag.dags.values():
        for task in dag.tasks:
            assert task.on_failure_callback in (alerts.task_failed, [alerts.task_failed]), (dag.dag_id, task.task_id)
            assert not task.on_retry_callback, (dag.dag_id, task.task_id)       # one mail per failed task


def test_with_netra_late_after_hours_off_no_dag_has_a_deadline(monkeypatch):
    assert all(not dag.deadline for dag in _dagbag(monkeypatch).dags.values())


def test_the_pipeline_and_the_report_have_deadline_alerts_that_mail(monkeypatch):
    from airflow.sdk import DeadlineReference, SyncCallback

    bag = _dagbag(monkeypatch, "2.5")
    [pipeline] = bag.dags["netra_pipeline"].deadline
    assert pipeline.reference == DeadlineReference.DAGRUN_LOGICAL_DATE
    assert pipeline.interval == dt.timedelta(days=1, hours=2.5)
    [report] = bag.dags["netra_report"].deadline
    assert report.reference == DeadlineReference.DAGRUN_QUEUED_AT and report.interval == dt.timedelta(hours=2.5)
    for deadline in (pipeline, report):
        assert deadline.callback == SyncCallback("netra.alerts.deadline_missed")


def test_deadlines_are_on_by_default_six_hours_late(monkeypatch):
    monkeypatch.delenv("NETRA_LATE_AFTER_HOURS")
    from netra import settings

    assert settings.late_after() == dt.timedelta(hours=6)


@pytest.fixture(scope="module")
def migrated():
    airflow_env.configure()
    airflow_env.migrate()


def test_a_failing_task_under_dag_test_mails_once(migrated, monkeypatch, smtp_server):  # noqa: F811
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_WAREHOUSE", raising=False)   # a configuration error: no retries
    dag = _dagbag(monkeypatch).dags["netra_case_clock"]
    run = dag.test(logical_date=dt.datetime(2024, 11, 20, 0, 30, tzinfo=TZ))

    assert run.state == "failed"
    [mail] = smtp_server.mails
    assert mail.to == RECIPIENTS
    assert mail.subject == "[Netra] netra_case_clock: task escalate_overdue failed (try 1)"
    assert "WarehouseConnectionError" in mail.body and run.run_id in mail.body
    assert "/dags/netra_case_clock/runs/" in mail.body and "try_number=1" in mail.body


def _missed_deadline_callbacks(run_id: str) -> list[dict]:
    """What the scheduler does each loop (SchedulerJobRunner: deadlines past their time and not yet
    missed are handled), for this run's deadlines; returns the callbacks it queued for the executor."""
    from airflow.models import DagRun, Deadline
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        due = session.scalars(select(Deadline).join(DagRun).where(DagRun.run_id == run_id)
                              .where(Deadline.deadline_time < dt.datetime.now(dt.timezone.utc))
                              .where(~Deadline.missed)).all()
        for deadline in due:
            deadline.handle_miss(session)
    with create_session() as session:
        missed = session.scalars(select(Deadline).join(DagRun).where(DagRun.run_id == run_id)
                                 .where(Deadline.missed)).all()
        return [dict(d.callback.data) for d in missed]


def _execute(callback: dict) -> None:
    """What the executor's callback supervisor does with a queued callback."""
    import structlog
    from airflow.sdk.execution_time.callback_supervisor import execute_callback

    ok, error = execute_callback(callback["path"], callback["kwargs"], dag_rel_path="", bundle_path=None,
                                 log=structlog.get_logger())
    assert ok, error


def test_a_late_window_raises_its_deadline_alert(migrated, monkeypatch, smtp_server):  # noqa: F811
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_WAREHOUSE", raising=False)
    dag = _dagbag(monkeypatch, "0.5").dags["netra_pipeline"]
    day = dt.datetime(2024, 11, 20, tzinfo=TZ)
    run = dag.test(logical_date=day)
    from airflow.models import DagRun, Deadline
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        [due] = session.scalars(select(Deadline.deadline_time).join(DagRun).where(DagRun.run_id == run.run_id)).all()
    # A scheduled or backfilled run's logical date is its window's start, so its deadline is the
    # window's end plus NETRA_LATE_AFTER_HOURS; dag.test() makes a manual run, whose logical date is
    # its window's end (the window is the day before it), so here the deadline is one day later.
    assert due == run.logical_date + dt.timedelta(days=1, minutes=30) == day + dt.timedelta(days=1, minutes=30)
    assert run.data_interval_end == day

    [callback] = _missed_deadline_callbacks(run.run_id)
    assert callback["path"] == "netra.alerts.deadline_missed"
    # dag.test() never queues its run, so the run counts as queued before its deadline passed (a
    # run queued after it, a backfill's, is only logged: tests/test_alerts.py).
    assert callback["kwargs"]["context"]["dag_run"]["queued_at"] is None
    smtp_server.mails.clear()                       # the failed tasks' own mails
    _execute(callback)
    [mail] = smtp_server.mails
    assert mail.to == RECIPIENTS
    assert mail.subject.startswith(f"[Netra] netra_pipeline: run {run.run_id} not finished by its deadline 2024-11-20T16:30:00")
    assert "2024-11-18T16:00:00Z to 2024-11-19T16:00:00Z" in mail.body                 # the window, in UTC
    assert _missed_deadline_callbacks(run.run_id) == [callback]                         # raised once


def test_a_window_whose_deadline_is_ahead_raises_nothing(migrated, monkeypatch, smtp_server):  # noqa: F811
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_WAREHOUSE", raising=False)
    dag = _dagbag(monkeypatch, "0.5").dags["netra_pipeline"]
    tomorrow = dt.datetime.now(TZ).replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    run = dag.test(logical_date=tomorrow)
    assert _missed_deadline_callbacks(run.run_id) == []
