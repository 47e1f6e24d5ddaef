"""Task processes that start with the pipeline's heavy libraries and Airflow's plugins already
loaded, on either executor.

LocalExecutor forks its workers from the scheduler and each task from a worker (Airflow 3.3,
Linux); a Celery worker forks its pool from its main process and each task from a pool process.
Whatever is loaded before those forks, every task inherits instead of loading it again:
- pandas, Great Expectations and the netra package: 8-12 s a task on a 2-core machine;
- the modules the DAG files and each step import inside their functions;
- Airflow's plugins, which every task process loads for its listeners: the desk's plugin builds
  its FastAPI app, 12% of the demo's task-process CPU when each task did it again;
- Great Expectations' ephemeral context, which each ingest task built for its suite calls;
- the rulesets of the election files, which each judge task loaded (netra.judge.warm).
Wiring:
- LocalExecutor: AIRFLOW__CORE__EXECUTOR=netra.executor.WarmLocalExecutor.
- CeleryExecutor: AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=netra.executor.CELERY_CONFIG, Airflow's
  default Celery settings; asking for it also has each worker's main process `warm()` before it
  starts its pool (Celery's worker_init). Built when first asked for: it reads the [celery] settings.
Neither changes anything else.
"""
from __future__ import annotations

import importlib
import os

from airflow.executors.local_executor import LocalExecutor

PRELOAD = ("pandas", "sqlalchemy", "psycopg2", "great_expectations", "great_expectations.expectations",
           "rapidfuzz", "ahocorasick", "airflow.sdk.definitions.decorators",
           "netra.alerts", "netra.tasks", "netra.plan", "netra.extract.landing", "netra.ingest", "netra.upsert",
           "netra.crosspost", "netra.judge", "netra.cases.opening", "netra.marts", "netra.unchanged")


def warm() -> None:
    """Import PRELOAD and load Airflow's plugins in this process, for the processes it forks."""
    from airflow.sdk.listener import get_listener_manager

    from netra import judge, validate

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for module in PRELOAD:
        importlib.import_module(module)
    get_listener_manager()      # loads the plugins once (cached), as each task's startup asks for it
    validate.batch_definition()     # GX's context (cached): 2-3% of the demo's task CPU when each built it
    judge.warm()


class WarmLocalExecutor(LocalExecutor):
    def start(self) -> None:
        warm()
        super().start()


def __getattr__(name: str) -> dict:
    if name != "CELERY_CONFIG":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG
    from celery.signals import worker_init

    worker_init.connect(lambda **_: warm(), weak=False)
    return dict(DEFAULT_CELERY_CONFIG)
