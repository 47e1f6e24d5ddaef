"""
### netra_report: the daily and weekly reports (HTML and PDF) of each window the pipeline publishes

**Owner:** netra-data. **Schedule:** the `netra_findings` Asset; the windows come from the
triggering events' extra (an Asset-triggered run has no data interval of its own).
**Output** (`$NETRA_REPORT_DIR`, read from the `netra_warehouse` connection; `netra.reports`):
`daily-YYYY-MM-DD.html` and `.pdf` for a local day's window (`window-<start>--<end>.*` for any
other), `weekly-YYYY-Www.html` and `.pdf` for the ISO week (Monday to Sunday) of each day written,
rewritten with each day until the week is complete, and `index.html` with a line of figures per
day. In Bahasa Indonesia, times in the city's zone (`NETRA_TIMEZONE`): figures against the day
before and the 7 and 30 days before, charts (static SVG in the page, PNG in the PDF: no network,
no script), the OPDs' neutrality scorecard, findings per status, candidate pair and platform,
escalations, cases near their deadline, and the window's new findings for case officers with
their evidence marked. Employees appear by pseudonym only; an employee's post shows only its
evidence spans; a finding in a case links to its page on the desk (`NETRA_DESK_URL`). The task
logs each window's files at INFO.

**No window is lost, none drawn twice:** Airflow 3 can leave an Asset event consumed by no run.
Each run therefore also reads the newest `netra_findings` events (its inlet) and writes every
window whose daily HTML is missing or older than its event. A report's files carry the time its
data was read as their modification time (the HTML is written last of a window's files), so a
window whose report was drawn from data read after its event is current and is not drawn again,
even when an event names it. A manual run (`airflow dags trigger netra_report`) does only the
catch-up. Runs may overlap: they take the report directory's lock in turn and each file is
replaced at once. A task times out after 10 minutes.
**Alerts** (`netra.alerts`, to the `netra_alerts` connection's recipients): a task that fails its
last try mails once; a run not finished successfully `NETRA_LATE_AFTER_HOURS` (hours; default 6) after it was queued
mails its Deadline Alert.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, dag, task

from netra import alerts, settings      # names only: no I/O, nothing heavy

FINDINGS = Asset(name="netra_findings")


@dag(
    dag_id="netra_report",
    schedule=[FINDINGS],
    start_date=dt.datetime(2024, 9, 1, tzinfo=dt.timezone.utc),
    catchup=False,
    doc_md=__doc__,
    tags=["netra", "reporting"],
    deadline=alerts.queued_deadline(settings.late_after()),
    default_args={"owner": "netra-data", "retries": 2, "retry_delay": dt.timedelta(seconds=30),
                  "execution_timeout": dt.timedelta(minutes=10), "on_failure_callback": alerts.task_failed},
)
def netra_report():
    @task(inlets=[FINDINGS])
    def write(*, triggering_asset_events=None, inlet_events=None) -> list[str]:
        """Write the windows the triggering events name, and any whose report is missing or stale."""
        from netra import settings, tasks
        from netra.reports import files

        triggered = [(e.timestamp, e.extra) for events in (triggering_asset_events or {}).values() for e in events]
        recent = [(e.timestamp, e.extra)
                  for e in inlet_events[FINDINGS].ascending(False).limit(files.EVENTS_SCANNED)]
        return tasks.write_reports(files.windows_due(triggered, recent, settings.reports(), settings.timezone()))

    write()


netra_report()
