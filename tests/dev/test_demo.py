"""`make demo`'s own machinery: a summary without secrets, the check that every window that ran has
its report, netra_report's catch-up of unconsumed events, `make demo-stop` and `make clean`."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest

from netra.reports import files
from netra.dev.demo import environment, metadata, processes, run, summary, teardown
from netra.dev.cluster import OWNER_FILE, Cluster, sweep_orphans
from tests.pipeline_helpers import day_window


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A demo state directory (.netra) of its own."""
    path = tmp_path / "state"
    path.mkdir()
    monkeypatch.setenv("NETRA_STATE_DIR", str(path))
    monkeypatch.setenv("NETRA_REPORT_DIR", str(path / "reports"))
    return path


@pytest.mark.db
def test_summary_says_where_the_secrets_are_and_prints_none(state, engine, cluster):
    environment.airflow_env(cluster)                # writes the secrets and Airflow's passwords file
    secrets = environment.secrets()
    outcome = summary.Outcome(windows=64, ran=64, succeeded=64, failed=0, backfill_seconds=300.0,
                              total_seconds=360.0, unpaused=False, missing_reports=[],
                              health="34 readings, 0 over their threshold")
    text = summary.summary_text(engine, outcome)
    for secret in (secrets["admin_password"], secrets["jwt_secret"], secrets["fernet_key"], cluster.meta()["password"]):
        assert secret not in text
    assert str(environment.passwords_file()) in text and "netra db url" in text
    assert "64 of the 64 daily windows ran now (64 succeeded, 0 failed)" in text
    assert "netra_pipeline: paused" in text
    assert "health.html  (34 readings, 0 over their threshold)" in text


def _report(out, window, written_at: dt.datetime) -> None:
    path = files.daily_path(out, window, "Asia/Makassar")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<html></html>")
    os.utime(path, (written_at.timestamp(), written_at.timestamp()))


def test_missing_reports_names_windows_without_a_report_written_after_their_findings(tmp_path):
    findings_at = dt.datetime(2026, 11, 30, 12, tzinfo=dt.timezone.utc)
    written, stale, absent = (day_window(dt.date(2024, 11, d)) for d in (25, 26, 27))
    _report(tmp_path, written, findings_at + dt.timedelta(seconds=5))
    _report(tmp_path, stale, findings_at - dt.timedelta(days=1))     # from an earlier run of that window
    ran = [(w, findings_at) for w in (written, stale, absent)]
    assert metadata.missing_reports(tmp_path, ran, "Asia/Makassar") == ["2024-11-26", "2024-11-27"]
    assert metadata.missing_reports(tmp_path, ran[:1], "Asia/Makassar") == []


COMPONENT = textwrap.dedent("""
    import os, signal, sys, time
    import setproctitle
    children = []
    ready, done = os.pipe()
    for kind in ("worker", "task", "stubborn"):
        pid = os.fork()
        if pid == 0:
            if kind == "worker":                # retitling overwrites the environment /proc shows
                setproctitle.setproctitle("airflow worker -- LocalExecutor: <idle>")
            else:
                os.setpgid(0, 0)                # like a task process: a process group of its own
            if kind == "stubborn":
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            os.write(done, b".")                # set up: the test may look at it now
            while True:
                time.sleep(60)
        children.append(pid)
    got = b""
    while len(got) < len(children):
        got += os.read(ready, 3)
    print(" ".join(map(str, children)), flush=True)
    sys.stdin.read()
    os._exit(0)                                 # the component dies and leaves its children behind
""")


def _sleeper(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], env=env, start_new_session=True)


def test_stop_ends_every_process_of_the_demo_even_after_its_component_died(state, tmp_path):
    (state / "run").mkdir()
    component = subprocess.Popen([sys.executable, "-c", COMPONENT], start_new_session=True, text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 env={**os.environ, environment.OWNER: str(state)})
    children = [int(p) for p in component.stdout.readline().split()]
    processes._record("scheduler", component.pid)
    component.stdin.close()
    component.wait()
    mark = f"{environment.OWNER}={state}".encode()
    assert mark not in processes._environ(children[0]) and mark in processes._environ(children[1])
    bystanders = [_sleeper(dict(os.environ)),
                  _sleeper({**os.environ, environment.OWNER: str(tmp_path / "other-checkout")})]
    try:
        assert all(processes._running(p) for p in children)
        assert processes.demo_processes() == sorted(children)
        assert processes.stop_processes(grace=1) == (3, 1)         # the stubborn one needed SIGKILL
        assert not any(processes._running(p) for p in children)
        assert all(b.poll() is None for b in bystanders)      # not the demo's: left alone
        assert processes.demo_processes() == [] and not processes._pid_file("scheduler").exists()
    finally:
        for b in bystanders:
            b.kill()
            b.wait()


def test_a_pid_file_whose_pid_went_to_another_process_claims_nothing(state):
    (state / "run").mkdir()
    other = _sleeper(dict(os.environ))
    try:
        record = {"pid": other.pid, "start": "1", "boot": processes._boot_id()}
        processes._pid_file("scheduler").write_text(json.dumps(record))
        assert processes._alive("scheduler") is None and processes.demo_processes() == []
    finally:
        other.kill()
        other.wait()


def test_clean_deletes_the_clusters_data_wherever_it_lives_and_the_state_directory(state):
    cluster = Cluster(state / "pg")
    cluster.start(databases=("netra",))
    data = cluster.data_dir
    (state / "reports").mkdir()
    teardown.clean()
    assert cluster.pid() is None
    assert not data.exists() and not state.exists()
    if data.parent.name.startswith("netra-pg-"):              # as root, under /var/tmp: the 1 GB left behind before
        assert not data.parent.exists()


def test_sweep_removes_only_data_of_clusters_that_no_longer_exist(tmp_path):
    def scratch(name: str, base, postmaster: int | None = None):
        d = tmp_path / "scratch" / name
        (d / "pgdata").mkdir(parents=True)
        if base is not None:
            (d / OWNER_FILE).write_text(f'{{"base": "{base}"}}')
        if postmaster:
            (d / "pgdata" / "postmaster.pid").write_text(f"{postmaster}\n")
        return d

    live_base = tmp_path / "live"
    live_base.mkdir()
    orphan = scratch("netra-pg-orphan", tmp_path / "gone")
    in_use = scratch("netra-pg-inuse", live_base)
    (live_base / "cluster.json").write_text(f'{{"data_dir": "{in_use / "pgdata"}"}}')
    running = scratch("netra-pg-running", tmp_path / "gone-too", postmaster=os.getpid())
    unmarked = scratch("netra-pg-unmarked", None)
    other = scratch("someone-else", tmp_path / "gone")
    (tmp_path / "being-made").mkdir()                   # initdb running: no cluster.json yet
    being_made = scratch("netra-pg-being-made", tmp_path / "being-made")
    assert sweep_orphans(tmp_path / "scratch") == [orphan]
    assert not orphan.exists() and all(d.exists() for d in (in_use, running, unmarked, other, being_made))



def test_switching_source_starts_from_an_empty_warehouse_and_airflow_database(state):
    import psycopg2

    cluster = Cluster(state / "pg")
    cluster.start(databases=("netra", "airflow"))

    def tables(db: str) -> list:
        conn = psycopg2.connect(cluster.dsn(db))
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                return [r[0] for r in cur.fetchall()]
        finally:
            conn.close()

    def collect(db: str) -> None:
        conn = psycopg2.connect(cluster.dsn(db))
        with conn, conn.cursor() as cur:
            cur.execute("CREATE TABLE sighting (id int)")
        conn.close()

    try:
        assert run.switch_source(cluster, "landing") is False        # the first run keeps what is there
        for db in ("netra", "airflow"):
            collect(db)
        (state / "reports").mkdir()
        assert run.switch_source(cluster, "landing") is False
        assert tables("netra") == ["sighting"]
        assert run.switch_source(cluster, "api") is True
        assert tables("netra") == [] and tables("airflow") == [] and not (state / "reports").exists()
        assert run.current_source() == "api"
    finally:
        cluster.destroy()


def test_listening_reads_the_kernels_socket_tables():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        assert not teardown._listening(port)
        s.listen()
        assert teardown._listening(port)
    assert not teardown._listening(port)
