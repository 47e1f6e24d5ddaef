"""
### netra_pipeline: one day of collected posts into the warehouse, judged by the neutrality rules

**Owner:** netra-data (data engineering). **Window:** one day in Asia/Makassar,
`[data_interval_start, data_interval_end)`; a manual run has no interval and must pass
`window_start` and `window_end` (ISO 8601 with offset) as params.

**Flow**: `plan_<platform>` → `ingest_<platform>` (one mapped task per platform, one instance per
account batch, in the pool `netra_api_<platform>` so runs share each API's rate limit) and
`plan_intake` → `ingest_intake` (monitor captures and public tips; pool `netra_ingest`): extract (landing files,
or the API connectors when `NETRA_SOURCE=api`) → land raw with SHA-256 and an outcome per
requested account in `ops.fetch_outcome` → normalize → validate with Great Expectations →
quarantine → stage → `upsert` (dedupe into `core`:
versions, sightings, tombstones, cross-post links) → `findings` (neutrality rules → breaches, reviews and escalations in `findings`,
refresh `mart`, emit the `netra_findings` Asset with the window in its extra; `netra_report`
consumes it).

**Inputs:** landing files under `$NETRA_LANDING_DIR`, or the platform APIs through the Airflow
connections `netra_<platform>`; the registry and election files.
**Outputs:** schemas `raw`, `core`, `quarantine`, `findings`, `mart`, `ops` of the
`netra_warehouse` connection. Every task is idempotent for its window.

**Timeouts:** every task has an `execution_timeout`: 10 minutes for `plan_<platform>`, 30 for
each ingest batch, `upsert` and `findings`.

**Backfill:** `airflow backfill create --dag-id netra_pipeline --from-date 2024-09-25 --to-date
2024-11-27`. Airflow runs a backfill's runs only while the DAG is unpaused, and unpausing it
(catchup is off) also creates a run for the latest real day at once; `make demo` therefore runs
its backfill with the scheduler's `use_job_schedule` off and pauses the DAG again afterwards.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, task

from netra.sources.base import API_PLATFORMS        # a tuple of names: no I/O, nothing heavy

FINDINGS = Asset(name="netra_findings")
START = dt.datetime(2024, 9, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@dag(
    dag_id="netra_pipeline",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="Asia/Makassar"),
    start_date=START,
    catchup=False,
    max_active_runs=6,
    doc_md=__doc__,
    tags=["netra", "pipeline"],
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(seconds=30),
                  "retry_exponential_backoff": 2.0, "execution_timeout": dt.timedelta(minutes=30)},
    params={"window_start": Param(None, type=["null", "string"], description="manual runs: window start, ISO 8601"),
            "window_end": Param(None, type=["null", "string"], description="manual runs: window end, ISO 8601"),
            "max_tombstone_share": Param(None, type=["null", "number"], minimum=0, maximum=1,
                                         description="this run only: the share of a window's posts its upsert may "
                                                     "newly mark deleted (default NETRA_MAX_TOMBSTONE_SHARE)")},
)
def netra_pipeline():
    @task(execution_timeout=dt.timedelta(minutes=10))
    def plan(platform: str, **context) -> list[dict]:
        """The window's batches for one platform (account batches), or for intake."""
        from netra import tasks

        return tasks.plan_batches(context, platform)

    @task(map_index_template="{{ task.op_kwargs['batch']['platform'] }}:{{ task.op_kwargs['batch']['shard'] }}")
    def ingest(batch: dict, **context) -> dict:
        """Extract, land raw, normalize, validate, quarantine and stage one batch."""
        from netra import tasks

        return tasks.ingest_batch(batch, context)

    @task
    def upsert(**context) -> dict:
        """Deduplicate the window into core: posts, versions, sightings, tombstones, cross-posts."""
        from netra import tasks

        return tasks.upsert_window(context)

    @task(outlets=[FINDINGS])
    def findings(*, outlet_events=None, **context) -> dict:
        """Apply the neutrality rules, load the findings, refresh the marts, publish the Asset."""
        from netra import tasks

        result = tasks.findings_window(context)
        outlet_events[FINDINGS].extra = {"window": result["window"]}
        return result

    pools = {p: f"netra_api_{p}" for p in API_PLATFORMS} | {"intake": "netra_ingest"}
    ingested = [ingest.override(task_id=f"ingest_{name}", pool=pool).expand(
                    batch=plan.override(task_id=f"plan_{name}")(platform=name)) for name, pool in pools.items()]
    ingested >> upsert() >> findings()


netra_pipeline()
