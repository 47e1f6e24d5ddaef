"""Every task of every DAG has an execution_timeout: a hung API call or query fails the task (and
spends its retries) instead of holding a pool slot and its run forever."""
from __future__ import annotations

import datetime as dt

import pytest

from tests import airflow_env

pytestmark = pytest.mark.airflow


def test_every_task_has_a_sensible_execution_timeout():
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    dagbag = DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools())
    assert dagbag.import_errors == {} and dagbag.dags
    timeouts = {(dag_id, t.task_id): t.execution_timeout for dag_id, dag in dagbag.dags.items() for t in dag.tasks}
    assert all(limit is not None and dt.timedelta(0) < limit <= dt.timedelta(hours=1) for limit in timeouts.values()), timeouts
    assert timeouts[("netra_pipeline", "ingest_x")] == dt.timedelta(minutes=30)
    assert timeouts[("netra_pipeline", "plan")] == timeouts[("netra_pipeline", "publish")] == dt.timedelta(minutes=10)
    assert timeouts[("netra_report", "write")] == dt.timedelta(minutes=10)
