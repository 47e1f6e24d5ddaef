"""
### netra_case_clock: overdue cases escalate, every day

**Owner:** netra-data, for BKPSDM. **Schedule:** daily at 00:30 in the city's zone
(`NETRA_TIMEZONE`); the run's day is the local day its interval ends on.
**What it does:** every deadline of the legal clock (`include/rules/cases/workflow.yaml`: the
complaint within 7 days of discovery, verification within 7 days, the PPK within 14 working days
of a recommendation; working days without national holidays, collective leave and the region's
days off) whose last day has passed unmet is escalated once into `cases.escalation`, audited, and
shown as overdue on the desk; when the case was still waiting for the direct superior's
examination, the superior is flagged. Rerunning a day escalates nothing twice.
**Audit trail:** each run then verifies the hash chain of `audit.event` and logs its head (event
and SHA-256) in the task log, outside the warehouse; a trail that no longer verifies fails the
task at once. A chain rewritten and recomputed whole no longer matches the heads logged before.
**Reads and writes:** schema `cases` of the `netra_warehouse` connection (the loader role may).
A task times out after 10 minutes.
**Alerts:** a task that fails its last try mails the `netra_alerts` connection's recipients once
(`netra.alerts`).
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import CronDataIntervalTimetable, dag, task

from netra import alerts, settings      # names only: no I/O, nothing heavy


@dag(
    dag_id="netra_case_clock",
    schedule=CronDataIntervalTimetable("30 0 * * *", timezone=settings.timezone()),
    start_date=dt.datetime(2024, 9, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    catchup=False,
    doc_md=__doc__,
    tags=["netra", "cases"],
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(seconds=30),
                  "execution_timeout": dt.timedelta(minutes=10), "on_failure_callback": alerts.task_failed},
)
def netra_case_clock():
    @task
    def escalate_overdue(**context) -> dict:
        """Escalate every deadline of the legal clock that passed unmet before the run's day."""
        from netra import tasks

        return tasks.escalate_overdue(context)

    escalate_overdue()


netra_case_clock()
