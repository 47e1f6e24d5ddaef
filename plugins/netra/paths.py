"""Where Netra's files live: the checkout's include/ data and the local state directory.

The package is installed from plugins/ (editable in development, copied into the image in
docker-compose), so the checkout root is found from this file unless NETRA_HOME says otherwise.
"""
from __future__ import annotations

import os
from pathlib import Path


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
