"""What Airflow's metadata database says of the demo's runs: whether the DAGs are registered,
which windows succeeded, how the backfill goes, whether netra_report has consumed every findings
event, and which daily reports are missing or stale."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from pathlib import Path

import psycopg2

from netra import steps
from netra.reports import files
from netra.dev.cluster import Cluster
from netra.window import Window

DAGS = ("netra_pipeline", "netra_report")
REPORT_WAIT_S = 600


def query(cluster: Cluster, sql: str, params=()) -> list:
    conn = psycopg2.connect(cluster.dsn("airflow"))
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


def wait_for_dags(cluster: Cluster, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = {r[0] for r in query(cluster, "SELECT dag_id FROM dag WHERE dag_id = ANY(%s)", (list(DAGS),))}
        except psycopg2.Error:
            found = set()
        if found == set(DAGS):
            return
        time.sleep(2)
    raise RuntimeError("the dag-processor did not register the DAGs in time: see .netra/logs/dag-processor.log")


def succeeded(cluster: Cluster, first: dt.datetime, last: dt.datetime) -> list[tuple[Window, dt.datetime]]:
    """The pipeline's successful windows starting in [first, last], each with the time its
    judge task started (a report written before then is not of those findings)."""
    rows = query(cluster, "SELECT dr.data_interval_start, dr.data_interval_end, ti.start_date FROM dag_run dr "
                          "JOIN task_instance ti ON ti.dag_id = dr.dag_id AND ti.run_id = dr.run_id "
                          "AND ti.task_id = %s WHERE dr.dag_id = 'netra_pipeline' "
                          "AND dr.state = 'success' AND dr.data_interval_start BETWEEN %s AND %s",
                 (steps.JUDGE, first, last))
    return [(Window(start, end), started) for start, end, started in rows]


def active_backfill(cluster: Cluster) -> int | None:
    rows = query(cluster, "SELECT max(id) FROM backfill WHERE dag_id = 'netra_pipeline' AND completed_at IS NULL")
    return rows[0][0]


def backfill_runs(cluster: Cluster, backfill_id: int) -> dict:
    """States of the runs a backfill created or reprocessed (not those it skipped)."""
    return dict(query(cluster, "SELECT dr.state, count(*) FROM backfill_dag_run b JOIN dag_run dr "
                               "ON dr.id = b.dag_run_id WHERE b.backfill_id = %s GROUP BY 1", (backfill_id,)))


def _reports_settled(cluster: Cluster) -> bool:
    """No findings event waits for netra_report, and no netra_report run waits or runs."""
    waiting = query(cluster, "SELECT (SELECT count(*) FROM asset_dag_run_queue WHERE target_dag_id = 'netra_report')"
                             " + (SELECT count(*) FROM dag_run WHERE dag_id = 'netra_report' "
                             "AND state IN ('queued', 'running'))")
    return not waiting[0][0]


def wait_for_run(cluster: Cluster, dag_id: str, run_id: str) -> None:
    """Until the run has ended, for at most REPORT_WAIT_S (what it wrote is checked afterwards)."""
    deadline = time.monotonic() + REPORT_WAIT_S
    while time.monotonic() < deadline and not query(
            cluster, "SELECT 1 FROM dag_run WHERE dag_id = %s AND run_id = %s AND state IN ('success', 'failed')",
            (dag_id, run_id)):
        time.sleep(1)


def wait_for_reports(cluster: Cluster) -> None:
    deadline = time.monotonic() + REPORT_WAIT_S
    while not _reports_settled(cluster) and time.monotonic() < deadline:
        time.sleep(2)


def missing_reports(out: Path, ran: Iterable[tuple[Window, dt.datetime]], timezone: str) -> list[str]:
    """Days of the windows that ran whose daily report is absent or older than the start of the
    window's judge task, so not written from those findings."""
    missing = []
    for window, findings_started in ran:
        path = files.daily_path(out, window, timezone)
        if not path.exists() or path.stat().st_mtime < findings_started.timestamp():
            missing.append(path.name[6:16])
    return sorted(missing)
