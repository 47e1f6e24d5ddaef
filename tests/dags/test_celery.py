"""One window of the short sample through netra_pipeline on the CeleryExecutor: Redis as broker, a
real scheduler, dag-processor and api-server, and an `airflow celery worker` consuming the queues
netra.platforms names, over a throwaway Airflow database; checked in the warehouse and in Airflow's
own records of who ran each task."""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
import sqlalchemy as sa

from netra import platforms, warehouse
from netra.dev.cluster import free_port
from netra.dev.demo import environment, processes
from netra.dev.demo.rest import AirflowApi
from tests import airflow_env
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load

pytestmark = [pytest.mark.airflow, pytest.mark.db]

WINDOW = {"window_start": "2024-11-20T00:00:00+08:00", "window_end": "2024-11-21T00:00:00+08:00"}
RUN_ID = "celery_window"
WORKER = "netra-test@%h"
COMPONENTS = ("api-server", "dag-processor", "scheduler")
# A guard against a hung run, not a measure: the run takes about a minute.
GIVE_UP_AFTER = 300


def _airflow(env: dict, *args: str) -> str:
    proc = subprocess.run([str(Path(sys.executable).with_name("airflow")), *args], env=env, capture_output=True,
                          text=True)
    assert proc.returncode == 0, f"airflow {' '.join(args)}:\n{proc.stderr[-3000:]}"
    return proc.stdout


def _wait(what: str, ready, started: dict[str, subprocess.Popen], logs: Path) -> None:
    """Until ready() holds; fails at once, with the logs, when one of the processes has died."""
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not ready():
        dead = [name for name, proc in started.items() if proc.poll() is not None]
        if dead or time.monotonic() > deadline:
            tails = {p.name: p.read_text(errors="replace")[-3000:] for p in sorted(logs.glob("*.log"))}
            why = f"{', '.join(dead)} exited" if dead else f"gave up waiting for {what}"
            pytest.fail(f"{why}; logs:\n" + "\n".join(f"--- {n}\n{t}" for n, t in tails.items()))
        time.sleep(1)


def _listens(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def celery_run(new_db, short_sample, cluster, tmp_path_factory):
    binary = processes.redis_binary()
    if binary is None:
        pytest.skip("no redis-server on this machine (Debian package redis-server; .ci/run installs it)")
    sample_dir, _ = short_sample
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, sample_dir, SHORT_ELECTION)
    tmp = tmp_path_factory.mktemp("celery")
    logs, metadata_db = tmp / "logs", f"airflow_{uuid.uuid4().hex[:8]}"
    logs.mkdir()
    cluster.create_database(metadata_db)
    redis_port, redis_password, api_port = free_port(), secrets.token_urlsafe(16), free_port()
    env = {**os.environ,
           "AIRFLOW_HOME": str(tmp / "home"),
           "AIRFLOW__CORE__DAGS_FOLDER": str(airflow_env.ROOT / "dags"),
           "AIRFLOW__CORE__PLUGINS_FOLDER": str(tmp / "home" / "plugins"),
           # The demo's Celery settings, with this test's broker and Airflow database.
           **environment.celery_settings(f"redis://:{redis_password}@127.0.0.1:{redis_port}/0",
                                         f"db+{cluster.dsn(metadata_db)}"),
           "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": warehouse.url_from_airflow_conn(cluster.dsn(metadata_db)),
           "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
           "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
           "AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__PORT": str(api_port), "AIRFLOW__API__WORKERS": "1",
           "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
           "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
           "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(tmp / "passwords.json"),
           # Only the run this test triggers: no scheduled runs, no Asset-triggered netra_report.
           "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
           "AIRFLOW_CONN_NETRA_WAREHOUSE": url.replace("postgresql+psycopg2://", "postgresql://"),
           "NETRA_LANDING_DIR": str(sample_dir / "landing"),
           "NETRA_ELECTIONS_DIR": str(SHORT_ELECTION.parent),
           "NETRA_REPORT_DIR": str(tmp / "reports")}
    admin_password = secrets.token_urlsafe(12)
    (tmp / "passwords.json").write_text(json.dumps({"admin": admin_password}))
    started: dict[str, subprocess.Popen] = {}

    def start(name: str, command: list[str]) -> None:
        with open(logs / f"{name}.log", "ab") as log:
            started[name] = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, start_new_session=True)

    airflow = str(Path(sys.executable).with_name("airflow"))
    meta = psycopg2.connect(cluster.dsn(metadata_db))
    meta.autocommit = True

    def query(sql: str, params=()) -> list[tuple]:
        with meta.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    try:
        start("redis", [binary, str(processes.redis_conf(tmp / "redis", redis_port, redis_password))])
        processes.wait_for_redis(redis_port, redis_password)
        _airflow(env, "db", "migrate")
        (tmp / "pools.json").write_text(json.dumps(platforms.pools()))
        _airflow(env, "pools", "import", str(tmp / "pools.json"))
        for name in COMPONENTS:
            start(name, [airflow, name, *(["--skip-serve-logs"] if name == "scheduler" else [])])
        start("celery-worker", [airflow, *processes.worker_command("4", WORKER)])
        _wait("netra_pipeline to be parsed", lambda: query(
            "SELECT 1 FROM serialized_dag WHERE dag_id = 'netra_pipeline'"), started, logs)
        _wait("the api-server", lambda: _listens(api_port), started, logs)
        # The demo's REST client (make demo pauses, unpauses and backfills through it)
        api = AirflowApi(env["AIRFLOW__API__BASE_URL"], admin_password)
        api.unpause("netra_pipeline")
        assert query("SELECT is_paused FROM dag WHERE dag_id = 'netra_pipeline'") == [(False,)]
        api.close()
        _airflow(env, "dags", "trigger", "netra_pipeline", "--run-id", RUN_ID, "--conf", json.dumps(WINDOW))
        _wait("the run to finish", lambda: query(
            "SELECT 1 FROM dag_run WHERE run_id = %s AND state IN ('success', 'failed')", (RUN_ID,)), started, logs)
        # A run ends when its last task does; the Celery task around it a moment later.
        _wait("Celery to record every task's end", lambda: not query(
            "SELECT 1 FROM task_instance ti LEFT JOIN celery_taskmeta c ON c.task_id = ti.external_executor_id "
            "WHERE ti.run_id = %s AND c.status IS DISTINCT FROM 'SUCCESS' AND c.status IS DISTINCT FROM 'FAILURE'",
            (RUN_ID,)), started, logs)
        yield {"engine": engine, "query": query, "worker_log": logs / "celery-worker.log",
               "state": query("SELECT state FROM dag_run WHERE run_id = %s", (RUN_ID,))[0][0]}
    finally:
        for proc in reversed(started.values()):
            processes.stop_session(proc.pid, grace=20)
            proc.wait()
        meta.close()
        cluster.drop_database(metadata_db)


def test_the_window_ran_and_loaded_the_warehouse(celery_run):
    assert celery_run["state"] == "success"
    with celery_run["engine"].connect() as conn:
        posts = conn.execute(sa.text("SELECT count(DISTINCT post_pk) FROM core.window_post "
                                     "WHERE window_start = :s"), {"s": WINDOW["window_start"]}).scalar()
        found = {r[0] for r in conn.execute(sa.text("SELECT DISTINCT platform FROM core.post"))}
        findings = conn.execute(sa.text("SELECT count(*) FROM findings.finding")).scalar()
    assert posts > 100 and findings > 0
    assert found == set(platforms.NAMES)


def test_every_task_ran_on_the_celery_worker_in_its_lanes_queue(celery_run):
    query = celery_run["query"]
    tis = query("SELECT task_id, map_index, state, queue, hostname, external_executor_id FROM task_instance "
                "WHERE run_id = %s", (RUN_ID,))
    ingest = {f"ingest_{lane}": queue for lane, queue in platforms.queues().items()}
    assert {t[0] for t in tis} >= set(ingest) | {"plan", "upsert", "judge", "publish"}
    assert all(t[2] == "success" for t in tis), [t[:3] for t in tis if t[2] != "success"]
    assert {(t[0], t[3]) for t in tis} == {(t[0], ingest.get(t[0], platforms.DEFAULT_QUEUE)) for t in tis}
    # The CeleryExecutor gives each task instance the id of the Celery task that ran it; Celery
    # recorded each one's outcome in Airflow's database (the result backend), and the worker logged it.
    ids = [t[5] for t in tis]
    assert all(ids)
    done = dict(query("SELECT task_id, status FROM celery_taskmeta WHERE task_id = ANY(%s)", (ids,)))
    assert done == {i: "SUCCESS" for i in ids}
    worker_log = celery_run["worker_log"].read_text(errors="replace")
    assert all(i in worker_log for i in ids)
    hosts = {t[4] for t in tis}
    assert len(hosts) == 1 and WORKER.replace("%h", hosts.pop()) in worker_log    # the worker's node name
