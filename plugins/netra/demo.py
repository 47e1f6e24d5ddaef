"""`make demo`: the whole sample campaign through real Airflow on this machine, then a summary.

It owns what it starts, under .netra/: the PostgreSQL cluster (warehouse and Airflow metadata),
Airflow's scheduler, dag-processor, triggerer and api-server (pids in .netra/run), their logs
(.netra/logs). `netra demo stop` stops exactly those. Running it again reuses what is running,
skips sample data that is already there, and backfills only runs that do not yet exist.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

from netra import paths, warehouse
from netra.cluster import Cluster, free_port

COMPONENTS = ("scheduler", "dag-processor", "triggerer", "api-server")
DAGS = ("netra_pipeline", "netra_report")
SEED = 7


def _say(msg: str) -> None:
    print(f"[netra demo] {msg}", flush=True)


def _cluster() -> Cluster:
    return Cluster(paths.state() / "pg")


def _secrets() -> dict:
    """Per-checkout Airflow secrets, generated once and kept in .netra/airflow/secrets.json (0600)."""
    path = paths.state() / "airflow" / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    from cryptography.fernet import Fernet

    path.parent.mkdir(parents=True, exist_ok=True)
    values = {"jwt_secret": secrets.token_urlsafe(64), "fernet_key": Fernet.generate_key().decode(),
              "admin_password": secrets.token_urlsafe(12), "api_port": free_port()}
    path.write_text(json.dumps(values, indent=2))
    os.chmod(path, 0o600)
    return values


def _fake_api(s: dict) -> dict:
    """Port and token of the sample's fake platform APIs (API mode), chosen once per checkout."""
    if "fake_api_port" not in s:
        s = {**s, "fake_api_port": free_port(), "fake_api_token": secrets.token_urlsafe(24)}
        path = paths.state() / "airflow" / "secrets.json"
        path.write_text(json.dumps(s, indent=2))
        os.chmod(path, 0o600)
    return s


def airflow_env(cluster: Cluster, source: str = "landing") -> dict:
    s = _fake_api(_secrets()) if source == "api" else _secrets()
    home = paths.state() / "airflow"
    (home / "plugins").mkdir(parents=True, exist_ok=True)
    passwords = home / "passwords.json"
    passwords.write_text(json.dumps({"admin": s["admin_password"]}))
    os.chmod(passwords, 0o600)
    base = f"http://127.0.0.1:{s['api_port']}"
    return {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(paths.home() / "dags"),
        # netra is installed into the environment; Airflow itself has no plugins to scan.
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(home / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "netra.executor.WarmLocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": os.environ.get("NETRA_DEMO_PARALLELISM", "6"),
        "AIRFLOW__API__WORKERS": os.environ.get("NETRA_DEMO_API_WORKERS", "1"),
        "AIRFLOW__CORE__FERNET_KEY": s["fernet_key"],
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
        "AIRFLOW__API__BASE_URL": base,
        "AIRFLOW__API__PORT": str(s["api_port"]),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API_AUTH__JWT_SECRET": s["jwt_secret"],
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": warehouse.url_from_airflow_conn(cluster.dsn("airflow")),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "AIRFLOW_CONN_NETRA_WAREHOUSE": cluster.dsn("netra"),
        "NETRA_LANDING_DIR": str(paths.state() / "sample" / "landing"),
        "NETRA_REPORT_DIR": str(paths.reports()),
        "GX_ANALYTICS_ENABLED": "false",
        "NETRA_SOURCE": source,
        **(_api_connections(s) if source == "api" else {}),
    }


def _api_connections(s: dict) -> dict:
    """The Airflow connections netra_<platform>, all pointing at the fake APIs."""
    conn = json.dumps({"conn_type": "http", "host": f"http://127.0.0.1:{s['fake_api_port']}", "login": "demo",
                       "password": s["fake_api_token"]})
    return {f"AIRFLOW_CONN_NETRA_{p.upper()}": conn for p in ("facebook", "instagram", "x", "youtube", "tiktok")}


def _airflow(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(Path(sys.executable).with_name("airflow")), *args], env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)} failed:\n{proc.stderr[-3000:] or proc.stdout[-3000:]}")
    return proc


def _pid_file(name: str) -> Path:
    return paths.state() / "run" / f"{name}.pid"


def _alive(name: str) -> int | None:
    try:
        pid = int(_pid_file(name).read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def _start_components(env: dict) -> None:
    (paths.state() / "run").mkdir(parents=True, exist_ok=True)
    (paths.state() / "logs").mkdir(parents=True, exist_ok=True)
    for name in COMPONENTS:
        if _alive(name):
            continue
        log = open(paths.state() / "logs" / f"{name}.log", "ab")
        proc = subprocess.Popen([str(Path(sys.executable).with_name("airflow")), name], env=env, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        _pid_file(name).write_text(str(proc.pid))
        _say(f"started airflow {name} (pid {proc.pid}, log .netra/logs/{name}.log)")


def current_source() -> str:
    """The source the running demo was started with (landing unless `make demo SOURCE=api`)."""
    mode_file = paths.state() / "run" / "source"
    return mode_file.read_text() if mode_file.exists() else "landing"


def _start_fake_api(env: dict) -> None:
    """The fake platform APIs over the sample's landing files, in a process of their own."""
    if _alive("fake-api"):
        return
    s = _fake_api(_secrets())
    log = open(paths.state() / "logs" / "fake-api.log", "ab")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "serve-api",
                             "--port", str(s["fake_api_port"])], env={**env, "NETRA_FAKE_API_TOKEN": s["fake_api_token"]},
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _pid_file("fake-api").write_text(str(proc.pid))
    _say(f"started the fake platform APIs on 127.0.0.1:{s['fake_api_port']} (pid {proc.pid}, log .netra/logs/fake-api.log)")


def stop() -> None:
    for name in (*COMPONENTS, "fake-api"):
        pid = _alive(name)
        if pid is None:
            continue
        os.killpg(pid, signal.SIGTERM)      # its own session: the component and the tasks it forked
        deadline = time.monotonic() + 30
        while _alive(name) and time.monotonic() < deadline:
            time.sleep(0.5)
        if _alive(name):
            os.killpg(pid, signal.SIGKILL)
        _pid_file(name).unlink(missing_ok=True)
        _say(f"stopped {name if name == 'fake-api' else 'airflow ' + name}")
    _say("PostgreSQL stopped" if _cluster().stop() else "PostgreSQL was not running")


def _sample_process(election_file: Path) -> subprocess.Popen | None:
    """Generate the sample in its own process (it takes the other core while Airflow starts),
    unless the same seed, generator and election file already produced it."""
    from netra.rules.election import load_election
    from netra.sample import GENERATOR_VERSION

    marker = paths.state() / "sample" / "sample.json"
    if marker.exists():
        have = json.loads(marker.read_text())
        if (have.get("seed"), have.get("generator_version"), have.get("election_sha256")) == \
                (SEED, GENERATOR_VERSION, load_election(election_file).sha256):
            _say(f"sample data already generated ({have['posts']:,} posts), reusing it")
            return None
        marker.unlink()
    _say("generating the fictional sample city and campaign in the background (about 40 s)")
    return subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "generate", "--seed", str(SEED),
                             "--out", str(paths.state() / "sample"), "--election", str(election_file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _meta_query(cluster: Cluster, sql: str, params=()) -> list:
    conn = psycopg2.connect(cluster.dsn("airflow"))
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


def _wait_for_dags(cluster: Cluster, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = {r[0] for r in _meta_query(cluster, "SELECT dag_id FROM dag WHERE dag_id = ANY(%s)", (list(DAGS),))}
        except psycopg2.Error:
            found = set()
        if found == set(DAGS):
            return
        time.sleep(2)
    raise RuntimeError("the dag-processor did not register the DAGs in time: see .netra/logs/dag-processor.log")


def _progress(cluster: Cluster, dag_id: str, run_type: str | None = None) -> dict:
    return dict(_meta_query(cluster, "SELECT state, count(*) FROM dag_run WHERE dag_id = %s "
                                     "AND (%s IS NULL OR run_type = %s) GROUP BY state", (dag_id, run_type, run_type)))


def _active_backfill(cluster: Cluster) -> bool:
    return bool(_meta_query(cluster, "SELECT 1 FROM backfill WHERE dag_id = 'netra_pipeline' AND completed_at IS NULL"))


def run(election_file: Path | None = None, source: str = "landing") -> int:
    from netra import registry
    from netra.rules.election import load_election

    started = time.monotonic()
    election_file = election_file or paths.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"
    election = load_election(election_file)
    cluster = _cluster()
    meta = cluster.start(databases=("netra", "airflow"))
    _say(f"PostgreSQL on 127.0.0.1:{meta['port']} (databases netra and airflow)")
    mode_file = paths.state() / "run" / "source"
    previous = current_source()
    if previous != source and any(_alive(n) for n in COMPONENTS):
        _say(f"switching from {previous} to {source}: restarting Airflow with the new source")
        for name in (*COMPONENTS, "fake-api"):
            if (pid := _alive(name)) is not None:
                os.killpg(pid, signal.SIGTERM)
                _pid_file(name).unlink(missing_ok=True)
        time.sleep(5)
    env = airflow_env(cluster, source)
    generating = _sample_process(election_file)
    _airflow(env, "db", "migrate")
    _airflow(env, "pools", "import", str(paths.include() / "airflow" / "pools.json"))
    url = warehouse.url_from_airflow_conn(cluster.dsn("netra"))
    warehouse.migrate(url)
    _start_components(env)
    _wait_for_dags(cluster)
    _airflow(env, "dags", "unpause", "--treat-dag-id-as-regex", "-y", "^netra_")
    if generating is not None and generating.wait() != 0:
        raise RuntimeError(f"sample generation failed:\n{generating.stderr.read()[-3000:]}")
    if source == "api":
        _start_fake_api(env)
    mode_file.parent.mkdir(parents=True, exist_ok=True)
    mode_file.write_text(source)
    sample = json.loads((paths.state() / "sample" / "sample.json").read_text())
    engine = warehouse.engine(url)
    registry.load_registry(engine, paths.state() / "sample" / "registry")
    registry.load_election_file(engine, election_file)
    _say(f"registry: {sample['opds']} OPDs, {sample['employees']:,} employees, {sample['accounts']:,} accounts; "
         f"sample campaign: {sample['posts']:,} posts")
    periods = election.election.periods
    first, last = periods.campaign[0], periods.voting_day
    tz = election.election.timezone
    from zoneinfo import ZoneInfo
    import datetime as dt

    offset = dt.datetime.combine(first, dt.time(), ZoneInfo(tz)).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    backfill_started = time.monotonic()
    done_before = _progress(cluster, "netra_pipeline", "backfill").get("success", 0)
    if _active_backfill(cluster):
        _say("an earlier backfill is still running: waiting for it instead of starting another")
    else:
        _airflow(env, "backfill", "create", "--dag-id", "netra_pipeline", "--from-date", f"{first}T00:00:00{offset}",
                 "--to-date", f"{last}T00:00:00{offset}", "--reprocess-behavior",
                 "completed" if previous != source else "failed", "--max-active-runs", "6")
    expected = (last - first).days + 1
    _say(f"backfill of {expected} daily windows ({first} to {last}) queued; the scheduler is running them")
    last_line = ""
    while True:
        runs = _progress(cluster, "netra_pipeline", "backfill")
        done = runs.get("success", 0) + runs.get("failed", 0)
        line = (f"pipeline runs: {runs.get('success', 0)} succeeded, {runs.get('failed', 0)} failed, "
                f"{runs.get('running', 0)} running, {runs.get('queued', 0)} queued of {expected}")
        if line != last_line:
            _say(f"{line}  ({time.monotonic() - started:.0f} s)")
            last_line = line
        if done >= expected and not runs.get("running") and not runs.get("queued") and not _active_backfill(cluster):
            break
        time.sleep(3)
    backfill_seconds = time.monotonic() - backfill_started
    while True:
        reports = _progress(cluster, "netra_report")
        if not reports.get("running") and not reports.get("queued"):
            break
        time.sleep(2)
    ran_now = runs.get("success", 0) - done_before
    _summary(engine, cluster, backfill_seconds if ran_now == expected else None, time.monotonic() - started, runs)
    return 1 if runs.get("failed") else 0


def _summary(engine, cluster, backfill_seconds: float | None, total_seconds: float, runs: dict) -> None:
    """What the warehouse holds now; throughput only when this invocation ran every window."""
    import sqlalchemy as sa

    with engine.connect() as conn:
        q = lambda s: conn.execute(sa.text(s)).all()  # noqa: E731
        posts = q("SELECT platform, count(*), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM core.post GROUP BY 1 ORDER BY 1")
        total = sum(r[1] for r in posts)
        rows_in = int(q("SELECT coalesce(sum(rows_in), 0) FROM ops.task_metric WHERE task_id = 'ingest'")[0][0])
        quarantine = q("SELECT r->>'check', count(*) FROM quarantine.record, jsonb_array_elements(reasons) r GROUP BY 1 ORDER BY 2 DESC")
        quarantined = q("SELECT count(*) FROM quarantine.record")[0][0]
        severity = q("SELECT owner_kind, coalesce(severity_discipline, '-'), count(*) FROM findings.finding GROUP BY 1, 2 ORDER BY 3 DESC")
        by_opd = q("SELECT coalesce(opd_name, 'unregistered account'), count(*) FROM mart.finding_list GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")
        opds = q("SELECT count(DISTINCT opd_code) FROM mart.finding_list WHERE opd_code IS NOT NULL")[0][0]
        links = q("SELECT count(*) FROM core.post_link")[0][0]
        versions = q("SELECT count(*) FROM (SELECT post_pk FROM core.post_version GROUP BY 1 HAVING count(*) > 1) v")[0][0]
        duplicates = int(q("SELECT coalesce(sum(duplicates), 0) FROM ops.task_metric WHERE task_id = 'upsert'")[0][0])
    s = _secrets()
    m = cluster.meta()
    print()
    print("=" * 78)
    print(f"Netra demo: {runs.get('success', 0)} daily runs succeeded, {runs.get('failed', 0)} failed")
    if backfill_seconds:
        print(f"  wall time {total_seconds:.0f} s in all; backfill {backfill_seconds:.0f} s for {rows_in:,} collected rows "
              f"= {rows_in / backfill_seconds:,.0f} rows/s ({total / backfill_seconds:,.0f} distinct posts/s)")
    else:
        print(f"  wall time {total_seconds:.0f} s; every window had already run, so the warehouse is as it was")
    print("\nPosts in core, per platform:")
    for platform, n, deleted in posts:
        print(f"  {platform:<10} {n:>9,}   (tombstoned {deleted:,})")
    print(f"  {'total':<10} {total:>9,}   from {rows_in:,} collected rows; duplicate sightings {duplicates:,}; "
          f"edited posts with more than one version {versions:,}; cross-post links {links:,}")
    print(f"\nQuarantined rows: {quarantined:,}")
    for check, n in quarantine:
        print(f"  {check:<24} {n:>6,}")
    print("\nFindings per owner and discipline-track severity:")
    for owner, sev, n in severity:
        print(f"  {owner:<14} {sev:<8} {n:>6,}")
    print(f"\nFindings per OPD (top 10 of {opds}):")
    for name, n in by_opd:
        print(f"  {name:<52} {n:>5,}")
    print(f"\nDaily HTML summaries: {paths.reports() / 'index.html'}")
    print(f"Airflow UI:  http://127.0.0.1:{s['api_port']}   login: admin / {s['admin_password']}")
    print(f"Warehouse:   psql \"postgresql://{m['user']}:{m['password']}@127.0.0.1:{m['port']}/netra\"")
    print("Stop everything this demo started:  make demo-stop")
    print("=" * 78)
