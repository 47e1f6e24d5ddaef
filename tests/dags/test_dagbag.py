"""Policy over every DAG in dags/: it imports, and it carries what operators rely on."""
from __future__ import annotations

import pytest

from tests import airflow_env

pytestmark = pytest.mark.airflow
TAGS = {"netra", "pipeline", "reporting"}


@pytest.fixture(scope="module")
def dagbag():
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools())


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"netra_pipeline", "netra_report"}


@pytest.mark.parametrize("dag_id", ["netra_pipeline", "netra_report"])
def test_policy(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.doc_md and "Owner" in dag.doc_md
    assert set(dag.tags) <= TAGS and "netra" in dag.tags
    for t in dag.tasks:
        assert t.owner == "netra-data", t.task_id
        assert t.retries >= 1, t.task_id
        assert t.pool in airflow_env.known_pools() | {"default_pool"}, t.task_id


def test_pipeline_shape(dagbag):
    dag = dagbag.dags["netra_pipeline"]
    names = ("facebook", "instagram", "x", "youtube", "tiktok", "intake")
    order = [t.task_id for t in dag.topological_sort()]
    assert set(order[:-2]) == {f"{step}_{n}" for n in names for step in ("plan", "ingest")}
    assert order[-2:] == ["upsert", "findings"]
    for n in names:
        assert dag.get_task(f"plan_{n}").downstream_task_ids == {f"ingest_{n}"}
        assert dag.get_task(f"ingest_{n}").pool == ("netra_ingest" if n == "intake" else f"netra_api_{n}")
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.timetable.expression == "0 0 * * *" and "Asia/Makassar" in str(dag.timetable.timezone)
    assert not dag.catchup
