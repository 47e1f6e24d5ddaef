"""
### netra_report: the daily HTML summary of each window the pipeline publishes

**Owner:** netra-data. **Schedule:** the `netra_findings` Asset; the windows come from the
triggering events' extra (an Asset-triggered run has no data interval of its own).
**Output:** `$NETRA_REPORT_DIR/daily-YYYY-MM-DD.html` and an `index.html`, read from the
`netra_warehouse` connection (employees by pseudonym only). Rerunning rewrites the same files.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, dag, task

FINDINGS = Asset(name="netra_findings")


@dag(
    dag_id="netra_report",
    schedule=[FINDINGS],
    start_date=dt.datetime(2024, 9, 1, tzinfo=dt.timezone.utc),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["netra", "reporting"],
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(seconds=30)},
)
def netra_report():
    @task
    def write(*, triggering_asset_events=None) -> list[str]:
        """Write one summary per window named by the triggering events."""
        from netra import tasks

        windows = [e.extra["window"] for events in (triggering_asset_events or {}).values() for e in events
                   if "window" in (e.extra or {})]
        if not windows:
            raise ValueError("no triggering netra_findings event carried a window")
        return tasks.write_reports(windows)

    write()


netra_report()
