"""The health DAG parsed without a running Airflow: one task that delegates to netra.health.task,
daily in the city's zone, with the failure alert, a timeout and retries; its callable judges a
warehouse and writes the page, and a thresholds file that fails validation fails it at once."""
from __future__ import annotations

import datetime as dt

import pytest

from netra import alerts
from netra.health import task as health_task
from netra.health import thresholds as health_thresholds
from tests import airflow_env

pytestmark = pytest.mark.airflow
AS_OF = dt.datetime(2024, 11, 28, 6, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(scope="module")
def dag():
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(airflow_env.ROOT / "dags" / "netra_health.py"), known_pools=airflow_env.known_pools())
    assert bag.import_errors == {}
    return bag.dags["netra_health"]


def test_one_task_with_the_alert_a_timeout_and_retries(dag):
    assert [t.task_id for t in dag.tasks] == ["check_health"]
    task = dag.get_task("check_health")
    assert task.on_failure_callback in (alerts.task_failed, [alerts.task_failed])
    assert task.execution_timeout == dt.timedelta(minutes=10)
    assert task.retries >= 1 and task.owner == "netra-data"
    assert task.python_callable.__doc__


def test_daily_in_the_city_zone_one_run_at_a_time(dag):
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.timetable.expression == "0 6 * * *" and "Asia/Makassar" in str(dag.timetable.timezone)
    assert not dag.catchup and dag.max_active_runs == 1
    assert {"window_start", "window_end"} <= set(dag.params.keys())
    assert "health.yaml" in dag.doc_md and "Owner" in dag.doc_md and "netra_findings" in dag.doc_md


def test_the_dag_file_declares_and_delegates():
    source = (airflow_env.ROOT / "dags" / "netra_health.py").read_text(encoding="utf-8")
    top = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert top == ["from __future__ import annotations", "import datetime as dt",
                   "from airflow.sdk import CronDataIntervalTimetable, Param, dag, task",
                   "from netra import alerts, settings      # names only: no I/O, nothing heavy"]
    assert "from netra.health.task import run" in source


@pytest.mark.db
def test_the_task_callable_judges_the_warehouse_and_writes_the_page(db_url, monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", db_url)
    monkeypatch.setenv("NETRA_REPORT_DIR", str(tmp_path))
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_ALERTS", raising=False)
    caplog.set_level("INFO", logger="netra.health.task")
    result = health_task.run({"data_interval_start": AS_OF - dt.timedelta(days=1), "data_interval_end": AS_OF})
    assert result == {"as_of": "2024-11-27T22:00:00+00:00", "readings": 1, "page": str(tmp_path / "health.html"),
                      "mailed": False, "breaches": []}
    assert "health as of 2024-11-27T22:00:00+00:00: 1 readings, 0 over their threshold" in caplog.text
    assert "No threshold crossed." in (tmp_path / "health.html").read_text(encoding="utf-8")


@pytest.mark.db
def test_a_bad_thresholds_file_fails_at_once(db_url, monkeypatch, tmp_path):
    from airflow.sdk.exceptions import AirflowFailException

    bad = tmp_path / "health.yaml"
    bad.write_text("period_hours: -1\n", encoding="utf-8")
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", db_url)
    monkeypatch.setattr(health_thresholds, "FILE", str(bad))
    with pytest.raises(AirflowFailException, match="RulesFileError: .*health.yaml: period_hours: Input should be greater than 0"):
        health_task.run({"data_interval_start": AS_OF - dt.timedelta(days=1), "data_interval_end": AS_OF})
