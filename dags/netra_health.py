"""
### netra_health: is the pipeline still collecting what it should?

**Owner:** netra-data, for the operators. **Schedule:** daily at 06:00 in the city's zone
(`NETRA_TIMEZONE`), six hours after the pipeline's midnight run; the run judges the warehouse as
of its interval's end. A manual run passes `window_start` and `window_end` (ISO 8601 with
offset); it judges as of `window_end`.
**Why a schedule and not the `netra_findings` Asset:** the Asset is published only by a pipeline
run that finished; a token that expired, a pipeline that stopped or never ran would then never be
judged. On its own clock the check also sees the day nothing arrived.
**What it checks** (`netra.health.checks`, each check one query over the `ops` views, thresholds in
`include/rules/health.yaml`): per platform the newest complete fetch and watched accounts without
one (OPD and candidate accounts by handle, employees' by pseudonym), posts seen the day before
against the median of the 7 days before it, the share of failed fetches and accounts gone private,
not found or deleted, the quarantine rate per source, the Great Expectations failure rate per
suite, and open cases with a deadline due within a few working days or overdue.
**Writes:** `health.html` beside the reports (every reading against its threshold, the Great
Expectations results and findings of the last 14 days); nothing in the warehouse, which it reads
through the `netra_warehouse` connection (the loader role may read `ops` and `cases`).
**Alerts:** when any threshold is crossed, one mail to the `netra_alerts` connection's recipients
lists every breach; a thresholds file that fails validation fails the task at once, without
retries. A task that fails its last try mails them too (`netra.alerts`). It times out after 10
minutes.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import CronDataIntervalTimetable, Param, dag, task

from netra import alerts, settings      # names only: no I/O, nothing heavy


@dag(
    dag_id="netra_health",
    schedule=CronDataIntervalTimetable("0 6 * * *", timezone=settings.timezone()),
    start_date=dt.datetime(2024, 9, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["netra", "health"],
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(minutes=2),
                  "execution_timeout": dt.timedelta(minutes=10), "on_failure_callback": alerts.task_failed},
    params={"window_start": Param(None, type=["null", "string"], description="manual runs: window start, ISO 8601"),
            "window_end": Param(None, type=["null", "string"], description="manual runs: window end, ISO 8601; "
                                                                           "the check is as of this time")},
)
def netra_health():
    @task
    def check_health(**context) -> dict:
        """Judge the warehouse against the health thresholds, write the health page, mail any breach."""
        from netra.health.task import run

        return run(context)

    check_health()


netra_health()
