"""`make demo`'s run: the embedded PostgreSQL cluster (warehouse and Airflow metadata), the
sample, Airflow's database and pools, its components; then the campaign's windows as one
backfill, netra_report's daily summaries, and the summary.

netra_pipeline stays paused unless `--unpause`. Airflow runs a backfill's runs only while their DAG
is unpaused, and unpausing a daily DAG whose catchup is off at once creates a run for the latest
real day. So the windows run with the scheduler's `use_job_schedule` off (it then creates no
scheduled and no Asset-triggered runs), a manual netra_report run writes their reports, and then
the pipeline is paused again and the scheduler restarted with schedules on; netra_report then
consumes the queued findings events, whose reports are current. Pausing, unpausing, the backfill
and the report run go through Airflow's REST API (`rest.py`).

With `--executor celery` the same components run the tasks on Celery instead of the
LocalExecutor: Debian's redis-server as broker, task states in Airflow's database, and one
`airflow celery worker` consuming every queue (each ingest lane's and the default one).

Running it again reuses what is running (restarting what ran on the other executor), skips
sample data that is already there, and runs only windows that have no successful run. A different source than the last run's starts from an empty
warehouse and Airflow database: two sources' fetches of one window would double its sightings.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from netra import platforms, schema, settings, warehouse
from netra.dev.cluster import Cluster
from netra.dev.demo import environment, logins, metadata, say
from netra.dev.demo.rest import AirflowApi
from netra.dev.demo.processes import start_components, start_fake_api, stop_processes
from netra.dev.demo.summary import Outcome, summary_text

SEED = 7


def _airflow(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(Path(sys.executable).with_name("airflow")), *args], env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)} failed:\n{proc.stderr[-3000:] or proc.stdout[-3000:]}")
    return proc


def _health_log() -> Path:
    return settings.state() / "logs" / "netra_health.log"


def _health(env: dict, window_end: dt.datetime) -> subprocess.Popen:
    """netra_health's task, run by Airflow for the day that ends at `window_end` (plus the six hours
    of its schedule), started in the background with its output in .netra/logs/netra_health.log
    (_health_reading() waits for it): `airflow tasks test` runs it at once, paused and with no run
    of the DAG's own, whose checks as of today would find the sample's 2024 accounts all stale."""
    as_of = window_end + dt.timedelta(hours=6)
    params = {"window_start": (as_of - dt.timedelta(days=1)).isoformat(), "window_end": as_of.isoformat()}
    _health_log().parent.mkdir(parents=True, exist_ok=True)
    with _health_log().open("w") as out:
        return subprocess.Popen([str(Path(sys.executable).with_name("airflow")), "tasks", "test", "netra_health",
                                 "check_health", as_of.isoformat(), "--task-params", json.dumps(params)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)


def _health_reading(proc: subprocess.Popen) -> str:
    """What netra_health found ("34 readings, 0 over their threshold"), once its task has ended."""
    proc.wait()
    text = _health_log().read_text(errors="replace")
    found = re.search(r"health as of \S+: (\d+ readings, \d+ over their threshold)", text)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"netra_health failed (.netra/logs/netra_health.log):\n{text[-3000:]}")
    return found.group(1)


def current_source() -> str:
    """The source the demo runs with (landing unless `make demo SOURCE=api`)."""
    return environment.recorded("source") or "landing"


def switch_source(cluster: Cluster, source: str, executor: str = "local") -> bool:
    """Record `source` as the warehouse's (and the executor this run uses). When the last run
    collected from the other source, first stop Airflow and empty the warehouse, Airflow's
    database, the reports and the task logs: the other source's fetches would stay beside this
    one's and double every window's sightings. Returns whether it emptied them."""
    previous = environment.recorded("source")
    if previous not in (None, source):
        say(f"the warehouse holds the {previous} source's collection: stopping Airflow and starting {source} "
            "from an empty warehouse and Airflow database")
        stop_processes()
        for db in ("netra", "airflow"):
            cluster.drop_database(db)
            cluster.create_database(db)
        for d in (settings.reports(), settings.state() / "airflow" / "logs"):
            shutil.rmtree(d, ignore_errors=True)
    environment.state_file().write_text(json.dumps({"source": source, "executor": executor}))
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
            say(f"sample data already generated ({have['posts']:,} posts), reusing it")
            return None
        marker.unlink()
    say("generating the fictional sample city and campaign in the background (about 40 s)")
    return subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "generate", "--seed", str(SEED),
                             "--out", str(settings.state() / "sample"), "--election", str(election_file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run(election_file: Path | None = None, source: str = "landing", unpause: bool = False,
        executor: str = "local") -> int:
    from netra import registry
    from netra.rules.election import load_election

    started = time.monotonic()
    election_file = election_file or settings.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"
    election = load_election(election_file)
    cluster = environment.cluster()
    meta = cluster.start(databases=("netra", "airflow"))
    say(f"PostgreSQL on 127.0.0.1:{meta['port']} (databases netra and airflow)")
    switch_source(cluster, source, executor)
    env = environment.airflow_env(cluster, source, executor)
    generating = _sample_process(election_file)
    _airflow(env, "db", "migrate")
    pools = settings.state() / "airflow" / "pools.json"
    pools.write_text(json.dumps(platforms.pools(), indent=2))
    _airflow(env, "pools", "import", str(pools))
    url = warehouse.url_from_airflow_conn(cluster.dsn("netra"))
    schema.migrate(url)

    periods, tz = election.election.periods, election.election.timezone
    days = [periods.campaign[0] + dt.timedelta(days=i) for i in range((periods.voting_day - periods.campaign[0]).days + 1)]
    first, last = (dt.datetime.combine(d, dt.time(), ZoneInfo(tz)) for d in (days[0], days[-1]))
    backfill_id = metadata.active_backfill(cluster)
    pending = backfill_id is not None or len(metadata.succeeded(cluster, first, last)) < len(days)
    # Windows run with schedules off, so that unpausing the pipeline creates no run for today.
    environment.desk_plugin()
    start_components(env, schedules=unpause or not pending, executor=executor)
    metadata.wait_for_dags(cluster)
    api = AirflowApi(env["AIRFLOW__API__BASE_URL"], json.loads(environment.passwords_file().read_text())["admin"])
    api.unpause("netra_report")
    if generating is not None and generating.wait() != 0:
        raise RuntimeError(f"sample generation failed:\n{generating.stderr.read()[-3000:]}")
    if source == "api":
        start_fake_api(env)
    sample = json.loads((settings.state() / "sample" / "sample.json").read_text())
    engine = warehouse.engine(url)
    registry.load_registry(engine, settings.state() / "sample" / "registry", environment.pseudonym_key())
    registry.load_election_file(engine, election_file)
    supervised = logins.ensure(engine)
    say(f"logins: {', '.join(f'{n} ({r})' for n, r in environment.LOGINS.items())}; atasan supervises OPD {supervised}; "
        "passwords: .venv/bin/netra demo credentials")
    say(f"registry: {sample['opds']} OPDs, {sample['employees']:,} employees, {sample['accounts']:,} accounts; "
        f"sample campaign: {sample['posts']:,} posts")

    backfill_started = time.monotonic()
    runs: dict = {}
    if pending:
        api.unpause("netra_pipeline")
        if backfill_id is not None:
            say("an earlier backfill is still running: waiting for it instead of starting another")
        else:
            backfill_id = api.backfill("netra_pipeline", first, last, int(settings.demo_parallelism()))
        to_run = metadata.query(cluster, "SELECT count(*) FROM backfill_dag_run WHERE backfill_id = %s "
                                         "AND dag_run_id IS NOT NULL", (backfill_id,))[0][0]
        say(f"backfill of {to_run} of the {len(days)} daily windows ({days[0]} to {days[-1]}) queued; "
            "the scheduler is running them")
        last_line = ""
        while True:
            runs = metadata.backfill_runs(cluster, backfill_id)
            line = (f"pipeline runs: {runs.get('success', 0)} succeeded, {runs.get('failed', 0)} failed, "
                    f"{runs.get('running', 0)} running, {runs.get('queued', 0)} queued of {to_run}")
            if line != last_line:
                say(f"{line}  ({time.monotonic() - started:.0f} s)")
                last_line = line
            # Airflow marks a backfill complete only every 30 s; that all its runs ended is enough.
            ended = runs.get("success", 0) + runs.get("failed", 0) >= to_run
            settled = not runs.get("running") and not runs.get("queued")
            if ended or (settled and metadata.active_backfill(cluster) is None):
                break
            time.sleep(3)
    else:
        say(f"every one of the {len(days)} daily windows has already run")
    backfill_seconds = time.monotonic() - backfill_started
    # Health needs only the windows; it runs while the scheduler restarts, and its page is there
    # for the reports' index to link.
    say("netra_health: judging the warehouse as of 06:00 the day after the campaign's last window")
    checking = _health(env, last + dt.timedelta(days=1))

    if unpause:
        api.unpause("netra_pipeline")
        say("waiting for netra_report to write the daily summaries")
        metadata.wait_for_reports(cluster)
    else:
        # A manual netra_report run catches the reports up on the scheduler as it runs; only then
        # is it restarted with schedules on, and the findings events it hands netra_report find
        # their reports current (netra.reports.files).
        say("netra_report: writing the daily and weekly summaries")
        metadata.wait_for_run(cluster, "netra_report", api.trigger("netra_report"))
        api.pause("netra_pipeline")
        start_components(env, schedules=True, executor=executor)
    ran = metadata.succeeded(cluster, first, last)
    missing = metadata.missing_reports(settings.reports(), ran, tz)
    if missing:
        say(f"{len(missing)} windows have no report yet: running netra_report once more to catch up")
        metadata.wait_for_run(cluster, "netra_report", api.trigger("netra_report"))
        missing = metadata.missing_reports(settings.reports(), ran, tz)
    health = _health_reading(checking)
    api.close()
    outcome = Outcome(windows=len(days), ran=sum(runs.get(s, 0) for s in ("success", "failed")),
                      succeeded=runs.get("success", 0), failed=runs.get("failed", 0), backfill_seconds=backfill_seconds,
                      total_seconds=time.monotonic() - started, unpaused=unpause, missing_reports=missing,
                      health=health, executor=env["AIRFLOW__CORE__EXECUTOR"])
    print(summary_text(engine, outcome))
    if missing:
        print(f"[netra demo] ERROR: no daily report for {len(missing)} window(s) that ran: {', '.join(missing)}; "
              "see .netra/airflow/logs/dag_id=netra_report", file=sys.stderr)
    failed_windows = len(days) - len(ran)
    if failed_windows:
        print(f"[netra demo] ERROR: {failed_windows} of the {len(days)} windows have no successful run; "
              "see the Airflow UI", file=sys.stderr)
    return 1 if missing or failed_windows else 0
