"""
### netra_retention: personal data kept no longer than its purpose needs (UU 27/2022 PDP)

**Owner:** netra-data, for BKPSDM and the city's data protection officer. **Schedule:** daily at
02:00 in the city's zone (`NETRA_TIMEZONE`), after the pipeline's midnight run; the run's day is
the local day its interval ends on. A manual run passes `window_start` and `window_end` (ISO 8601
with offset) as params, and `dry_run: true` to only count what would go.
**What goes** (`netra.retention`; the periods in `include/rules/retention.yaml`): posts of
employees' and unregistered accounts that never had a finding, once last seen longer ago than
`accounts_without_finding_days`, with the raw page bytes that show nothing else (each payload row
stays with its SHA-256 and size) and their quarantined and staged copies; reporters' contacts of
tips once their case has been closed for `contacts_after_case_closed_days` (with no finding:
received `accounts_without_finding_days` ago), and tips files whose every tip lost its contact.
**Never:** official OPD accounts, candidates' accounts, anything a finding, a review or a case
refers to, the accounts of an open case, anything an open hold (`cases.hold`) names.
**Records:** one `ops.retention_run` row per run (policy, cutoffs, counts per kind), audited in
`audit.event` (kind `retention`); a dry run writes nothing. One transaction: a run that fails
removes nothing; rerunning a day removes nothing more. A task times out after 30 minutes.
**Alerts:** a task that fails its last try mails the `netra_alerts` connection's recipients once
(`netra.alerts`).
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import CronDataIntervalTimetable, Param, dag, task

from netra import alerts, settings      # names only: no I/O, nothing heavy


@dag(
    dag_id="netra_retention",
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone=settings.timezone()),
    start_date=dt.datetime(2024, 9, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["netra", "retention"],
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(minutes=5),
                  "execution_timeout": dt.timedelta(minutes=30), "on_failure_callback": alerts.task_failed},
    params={"dry_run": Param(False, type="boolean", description="only count what would be removed; write nothing"),
            "window_start": Param(None, type=["null", "string"], description="manual runs: window start, ISO 8601"),
            "window_end": Param(None, type=["null", "string"], description="manual runs: window end, ISO 8601; "
                                                                           "the run's day is its local day")},
)
def netra_retention():
    @task
    def remove_expired(**context) -> dict:
        """Remove (or, on a dry run, count) what the retention policy has kept long enough."""
        from netra import retention_task

        return retention_task.run(context)

    remove_expired()


netra_retention()
