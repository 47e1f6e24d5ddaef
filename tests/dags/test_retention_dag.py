"""The retention DAG parsed without a running Airflow: one task that delegates to
netra.retention_task, daily in the city's zone, one run at a time, dry_run a param."""
from __future__ import annotations

import datetime as dt

import pytest

from tests import airflow_env

pytestmark = pytest.mark.airflow


@pytest.fixture(scope="module")
def dag():
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(airflow_env.ROOT / "dags" / "netra_retention.py"), known_pools=airflow_env.known_pools())
    assert bag.import_errors == {}
    return bag.dags["netra_retention"]


def test_one_task_with_a_timeout_and_retries(dag):
    assert [t.task_id for t in dag.tasks] == ["remove_expired"]
    task = dag.get_task("remove_expired")
    assert task.execution_timeout == dt.timedelta(minutes=30)
    assert task.retries >= 1 and task.owner == "netra-data"
    assert task.python_callable.__doc__


def test_daily_in_the_city_zone_one_run_at_a_time_and_a_dry_run_param(dag):
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.timetable.expression == "0 2 * * *" and "Asia/Makassar" in str(dag.timetable.timezone)
    assert not dag.catchup and dag.max_active_runs == 1
    assert dag.params["dry_run"] is False
    assert {"window_start", "window_end"} <= set(dag.params.keys())
    assert "retention.yaml" in dag.doc_md and "Owner" in dag.doc_md and "retention" in dag.tags


def test_the_dag_file_declares_and_delegates():
    source = (airflow_env.ROOT / "dags" / "netra_retention.py").read_text(encoding="utf-8")
    top = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert top == ["from __future__ import annotations", "import datetime as dt",
                   "from airflow.sdk import CronDataIntervalTimetable, Param, dag, task",
                   "from netra import alerts, settings      # names only: no I/O, nothing heavy"]
    assert "from netra import retention_task" in source
