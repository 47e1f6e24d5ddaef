"""Every setting Netra reads from the environment, with the defaults the demo and tests use, and
where its files live.

This is the one module that reads the environment. The package is installed from plugins/
(editable in development, copied into the image in docker-compose), so the checkout root is found
from this file unless NETRA_HOME says otherwise.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

WAREHOUSE_CONN_ID = "netra_warehouse"
WAREHOUSE_ENV = "AIRFLOW_CONN_NETRA_WAREHOUSE"


def home() -> Path:
    """Root of the checkout (holds include/, dags/)."""
    env = os.environ.get("NETRA_HOME")
    return Path(env).resolve() if env else Path(__file__).resolve().parents[2]


def include() -> Path:
    return home() / "include"


def sql_dir() -> Path:
    return include() / "sql"


def rules_dir() -> Path:
    return include() / "rules"


def state() -> Path:
    """Local state: the embedded cluster, landing files, reports, Airflow home (git-ignored)."""
    env = os.environ.get("NETRA_STATE_DIR")
    return Path(env).resolve() if env else home() / ".netra"


def landing() -> Path:
    env = os.environ.get("NETRA_LANDING_DIR")
    return Path(env).resolve() if env else state() / "landing"


def reports() -> Path:
    env = os.environ.get("NETRA_REPORT_DIR")
    return Path(env).resolve() if env else state() / "reports"


def desk_url() -> str | None:
    """The case desk's address as readers reach it (NETRA_DESK_URL, e.g.
    https://netra.example.go.id/desk/): the reports link a finding in a case to its page there."""
    return os.environ.get("NETRA_DESK_URL") or None


def timezone() -> str:
    """The city's zone: landing partitions and report days follow its calendar."""
    return os.environ.get("NETRA_TIMEZONE", "Asia/Makassar")


def account_batch_size() -> int:
    """Accounts per extraction batch (per platform)."""
    return int(os.environ.get("NETRA_ACCOUNT_BATCH_SIZE", "250"))


def ingest_shards() -> int:
    """Mapped ingest instances per platform lane and run, each running its share of the lane's
    batches: the DAG's shape, read when the DAG file is parsed (the same value for every component)."""
    value = os.environ.get("NETRA_INGEST_SHARDS", "1")
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"NETRA_INGEST_SHARDS must be a whole number of at least 1, not {value!r}")
    return int(value)


def ingest_workers() -> int:
    """Processes that normalize and validate a batch's parts beside the one that lands and stages
    them, once a batch has more than one part (0: all in the task's own process)."""
    return int(os.environ.get("NETRA_INGEST_WORKERS", "2"))


def judge_workers() -> int:
    """Processes that judge a window's versions beside the one that reads them, once a window has
    more than one part of them (netra.judge.VERSIONS_PER_PART; 0: all in the task's own process)."""
    return int(os.environ.get("NETRA_JUDGE_WORKERS", "2"))


def report_workers() -> int:
    """Processes that draw a report run's reports when it catches up several windows (0 or 1: the
    task's own process)."""
    return int(os.environ.get("NETRA_REPORT_WORKERS", "2"))


def ingest_part_bytes() -> int:
    """About how many bytes of landed pages an ingest part holds (NETRA_INGEST_PART_MB, default
    12): memory per part, in the task and in each ingest worker, against calls per part. At a
    province's size 12 MB kept the task and both workers under 2 GB together, as fast as 24."""
    return int(float(os.environ.get("NETRA_INGEST_PART_MB", "12")) * (1 << 20))


def max_failure_rate() -> float:
    """Share of a batch's rows that may be quarantined before the batch fails."""
    return float(os.environ.get("NETRA_MAX_FAILURE_RATE", "0.05"))


def elections_dir() -> Path:
    """Election files: include/rules/elections unless NETRA_ELECTIONS_DIR says otherwise."""
    env = os.environ.get("NETRA_ELECTIONS_DIR")
    return Path(env) if env else rules_dir() / "elections"


def source() -> str:
    """Where API content comes from: `landing` files (the default; captures and tips always) or
    the platform `api` connectors, configured by the Airflow connections netra_<platform>."""
    value = os.environ.get("NETRA_SOURCE", "landing")
    if value not in ("landing", "api"):
        raise ValueError(f"NETRA_SOURCE must be landing or api, not {value!r}")
    return value


def api_lookback() -> dt.timedelta:
    """How far before the window the API connectors re-read (NETRA_API_LOOKBACK_HOURS, default 24),
    so that deletions and edits of recent posts are seen."""
    return dt.timedelta(hours=float(os.environ.get("NETRA_API_LOOKBACK_HOURS", "24")))


def api_retry() -> dict:
    """Attempts per request (NETRA_API_ATTEMPTS, default 6) and the longest single wait in seconds
    (NETRA_API_MAX_WAIT_S, default 900): a rate limit that asks for longer fails the scope instead."""
    return {"attempts": int(os.environ.get("NETRA_API_ATTEMPTS", "6")),
            "max_wait": float(os.environ.get("NETRA_API_MAX_WAIT_S", "900"))}


def max_tombstone_share() -> tuple[float, int]:
    """The share of the posts a window touches that it may newly mark deleted
    (NETRA_MAX_TOMBSTONE_SHARE, default 0.2) once at least NETRA_MIN_TOMBSTONES_CHECKED (default
    20) would be: more means a broken fetch, not a purge, until someone looks and raises it."""
    return (float(os.environ.get("NETRA_MAX_TOMBSTONE_SHARE", "0.2")),
            int(os.environ.get("NETRA_MIN_TOMBSTONES_CHECKED", "20")))


def late_after() -> dt.timedelta | None:
    """How long after its window ends a pipeline run, and after it was queued a report run, may
    still be unfinished before its Deadline Alert is mailed (NETRA_LATE_AFTER_HOURS, default 6;
    read when the DAG files are parsed). `off`: no deadline, which `airflow dags test` needs,
    because in Airflow 3.3.2 dag.test() of a DAG with a deadline crashes when the run succeeds."""
    value = os.environ.get("NETRA_LATE_AFTER_HOURS", "6")
    return None if value in ("", "off") else dt.timedelta(hours=float(value))


def step_settings() -> dict:
    """The settings that change what a step computes from the same data (netra.unchanged)."""
    return {"timezone": timezone(), "account_batch_size": account_batch_size(),
            "max_failure_rate": max_failure_rate(), "elections_dir": str(elections_dir()), "source": source(),
            "api_lookback_s": api_lookback().total_seconds(), "max_tombstone_share": max_tombstone_share()}


def warehouse_conn() -> str | None:
    """The `netra_warehouse` connection given in the environment (URI or JSON form), if it is."""
    return os.environ.get(WAREHOUSE_ENV) or None


def airflow_conn(conn_id: str) -> str | None:
    """Any Airflow connection given in the environment (AIRFLOW_CONN_<ID>), if it is."""
    return os.environ.get(f"AIRFLOW_CONN_{conn_id.upper()}") or None


# The development harness's own settings (netra.dev): where the PostgreSQL binaries are, whom the
# embedded cluster runs as when we are root, the fake APIs' token, the demo's Airflow sizes.

def pg_bin() -> str | None:
    return os.environ.get("NETRA_PG_BIN")


def pg_os_user() -> str | None:
    return os.environ.get("NETRA_PG_OS_USER")


def fake_api_token() -> str:
    return os.environ.get("NETRA_FAKE_API_TOKEN", "demo-token")


def demo_parallelism() -> str:
    return os.environ.get("NETRA_DEMO_PARALLELISM", "6")


def demo_api_workers() -> str:
    return os.environ.get("NETRA_DEMO_API_WORKERS", "1")
