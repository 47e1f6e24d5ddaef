"""
### netra_pipeline: one day of collected posts into the warehouse, judged by the neutrality rules

**Owner:** netra-data (data engineering). **Window:** one day in the city's zone (`NETRA_TIMEZONE`,
default Asia/Makassar), `[data_interval_start, data_interval_end)`; a manual run has no interval
and must pass `window_start` and `window_end` (ISO 8601 with offset) as params.

**Steps** (`netra.steps`, the one ordered list that this DAG, `make bench-pipeline` and the tests
follow; each task delegates to `netra.tasks`):
1. `plan`: the window's account batches by lane (each platform, and intake).
2. `ingest_<platform>`: `NETRA_INGEST_SHARDS` mapped instances (default 1; read when this file is
   parsed), shard k running every k-th of the lane's batches one after another, in the pool
   `netra_api_<platform>` so runs share each API's rate limit; `ingest_intake` (monitor captures
   and public tips, one batch, pool `netra_ingest`); on Celery each lane waits in a queue of its
   own (`netra_ingest_<lane>`, named in `netra.platforms`), every other task in `default`. A fixed
   number of instances, not one per batch: each task instance costs Airflow about half a second
   of CPU, whatever it does. Each batch is extracted (landing files, or the API connectors when
   `NETRA_SOURCE=api`), landed raw with SHA-256 and an outcome per requested account in
   `ops.fetch_outcome`, normalized, validated with Great Expectations, quarantined and staged.
3. `upsert`: the window's staged rows into `core` (posts, versions, sightings, tombstones only
   from evidence).
4. `link_cross_posts`: one owner's post carried to another platform, linked.
5. `judge`: the neutrality rules → findings, rule hits, escalations.
6. `open_cases`: new breach findings grouped into BKPSDM cases (one open case per employee or OPD
   account and election; dismissed versions stay out), each new case's legal clock started.
7. `refresh_marts`: the analysts' materialized views.
8. `publish`: the `netra_findings` Asset event with the window in its extra; `netra_report`
   consumes it.

**Inputs:** landing files under `$NETRA_LANDING_DIR`, or the platform APIs through the Airflow
connections `netra_<platform>`; the registry and election files.
**Outputs:** schemas `raw`, `core`, `quarantine`, `findings`, `cases`, `mart`, `ops` of the
`netra_warehouse` connection. Every task is idempotent for its window.

**Timeouts:** every task has an `execution_timeout`: 10 minutes for `plan` and `publish`, 30 for
each ingest shard and each step after ingest.

**Alerts** (`netra.alerts`, to the recipients of the `netra_alerts` connection): a task that fails
its last try mails once; a run whose window has not finished successfully `NETRA_LATE_AFTER_HOURS`
(hours; default 6, `off` for `airflow dags test`) after the window's day ends mails its Deadline
Alert (a manual run without a logical date has no deadline; a run queued after its deadline, a
backfill's, only logs it).

**Unchanged reruns** (`netra.unchanged`): a batch whose landing files hash to what its last ingest
read, under the same code, rules and settings, keeps that ingest's stage while stage, quarantine,
raw and core's tips still hold it; when every batch of a run was kept and nothing has written to the
warehouse's pipeline tables since the window's last complete run (`ops.write_count`,
`ops.window_memo`), the steps after ingest skip too. API batches are always fetched again. The
param `rederive` re-derives everything.

**Backfill:** `airflow backfill create --dag-id netra_pipeline --from-date 2024-09-25 --to-date
2024-11-27`. Airflow runs a backfill's runs only while the DAG is unpaused, and unpausing it
(catchup is off) also creates a run for the latest real day at once; `make demo` therefore runs
its backfill with the scheduler's `use_job_schedule` off and pauses the DAG again afterwards.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, CronDataIntervalTimetable, Param, chain, dag, task

from netra import alerts, platforms, settings, steps      # tables of names: no I/O, nothing heavy

FINDINGS = Asset(name="netra_findings")
START = dt.datetime(2024, 9, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SHORT = {"execution_timeout": dt.timedelta(minutes=10)}


@dag(
    dag_id="netra_pipeline",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone=settings.timezone()),
    start_date=START,
    catchup=False,
    max_active_runs=6,
    doc_md=__doc__,
    tags=["netra", "pipeline"],
    deadline=alerts.window_deadline(dt.timedelta(days=1), settings.late_after()),
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(seconds=30),
                  "retry_exponential_backoff": 2.0, "execution_timeout": dt.timedelta(minutes=30),
                  "on_failure_callback": alerts.task_failed},
    params={"window_start": Param(None, type=["null", "string"], description="manual runs: window start, ISO 8601"),
            "window_end": Param(None, type=["null", "string"], description="manual runs: window end, ISO 8601"),
            "max_tombstone_share": Param(None, type=["null", "number"], minimum=0, maximum=1,
                                         description="this run only: the share of a window's posts its upsert may "
                                                     "newly mark deleted (default NETRA_MAX_TOMBSTONE_SHARE)"),
            "rederive": Param(False, type="boolean", description="re-derive every batch and step even when nothing "
                                                                  "changed since the window's last complete run")},
)
def netra_pipeline():
    @task(**SHORT)
    def plan(**context) -> dict[str, list[dict]]:
        """The window's batches by lane: each platform's account batches, and intake."""
        from netra import tasks

        return tasks.plan_run(context)

    @task(map_index_template="{{ task.op_kwargs['lane'] }}:{{ task.op_kwargs['shard'] }}")
    def ingest(plan: dict, lane: str, shard: int, shards: int, **context) -> list[dict]:
        """Extract, land raw, normalize, validate, quarantine and stage the shard's batches."""
        from netra import tasks

        return tasks.ingest_shard(plan[lane], shard, shards, context)

    @task
    def window_step(name: str, **context) -> dict:
        """A step that runs once per window after ingest (its own docs: netra.steps)."""
        from netra import tasks

        return tasks.window_step(name, context)

    @task(outlets=[FINDINGS], **SHORT)
    def publish(*, outlet_events=None, **context) -> dict:
        """Tell netra_report which window is ready."""
        from netra import tasks

        event = tasks.publish(context)
        outlet_events[FINDINGS].extra = event
        return event

    planned, queues = plan(), platforms.queues()
    shards = {lane: 1 if lane == platforms.INTAKE else settings.ingest_shards() for lane in queues}
    lanes = [ingest.override(task_id=f"ingest_{lane}", pool=pool, queue=queues[lane]).partial(
                 plan=planned, lane=lane, shards=shards[lane]).expand(shard=list(range(shards[lane])))
             for lane, pool in platforms.lanes().items()]
    window_steps = [window_step.override(task_id=name, doc_md=steps.STEPS[name].__doc__)(name)
                    for name in steps.WINDOW_STEPS]
    chain(lanes, *window_steps, publish())


netra_pipeline()
