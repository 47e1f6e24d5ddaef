"""Policy over every DAG in dags/: it imports, and it carries what operators rely on."""
from __future__ import annotations

import pytest

from tests import airflow_env

pytestmark = pytest.mark.airflow
TAGS = {"netra", "pipeline", "reporting", "cases", "retention", "health"}
# Each file of dags/ declares the one DAG named after it.
DAG_IDS = sorted(p.stem for p in (airflow_env.ROOT / "dags").glob("*.py"))


@pytest.fixture(scope="module")
def dagbag():
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools())


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", DAG_IDS)
def test_policy(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.doc_md and "Owner" in dag.doc_md
    assert set(dag.tags) <= TAGS and "netra" in dag.tags
    for t in dag.tasks:
        assert t.owner == "netra-data", t.task_id
        assert t.retries >= 1, t.task_id
        assert t.pool in airflow_env.known_pools() | {"default_pool"}, t.task_id


def test_pipeline_shows_every_step_of_netra_steps_in_order(dagbag):
    from netra import platforms, steps

    dag = dagbag.dags["netra_pipeline"]
    lanes = platforms.lanes()
    assert dag.get_task("plan").downstream_task_ids == {f"ingest_{lane}" for lane in lanes}
    for lane, pool in lanes.items():
        assert dag.get_task(f"ingest_{lane}").pool == pool
        assert dag.get_task(f"ingest_{lane}").downstream_task_ids == {steps.WINDOW_STEPS[0]}
    after = [*steps.WINDOW_STEPS, steps.PUBLISH]
    for name, following in zip(after, after[1:]):
        assert dag.get_task(name).downstream_task_ids == {following}, name
        assert dag.get_task(name).doc_md == steps.STEPS[name].__doc__       # each step's own docs in the UI
    assert not dag.get_task(steps.PUBLISH).downstream_task_ids
    assert [o.name for o in dag.get_task(steps.PUBLISH).outlets] == ["netra_findings"]
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.timetable.expression == "0 0 * * *" and "Asia/Makassar" in str(dag.timetable.timezone)
    assert not dag.catchup


def test_ingest_runs_the_configured_shards_of_each_platform_lane_and_one_of_intake(monkeypatch):
    airflow_env.configure()
    from airflow.dag_processing.dagbag import DagBag

    from netra import platforms

    monkeypatch.setenv("NETRA_INGEST_SHARDS", "3")
    dag = DagBag(dag_folder=str(airflow_env.ROOT / "dags" / "netra_pipeline.py"),
                 known_pools=airflow_env.known_pools()).dags["netra_pipeline"]
    shards = {lane: dag.get_task(f"ingest_{lane}").op_kwargs_expand_input.value["shard"] for lane in platforms.lanes()}
    assert shards == {**{p: [0, 1, 2] for p in platforms.NAMES}, platforms.INTAKE: [0]}
    assert dag.get_task("ingest_x").partial_kwargs["op_kwargs"]["shards"] == 3
