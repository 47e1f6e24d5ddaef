"""The pipeline DAG run in-process with dag.test() over three sample days, checked in the warehouse."""
from __future__ import annotations

import datetime as dt
import os

import pytest
import sqlalchemy as sa

from netra import warehouse
from tests import airflow_env
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import TZ, load

pytestmark = [pytest.mark.airflow, pytest.mark.db]


@pytest.fixture(scope="module")
def dag_runs(new_db, short_sample, cluster):
    sample_dir, _ = short_sample
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, sample_dir, SHORT_ELECTION)
    airflow_env.configure()
    os.environ.update({"AIRFLOW_CONN_NETRA_WAREHOUSE": url.replace("postgresql+psycopg2://", "postgresql://"),
                       "NETRA_LANDING_DIR": str(sample_dir / "landing"),
                       "NETRA_ELECTIONS_DIR": str(SHORT_ELECTION.parent),
                       "NETRA_REPORT_DIR": str(sample_dir / "reports")})
    airflow_env.migrate()
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools()).dags["netra_pipeline"]
    states = []
    for day in (dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 25)):
        run = dag.test(logical_date=dt.datetime.combine(day, dt.time(), TZ))
        states.append((day, run.state, run.data_interval_start, run.data_interval_end))
    yield engine, states
    for key in ("AIRFLOW_CONN_NETRA_WAREHOUSE", "NETRA_LANDING_DIR", "NETRA_ELECTIONS_DIR", "NETRA_REPORT_DIR"):
        os.environ.pop(key, None)


def test_runs_succeed_on_daily_windows(dag_runs):
    _, states = dag_runs
    for day, state, start, end in states:
        assert state == "success", day
        assert end - start == dt.timedelta(days=1)
        assert start.astimezone(TZ).time() == dt.time(0)


def test_every_task_recorded_its_window(dag_runs):
    engine, states = dag_runs
    with engine.connect() as conn:
        metrics = conn.execute(sa.text("SELECT task_id, window_start, rows_in, rows_out FROM ops.task_metric")).all()
    for _, _, start, _ in states:
        mine = {m.task_id for m in metrics if m.window_start == start}
        assert {"ingest", "upsert", "findings"} <= mine
    assert all(m.rows_in >= m.rows_out for m in metrics if m.task_id == "ingest")


def test_warehouse_holds_posts_findings_and_marts(dag_runs):
    engine, states = dag_runs
    with engine.connect() as conn:
        per_window = dict(conn.execute(sa.text(
            "SELECT window_start, count(DISTINCT post_pk) FROM core.window_post GROUP BY 1")).all())
        platforms = {r[0] for r in conn.execute(sa.text("SELECT DISTINCT platform FROM core.post"))}
        findings = conn.execute(sa.text("SELECT count(*) FROM findings.finding")).scalar()
        mart = conn.execute(sa.text("SELECT count(*) FROM mart.findings_daily")).scalar()
    assert all(per_window.get(start, 0) > 100 for _, _, start, _ in states)
    assert platforms == {"facebook", "instagram", "x", "tiktok", "youtube"}
    assert findings > 0 and mart > 0
