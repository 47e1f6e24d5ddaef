"""Airflow for tests: its home and metadata in a temporary directory, this checkout's DAGs.

Must run before anything imports Airflow. dag.test() is safe on SQLite metadata (no scheduler
runs beside it); the demo's scheduler uses PostgreSQL.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = Path(tempfile.mkdtemp(prefix="netra-airflow-"))
atexit.register(shutil.rmtree, HOME, True)            # nothing left in the temporary directory


def configure() -> None:
    os.environ.update({
        "AIRFLOW_HOME": str(HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(HOME / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{HOME / 'airflow.db'}",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "GX_ANALYTICS_ENABLED": "false",
    })
    # The tests run DAGs with dag.test(), which Airflow 3.3.2 cannot do with a Deadline Alert;
    # the deadline tests set their own interval.
    os.environ.setdefault("NETRA_LATE_AFTER_HOURS", "off")


def migrate() -> None:
    proc = subprocess.run([str(Path(sys.executable).with_name("airflow")), "db", "migrate"],
                          capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed: {proc.stderr[-2000:]}")


def known_pools() -> set[str]:
    from netra import platforms

    return set(platforms.pools())
