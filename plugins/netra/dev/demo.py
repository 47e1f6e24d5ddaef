"""`make demo`: the whole sample campaign through real Airflow on this machine, then a summary.

It owns what it starts, under .netra/: the PostgreSQL cluster (warehouse and Airflow metadata),
Airflow's scheduler, dag-processor, triggerer and api-server and, for `--source api`, the fake
platform APIs (pids in .netra/run, logs in .netra/logs). Each component leads a session of its
own, and everything it forks stays in that session (executor workers, task processes in process
groups of their own): `netra demo stop` stops exactly those sessions' processes, even when a
component died and left its children behind. The scheduler and triggerer serve no logs over HTTP
(the api-server reads the task logs from .netra/airflow/logs), so nothing listens beyond the
api-server's and PostgreSQL's loopback ports.

netra_pipeline stays paused unless `--unpause`. Airflow runs a backfill's runs only while their DAG
is unpaused, and unpausing a daily DAG whose catchup is off at once creates a run for the latest
real day. So the windows run with the scheduler's `use_job_schedule` off (it then creates no
scheduled and no Asset-triggered runs), after which the pipeline is paused again and the scheduler
restarted with schedules on; netra_report then consumes the queued findings events.

Running it again reuses what is running, skips sample data that is already there, and runs only
windows that have no successful run. A different source than the last run's starts from an empty
warehouse and Airflow database: two sources' fetches of one window would double its sightings.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg2

from netra import platforms, report, settings, warehouse
from netra.dev.cluster import Cluster, free_port, sweep_orphans
from netra.window import Window

COMPONENTS = ("scheduler", "dag-processor", "triggerer", "api-server")
DAGS = ("netra_pipeline", "netra_report")
SEED = 7
OWNER = "NETRA_DEMO_OWNER"
# Airflow's default log-server ports, all interfaces: the demo starts no log server, and checks.
WORKER_LOG_SERVER_PORT, TRIGGER_LOG_SERVER_PORT = 8793, 8794
REPORT_WAIT_S = 600


def _say(msg: str) -> None:
    print(f"[netra demo] {msg}", flush=True)


def _cluster() -> Cluster:
    return Cluster(settings.state() / "pg")


def _secrets_file() -> Path:
    return settings.state() / "airflow" / "secrets.json"


def _secrets() -> dict:
    """Per-checkout Airflow secrets, generated once and kept in .netra/airflow/secrets.json (0600)."""
    path = _secrets_file()
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
        _secrets_file().write_text(json.dumps(s, indent=2))
        os.chmod(_secrets_file(), 0o600)
    return s


def _passwords_file() -> Path:
    """Airflow's simple auth manager reads the admin's password from here."""
    return settings.state() / "airflow" / "passwords.json"


def airflow_env(cluster: Cluster, source: str = "landing") -> dict:
    s = _fake_api(_secrets()) if source == "api" else _secrets()
    home = settings.state() / "airflow"
    (home / "plugins").mkdir(parents=True, exist_ok=True)
    _passwords_file().write_text(json.dumps({"admin": s["admin_password"]}))
    os.chmod(_passwords_file(), 0o600)
    base = f"http://127.0.0.1:{s['api_port']}"
    return {
        **os.environ,
        OWNER: str(settings.state()),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.home() / "dags"),
        # netra is installed into the environment; Airflow itself has no plugins to scan.
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(home / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "netra.executor.WarmLocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": settings.demo_parallelism(),
        "AIRFLOW__API__WORKERS": settings.demo_api_workers(),
        "AIRFLOW__CORE__FERNET_KEY": s["fernet_key"],
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(_passwords_file()),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
        "AIRFLOW__API__BASE_URL": base,
        "AIRFLOW__API__PORT": str(s["api_port"]),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API_AUTH__JWT_SECRET": s["jwt_secret"],
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": warehouse.url_from_airflow_conn(cluster.dsn("airflow")),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # Task logs say what each task did (netra.tasks logs at INFO); the api-server does not log
        # every Execution API call.
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "AIRFLOW__LOGGING__NAMESPACE_LEVELS": "http.access=WARNING",
        "AIRFLOW_CONN_NETRA_WAREHOUSE": cluster.dsn("netra"),
        "NETRA_LANDING_DIR": str(settings.state() / "sample" / "landing"),
        "NETRA_REPORT_DIR": str(settings.reports()),
        "GX_ANALYTICS_ENABLED": "false",
        "NETRA_SOURCE": source,
        **(_api_connections(s) if source == "api" else {}),
    }


def _api_connections(s: dict) -> dict:
    """The Airflow connections netra_<platform>, all pointing at the fake APIs."""
    conn = json.dumps({"conn_type": "http", "host": f"http://127.0.0.1:{s['fake_api_port']}", "login": "demo",
                       "password": s["fake_api_token"]})
    return {f"AIRFLOW_CONN_NETRA_{p.upper()}": conn for p in platforms.NAMES}


def _airflow(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(Path(sys.executable).with_name("airflow")), *args], env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)} failed:\n{proc.stderr[-3000:] or proc.stdout[-3000:]}")
    return proc


# --- the processes the demo owns -------------------------------------------------------------

def _pid_file(name: str) -> Path:
    return settings.state() / "run" / f"{name}.pid"


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat from the state on (state, ppid, pgrp, session, ...); None when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for its parent."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _boot_id() -> str:
    return Path("/proc/sys/kernel/random/boot_id").read_text().strip()


def _record(name: str, pid: int, **extra) -> None:
    """The component's pid, with its start time and this boot's id, so that a pid the system has
    since given to another process is never taken for it."""
    _pid_file(name).write_text(json.dumps({"pid": pid, "start": _stat(pid)[19], "boot": _boot_id(), **extra}))


def _recorded(name: str) -> dict | None:
    """The component's record, unless its pid now belongs to another process."""
    try:
        rec = json.loads(_pid_file(name).read_text())
        fields, boot, start = _stat(rec["pid"]), rec["boot"], rec["start"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if boot != _boot_id() or (fields is not None and fields[19] != start) else rec


def _alive(name: str) -> int | None:
    rec = _recorded(name)
    return rec["pid"] if rec and _running(rec["pid"]) else None


def _environ(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return []


def _pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def _session_members(sessions: set[int]) -> list[int]:
    return [pid for pid in _pids() if (fields := _stat(pid)) and fields[0] != "Z" and int(fields[3]) in sessions]


def demo_processes() -> list[int]:
    """Every live process of this checkout's demo. Each component leads a session of its own, which
    its workers and tasks keep (a task's process group is its own, not its session); Linux gives a
    session's id to no other process while one of its members lives, so that holds even after the
    component died. The mark in the environment finds any that started a session of its own (but
    not a process that retitled itself, which overwrites its environment as /proc shows it)."""
    sessions = {rec["pid"] for name in (*COMPONENTS, "fake-api") if (rec := _recorded(name))}
    mark = f"{OWNER}={settings.state()}".encode()
    return sorted(set(_session_members(sessions)) | {pid for pid in _pids() if mark in _environ(pid)})


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (pids := [p for p in pids if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return pids


def terminate(pids: Iterable[int], grace: float = 30.0) -> list[int]:
    """SIGTERM the processes, then SIGKILL those still running after `grace` seconds; returns those."""
    stubborn = list(pids)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in stubborn:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        if sig == signal.SIGTERM and not (stubborn := _wait_gone(stubborn, grace)):
            break
    if left := _wait_gone(stubborn, grace):
        raise RuntimeError(f"processes {left} of this demo survived SIGKILL")
    return stubborn


def stop_processes(grace: float = 30.0) -> tuple[int, int]:
    """Stop every process the demo started and whatever they forked. Returns how many there were,
    and how many of them had to be killed."""
    pids = demo_processes()
    killed = terminate(pids, grace)
    for name in (*COMPONENTS, "fake-api"):
        _pid_file(name).unlink(missing_ok=True)
    return len(pids), len(killed)


def _listening(port: int) -> bool:
    """Whether any socket listens on the TCP port, on any address (the kernel's own tables)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                return True
    return False


def _ports() -> dict[str, int]:
    """The ports a demo of this checkout listens on, and Airflow's default log-server ports."""
    s = _secrets() if _secrets_file().exists() else {}
    ports = {"Airflow api-server": s.get("api_port"), "fake APIs": s.get("fake_api_port"),
             "Airflow log server": WORKER_LOG_SERVER_PORT, "triggerer log server": TRIGGER_LOG_SERVER_PORT,
             "PostgreSQL": _cluster().meta()["port"] if _cluster().meta_file.exists() else None}
    return {name: port for name, port in ports.items() if port}


def stop() -> None:
    n, killed = stop_processes()
    _say(f"stopped {n} processes (Airflow's components, their workers and tasks, the fake APIs)"
         + (f"; {killed} ignored SIGTERM and were killed" if killed else "") if n else "no demo process was running")
    _say("PostgreSQL stopped" if _cluster().stop() else "PostgreSQL was not running")
    busy = {name: port for name, port in _ports().items() if _listening(port)}
    if busy:
        _say("still listening, in processes this demo did not start: "
             + ", ".join(f"port {port} ({name})" for name, port in busy.items()))
    else:
        _say("nothing listens on its ports: " + ", ".join(str(p) for p in sorted(set(_ports().values()))))


def clean() -> None:
    """`make clean`: stop everything, delete the demo's cluster wherever its data lives, the data
    directories killed test sessions left in /var/tmp, and the state directory (.netra)."""
    stop()
    _cluster().destroy()
    for d in sweep_orphans():
        _say(f"removed {d}, the data of a cluster that no longer exists")
    shutil.rmtree(settings.state(), ignore_errors=True)
    _say(f"removed {settings.state()}")


def _stop_leftovers(name: str) -> None:
    """Stop what a dead component left running in its session, before its record is overwritten."""
    if (rec := _recorded(name)) and (left := _session_members({rec["pid"]})):
        _say(f"stopping {len(left)} processes the last {name} left behind")
        terminate(left)


def _start(name: str, env: dict, **extra) -> None:
    _stop_leftovers(name)
    (settings.state() / "run").mkdir(parents=True, exist_ok=True)
    (settings.state() / "logs").mkdir(parents=True, exist_ok=True)
    skip_log_server = ["--skip-serve-logs"] if name in ("scheduler", "triggerer") else []
    log = open(settings.state() / "logs" / f"{name}.log", "ab")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("airflow")), name, *skip_log_server], env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _record(name, proc.pid, **extra)
    _say(f"started airflow {name} (pid {proc.pid}, log .netra/logs/{name}.log)")


def _start_components(env: dict, schedules: bool) -> None:
    """Start what is not running; restart the scheduler when it runs with the other schedule mode."""
    for name in COMPONENTS:
        pid = _alive(name)
        if name == "scheduler" and pid and _recorded(name).get("schedules") != schedules:
            _say(f"restarting the scheduler with schedules {'on' if schedules else 'off'}")
            terminate(_session_members({pid}))
            pid = None
        if pid:
            continue
        if name == "scheduler":
            _start(name, {**env, "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": str(schedules)}, schedules=schedules)
        else:
            _start(name, env)


def _start_fake_api(env: dict) -> None:
    """The fake platform APIs over the sample's landing files, in a process of their own."""
    if _alive("fake-api"):
        return
    _stop_leftovers("fake-api")
    s = _fake_api(_secrets())
    log = open(settings.state() / "logs" / "fake-api.log", "ab")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "serve-api",
                             "--port", str(s["fake_api_port"])], env={**env, "NETRA_FAKE_API_TOKEN": s["fake_api_token"]},
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _record("fake-api", proc.pid)
    _say(f"started the fake platform APIs on 127.0.0.1:{s['fake_api_port']} (pid {proc.pid}, log .netra/logs/fake-api.log)")


# --- state between runs ----------------------------------------------------------------------

def _state_file() -> Path:
    return settings.state() / "demo.json"


def _last_source() -> str | None:
    """The source whose collection the demo's warehouse holds; None before the first run."""
    try:
        return json.loads(_state_file().read_text())["source"]
    except (OSError, ValueError, KeyError):
        return None


def current_source() -> str:
    """The source the demo runs with (landing unless `make demo SOURCE=api`)."""
    return _last_source() or "landing"


def switch_source(cluster: Cluster, source: str) -> bool:
    """Record `source` as the warehouse's. When the last run collected from the other source, first
    stop Airflow and empty the warehouse, Airflow's database, the reports and the task logs: the
    other source's fetches would stay beside this one's and double every window's sightings.
    Returns whether it emptied them."""
    previous = _last_source()
    if previous not in (None, source):
        _say(f"the warehouse holds the {previous} source's collection: stopping Airflow and starting {source} "
             "from an empty warehouse and Airflow database")
        stop_processes()
        for db in ("netra", "airflow"):
            cluster.drop_database(db)
            cluster.create_database(db)
        for d in (settings.reports(), settings.state() / "airflow" / "logs"):
            shutil.rmtree(d, ignore_errors=True)
    _state_file().write_text(json.dumps({"source": source}))
    return previous not in (None, source)


def _sample_process(election_file: Path) -> subprocess.Popen | None:
    """Generate the sample in its own process (it takes the other core while Airflow starts),
    unless the same seed, generator and election file already produced it."""
    from netra.rules.election import load_election
    from netra.dev.sample import GENERATOR_VERSION

    marker = settings.state() / "sample" / "sample.json"
    if marker.exists():
        have = json.loads(marker.read_text())
        if (have.get("seed"), have.get("generator_version"), have.get("election_sha256")) == \
                (SEED, GENERATOR_VERSION, load_election(election_file).sha256):
            _say(f"sample data already generated ({have['posts']:,} posts), reusing it")
            return None
        marker.unlink()
    _say("generating the fictional sample city and campaign in the background (about 40 s)")
    return subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "generate", "--seed", str(SEED),
                             "--out", str(settings.state() / "sample"), "--election", str(election_file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


# --- Airflow's metadata ----------------------------------------------------------------------

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


def _succeeded(cluster: Cluster, first: dt.datetime, last: dt.datetime) -> list[tuple[Window, dt.datetime]]:
    """The pipeline's successful windows starting in [first, last], each with the time its
    findings task started (a report written before then is not of those findings)."""
    rows = _meta_query(cluster, "SELECT dr.data_interval_start, dr.data_interval_end, ti.start_date FROM dag_run dr "
                                "JOIN task_instance ti ON ti.dag_id = dr.dag_id AND ti.run_id = dr.run_id "
                                "AND ti.task_id = 'findings' WHERE dr.dag_id = 'netra_pipeline' "
                                "AND dr.state = 'success' AND dr.data_interval_start BETWEEN %s AND %s", (first, last))
    return [(Window(start, end), started) for start, end, started in rows]


def _active_backfill(cluster: Cluster) -> int | None:
    rows = _meta_query(cluster, "SELECT max(id) FROM backfill WHERE dag_id = 'netra_pipeline' AND completed_at IS NULL")
    return rows[0][0]


def _backfill_runs(cluster: Cluster, backfill_id: int) -> dict:
    """States of the runs a backfill created or reprocessed (not those it skipped)."""
    return dict(_meta_query(cluster, "SELECT dr.state, count(*) FROM backfill_dag_run b JOIN dag_run dr "
                                     "ON dr.id = b.dag_run_id WHERE b.backfill_id = %s GROUP BY 1", (backfill_id,)))


def _reports_settled(cluster: Cluster) -> bool:
    """No findings event waits for netra_report, and no netra_report run waits or runs."""
    waiting = _meta_query(cluster, "SELECT (SELECT count(*) FROM asset_dag_run_queue WHERE target_dag_id = 'netra_report')"
                                   " + (SELECT count(*) FROM dag_run WHERE dag_id = 'netra_report' "
                                   "AND state IN ('queued', 'running'))")
    return not waiting[0][0]


def _wait_for_reports(cluster: Cluster) -> None:
    deadline = time.monotonic() + REPORT_WAIT_S
    while not _reports_settled(cluster) and time.monotonic() < deadline:
        time.sleep(2)


def missing_reports(out: Path, ran: Iterable[tuple[Window, dt.datetime]], timezone: str) -> list[str]:
    """Days of the windows that ran whose daily report is absent or older than the start of the
    window's findings task, so not written from those findings."""
    missing = []
    for window, findings_started in ran:
        path = report.daily_path(out, window, timezone)
        if not path.exists() or path.stat().st_mtime < findings_started.timestamp():
            missing.append(path.name[6:16])
    return sorted(missing)


# --- the run ---------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What one `make demo` did, for its summary."""

    windows: int                # the campaign's daily windows
    ran: int                    # windows this invocation ran (or reran after a failure)
    succeeded: int
    failed: int
    backfill_seconds: float
    total_seconds: float
    unpaused: bool
    missing_reports: list[str]


def run(election_file: Path | None = None, source: str = "landing", unpause: bool = False) -> int:
    from netra import registry
    from netra.rules.election import load_election

    started = time.monotonic()
    election_file = election_file or settings.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"
    election = load_election(election_file)
    cluster = _cluster()
    meta = cluster.start(databases=("netra", "airflow"))
    _say(f"PostgreSQL on 127.0.0.1:{meta['port']} (databases netra and airflow)")
    switch_source(cluster, source)
    env = airflow_env(cluster, source)
    generating = _sample_process(election_file)
    _airflow(env, "db", "migrate")
    pools = settings.state() / "airflow" / "pools.json"
    pools.write_text(json.dumps(platforms.pools(), indent=2))
    _airflow(env, "pools", "import", str(pools))
    url = warehouse.url_from_airflow_conn(cluster.dsn("netra"))
    warehouse.migrate(url)

    periods, tz = election.election.periods, election.election.timezone
    days = [periods.campaign[0] + dt.timedelta(days=i) for i in range((periods.voting_day - periods.campaign[0]).days + 1)]
    first, last = (dt.datetime.combine(d, dt.time(), ZoneInfo(tz)) for d in (days[0], days[-1]))
    backfill_id = _active_backfill(cluster)
    pending = backfill_id is not None or len(_succeeded(cluster, first, last)) < len(days)
    # Windows run with schedules off, so that unpausing the pipeline creates no run for today.
    _start_components(env, schedules=unpause or not pending)
    _wait_for_dags(cluster)
    _airflow(env, "dags", "unpause", "netra_report")
    if generating is not None and generating.wait() != 0:
        raise RuntimeError(f"sample generation failed:\n{generating.stderr.read()[-3000:]}")
    if source == "api":
        _start_fake_api(env)
    sample = json.loads((settings.state() / "sample" / "sample.json").read_text())
    engine = warehouse.engine(url)
    registry.load_registry(engine, settings.state() / "sample" / "registry")
    registry.load_election_file(engine, election_file)
    _say(f"registry: {sample['opds']} OPDs, {sample['employees']:,} employees, {sample['accounts']:,} accounts; "
         f"sample campaign: {sample['posts']:,} posts")

    backfill_started = time.monotonic()
    runs: dict = {}
    if pending:
        _airflow(env, "dags", "unpause", "netra_pipeline")
        if backfill_id is not None:
            _say("an earlier backfill is still running: waiting for it instead of starting another")
        else:
            _airflow(env, "backfill", "create", "--dag-id", "netra_pipeline", "--from-date", first.isoformat(),
                     "--to-date", last.isoformat(), "--reprocess-behavior", "failed", "--max-active-runs", "6")
            backfill_id = _active_backfill(cluster)
        to_run = _meta_query(cluster, "SELECT count(*) FROM backfill_dag_run WHERE backfill_id = %s "
                                      "AND dag_run_id IS NOT NULL", (backfill_id,))[0][0]
        _say(f"backfill of {to_run} of the {len(days)} daily windows ({days[0]} to {days[-1]}) queued; "
             "the scheduler is running them")
        last_line = ""
        while True:
            runs = _backfill_runs(cluster, backfill_id)
            line = (f"pipeline runs: {runs.get('success', 0)} succeeded, {runs.get('failed', 0)} failed, "
                    f"{runs.get('running', 0)} running, {runs.get('queued', 0)} queued of {to_run}")
            if line != last_line:
                _say(f"{line}  ({time.monotonic() - started:.0f} s)")
                last_line = line
            if _active_backfill(cluster) is None and not runs.get("running") and not runs.get("queued"):
                break
            time.sleep(3)
    else:
        _say(f"every one of the {len(days)} daily windows has already run")
    backfill_seconds = time.monotonic() - backfill_started

    if unpause:
        _airflow(env, "dags", "unpause", "netra_pipeline")
    else:
        _airflow(env, "dags", "pause", "netra_pipeline")
        _start_components(env, schedules=True)
    _say("waiting for netra_report to write the daily summaries")
    _wait_for_reports(cluster)
    ran = _succeeded(cluster, first, last)
    missing = missing_reports(settings.reports(), ran, tz)
    if missing:
        _say(f"{len(missing)} windows have no report yet: running netra_report once more to catch up")
        _airflow(env, "dags", "trigger", "netra_report")
        _wait_for_reports(cluster)
        missing = missing_reports(settings.reports(), ran, tz)
    outcome = Outcome(windows=len(days), ran=sum(runs.get(s, 0) for s in ("success", "failed")),
                      succeeded=runs.get("success", 0), failed=runs.get("failed", 0), backfill_seconds=backfill_seconds,
                      total_seconds=time.monotonic() - started, unpaused=unpause, missing_reports=missing)
    print(summary_text(engine, outcome))
    if missing:
        print(f"[netra demo] ERROR: no daily report for {len(missing)} window(s) that ran: {', '.join(missing)}; "
              "see .netra/airflow/logs/dag_id=netra_report", file=sys.stderr)
    failed_windows = len(days) - len(ran)
    if failed_windows:
        print(f"[netra demo] ERROR: {failed_windows} of the {len(days)} windows have no successful run; "
              "see the Airflow UI", file=sys.stderr)
    return 1 if missing or failed_windows else 0


def summary_text(engine, outcome: Outcome) -> str:
    """What the warehouse holds now, and where to look further. It names where the passwords are,
    never the passwords themselves: the summary ends up in terminals, CI logs and bug reports."""
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
    o = outcome
    lines = ["", "=" * 78]
    if o.ran:
        lines.append(f"Netra demo: {o.ran} of the {o.windows} daily windows ran now ({o.succeeded} succeeded, "
                     f"{o.failed} failed); {o.windows - o.ran} had run before")
    else:
        lines.append(f"Netra demo: every one of the {o.windows} daily windows had already run, "
                     "so the warehouse is as it was")
    if o.ran == o.windows and not o.failed:
        lines.append(f"  wall time {o.total_seconds:.0f} s in all; backfill {o.backfill_seconds:.0f} s for {rows_in:,} "
                     f"collected rows = {rows_in / o.backfill_seconds:,.0f} rows/s "
                     f"({total / o.backfill_seconds:,.0f} distinct posts/s)")
    else:
        lines.append(f"  wall time {o.total_seconds:.0f} s")
    lines.append("\nPosts in core, per platform:")
    lines += [f"  {platform:<10} {n:>9,}   (tombstoned {deleted:,})" for platform, n, deleted in posts]
    lines.append(f"  {'total':<10} {total:>9,}   from {rows_in:,} collected rows; duplicate sightings {duplicates:,}; "
                 f"edited posts with more than one version {versions:,}; cross-post links {links:,}")
    lines.append(f"\nQuarantined rows: {quarantined:,}")
    lines += [f"  {check:<24} {n:>6,}" for check, n in quarantine]
    lines.append("\nFindings per owner and discipline-track severity:")
    lines += [f"  {owner:<14} {sev:<8} {n:>6,}" for owner, sev, n in severity]
    lines.append(f"\nFindings per OPD (top 10 of {opds}):")
    lines += [f"  {name:<52} {n:>5,}" for name, n in by_opd]
    lines.append(f"\nDaily HTML summaries: {settings.reports() / 'index.html'}"
                 + (f"  (MISSING for {', '.join(o.missing_reports)})" if o.missing_reports else ""))
    lines.append("netra_pipeline: unpaused, its daily schedule is on" if o.unpaused else
                 "netra_pipeline: paused, so no daily run for today (make demo UNPAUSE=1 leaves it on)")
    lines.append(f"Airflow UI:  http://127.0.0.1:{_secrets()['api_port']}   user admin, password in "
                 f"{_passwords_file()}")
    lines.append('Warehouse:   psql "$(.venv/bin/netra db url)"   (both: .venv/bin/netra demo credentials)')
    lines.append("Stop everything this demo started:  make demo-stop")
    lines.append("=" * 78)
    return "\n".join(lines)


def credentials() -> str:
    """The Airflow login and the warehouse DSN, for whoever asks for them by name."""
    return (f"Airflow UI:  http://127.0.0.1:{_secrets()['api_port']}  user admin, password "
            f"{_secrets()['admin_password']}\nWarehouse:   {_cluster().dsn('netra')}")
