"""Task processes that start with the pipeline's heavy libraries already loaded, on either executor.

LocalExecutor forks its workers from the scheduler and each task from a worker (Airflow 3.3,
Linux); a Celery worker forks its pool from its main process and each task from a pool process.
Importing pandas, Great Expectations and the netra package once, before those forks, saves every
task the 8-12 s those imports take on a 2-core machine.
- LocalExecutor: AIRFLOW__CORE__EXECUTOR=netra.executor.WarmLocalExecutor.
- CeleryExecutor: AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=netra.executor.CELERY_CONFIG, Airflow's
  default Celery settings plus the same modules in Celery's `imports`, which a worker imports
  before it starts its pool. Built when first asked for: it reads the [celery] settings.
Neither changes anything else.
"""
from __future__ import annotations

import importlib
import os

from airflow.executors.local_executor import LocalExecutor

PRELOAD = ("pandas", "sqlalchemy", "psycopg2", "great_expectations", "great_expectations.expectations",
           "rapidfuzz", "ahocorasick", "netra.tasks")


class WarmLocalExecutor(LocalExecutor):
    def start(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        for module in PRELOAD:
            importlib.import_module(module)
        super().start()


def __getattr__(name: str) -> dict:
    if name != "CELERY_CONFIG":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    return {**DEFAULT_CELERY_CONFIG, "imports": PRELOAD}
