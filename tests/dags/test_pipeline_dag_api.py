"""The pipeline DAG run in-process with dag.test() through the API connectors, talking over HTTP
to the sample's fake platform APIs (netra.dev.sample.fakeapi), and a window interrupted halfway (the
APIs go down mid-run) then run again: nothing is duplicated and nothing is lost."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
import sqlalchemy as sa

from netra import warehouse
from netra.dev.sample.fakeapi import SampleApi, serve
from tests import airflow_env
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import TZ, load

pytestmark = [pytest.mark.airflow, pytest.mark.db]
TOKEN = "test-token"
DAYS = (dt.date(2024, 11, 22), dt.date(2024, 11, 23))


class Outage(SampleApi):
    """The sample APIs, down (HTTP 503) for every request after the first `up_for` while set."""

    up_for: int | None = None
    served = 0

    def answer(self, *args):
        self.served += 1
        if self.up_for is not None and self.served > self.up_for:
            return 503, {"error": {"code": 503, "message": "Service Unavailable"}}
        return super().answer(*args)


def _env(base: str) -> dict:
    conn = json.dumps({"conn_type": "http", "host": base, "login": "demo", "password": TOKEN})
    return {"NETRA_SOURCE": "api", "NETRA_API_ATTEMPTS": "2", "NETRA_API_MAX_WAIT_S": "0.01",
            **{f"AIRFLOW_CONN_NETRA_{p.upper()}": conn for p in ("facebook", "instagram", "x", "youtube", "tiktok")}}


def _count(engine, sql: str):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).all()


@pytest.fixture(scope="module")
def api_runs(new_db, short_sample, cluster):
    sample_dir, _ = short_sample
    api = Outage(sample_dir / "landing", "Asia/Makassar", TOKEN)
    server = serve(api)
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, sample_dir, SHORT_ELECTION)
    airflow_env.configure()
    env = {"AIRFLOW_CONN_NETRA_WAREHOUSE": url.replace("postgresql+psycopg2://", "postgresql://"),
           "NETRA_LANDING_DIR": str(sample_dir / "landing"), "NETRA_ELECTIONS_DIR": str(SHORT_ELECTION.parent),
           "NETRA_REPORT_DIR": str(sample_dir / "reports"), **_env(api.base_url)}
    os.environ.update(env)
    airflow_env.migrate()
    from airflow.dag_processing.dagbag import DagBag

    from netra import platforms, steps, tasks

    dag = DagBag(dag_folder=str(airflow_env.ROOT / "dags"), known_pools=airflow_env.known_pools()).dags["netra_pipeline"]
    states = [(day, dag.test(logical_date=dt.datetime.combine(day, dt.time(), TZ)).state) for day in DAYS]
    clean = _count(engine, "SELECT platform, post_id FROM core.post ORDER BY 1, 2")

    # The same first window again, with the APIs going down part of the way through its batches.
    window = {"data_interval_start": dt.datetime.combine(DAYS[0], dt.time(), TZ),
              "data_interval_end": dt.datetime.combine(DAYS[0] + dt.timedelta(days=1), dt.time(), TZ)}
    api.served, api.up_for = 0, 40
    planned = tasks.plan_run(window)
    api_batches = [b for lane in platforms.NAMES for b in planned[lane]]
    interrupted = [tasks.ingest_shard([b], 0, 1, window)[0] for b in api_batches]
    failed = _count(engine, "SELECT count(*) FROM ops.fetch_outcome WHERE status = 'failed'")[0][0]
    api.up_for = None
    for b in api_batches:
        tasks.ingest_shard([b], 0, 1, window)
    for step in steps.WINDOW_STEPS:
        tasks.window_step(step, window)
    yield engine, states, clean, failed, interrupted
    server.shutdown()
    for key in env:
        os.environ.pop(key, None)


def test_runs_through_the_connectors_succeed_with_an_outcome_for_every_account(api_runs):
    engine, states, *_ = api_runs
    assert [s for _, s in states] == ["success", "success"]
    outcomes = _count(engine, "SELECT status, count(*) FROM ops.fetch_outcome WHERE scope_kind = 'timeline' GROUP BY 1")
    assert dict(outcomes).keys() == {"fetched"} and dict(outcomes)["fetched"] > 20
    assert _count(engine, "SELECT count(*) FROM raw.fetch WHERE source = 'api' AND request::text LIKE '%test-token%'") == [(0,)]
    assert _count(engine, "SELECT count(DISTINCT p.platform) FROM core.post p JOIN core.sighting s USING (post_pk) "
                          "JOIN raw.payload USING (payload_id) JOIN raw.fetch f USING (fetch_id) WHERE f.source = 'api'") == [(5,)]


def test_an_interrupted_window_run_again_duplicates_nothing_and_loses_nothing(api_runs):
    engine, _, clean, failed, _ = api_runs
    assert failed > 0                                       # the outage did cut the first try short
    assert _count(engine, "SELECT count(*) FROM ops.fetch_outcome WHERE status = 'failed'") == [(0,)]
    assert _count(engine, "SELECT platform, post_id FROM core.post ORDER BY 1, 2") == clean
    assert _count(engine, "SELECT count(*) FROM (SELECT platform, post_id FROM core.post "
                          "GROUP BY 1, 2 HAVING count(*) > 1) d") == [(0,)]
