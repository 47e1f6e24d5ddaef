"""
### netra_pipeline: one day of collected posts into the warehouse, judged by the neutrality rules

**Owner:** netra-data (data engineering). **Window:** one day in Asia/Makassar,
`[data_interval_start, data_interval_end)`; a manual run has no interval and must pass
`window_start` and `window_end` (ISO 8601 with offset) as params.

**Flow** (one mapped `ingest` per platform and account batch, plus one `intake` batch for
monitor captures and public tips): `plan` → `ingest` ×N (land raw with SHA-256 → normalize →
validate with Great Expectations → quarantine → stage) → `upsert` (dedupe into `core`:
versions, sightings, tombstones, cross-post links) → `findings` (neutrality rules → breaches, reviews and escalations in `findings`,
refresh `mart`, emit the `netra_findings` Asset with the window in its extra; `netra_report`
consumes it).

**Inputs:** landing files under `$NETRA_LANDING_DIR`; the registry and election files.
**Outputs:** schemas `raw`, `core`, `quarantine`, `findings`, `mart`, `ops` of the
`netra_warehouse` connection. Every task is idempotent for its window.

**Backfill:** unpause first, then
`airflow backfill create --dag-id netra_pipeline --from-date 2024-09-25 --to-date 2024-11-27`.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, task

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
                  "retry_exponential_backoff": 2.0},
    params={"window_start": Param(None, type=["null", "string"], description="manual runs: window start, ISO 8601"),
            "window_end": Param(None, type=["null", "string"], description="manual runs: window end, ISO 8601")},
)
def netra_pipeline():
    @task
    def plan(**context) -> list[dict]:
        """Split the window into batches: per platform and account batch, captures, tips."""
        from netra import tasks

        return tasks.plan_batches(context)

    @task(pool="netra_ingest", map_index_template="{{ task.op_kwargs['batch']['source'] }}:{{ task.op_kwargs['batch']['platform'] }}")
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

    ingest.expand(batch=plan()) >> upsert() >> findings()


netra_pipeline()
