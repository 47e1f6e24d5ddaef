"""Mail to operators when a task finally fails or a run misses its deadline, so that nobody has to
open the Airflow UI to learn of it.

Sent through the SMTP provider with the Airflow connection `netra_alerts` (conn_type `smtp`): host,
port, login and password of the mail server; in its extra the sender `from_email`, the recipients
`to` (a list, or addresses separated by commas) and the provider's own switches (`disable_ssl`,
`disable_tls`, `timeout`, `retry_limit`). Without that connection an alert is only logged: a
development machine needs no mail server.

The mail names the DAG, task, run, window, try and the first line of the error, and links the log;
it never carries a secret (credentials in URLs and `password=`/`token=` pairs are masked). The
callbacks are plain functions and this module imports nothing heavy, so DAG files may import it.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

ALERTS_CONN_ID = "netra_alerts"
ERROR_CHARS = 300

log = logging.getLogger(__name__)

# userinfo of a URL (scheme://user:secret@host), key=value or key: value pairs whose key says
# secret, and bearer tokens.
_SECRETS = (
    (re.compile(r"(?P<keep>[a-z][a-z0-9+.\-]*://[^\s:/@]*:)[^\s@/]+(?=@)", re.I), r"\g<keep>***"),
    (re.compile(r"(?P<keep>\b[\w\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key|authorization)"
                r"[\w\-]*\b['\"]?\s*[=:]\s*['\"]?)(?:bearer\s+)?[^\s'\",;&]+", re.I), r"\g<keep>***"),
    (re.compile(r"(?P<keep>\bbearer\s+)[\w\-.~+/=]+", re.I), r"\g<keep>***"),
)


@dataclass(frozen=True)
class Alert:
    subject: str
    lines: tuple[tuple[str, str], ...]      # (label, value) in the order an operator reads them
    link: str | None

    def html(self) -> str:
        rows = "".join(f"<tr><th align='left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in self.lines)
        link = f"<p><a href='{html.escape(self.link)}'>{html.escape(self.link)}</a></p>" if self.link else ""
        return f"<p>{html.escape(self.subject)}</p><table>{rows}</table>{link}"


def scrub(text: str) -> str:
    """`text` with the credentials it may carry masked."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def first_line(exc: BaseException | str | None) -> str:
    if exc is None:
        return "(no exception recorded)"
    text = str(exc).strip().splitlines()
    head = f"{type(exc).__name__}: {text[0] if text else ''}" if isinstance(exc, BaseException) else text[0]
    head = scrub(head)
    return head if len(head) <= ERROR_CHARS else head[:ERROR_CHARS - 1] + "…"


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.isoformat()


def window_text(start, end, params: Mapping | None) -> str:
    """The run's window: its data interval, else the manual run's params, else that it has none."""
    start, end = _iso(start), _iso(end)
    if start is None or end is None:
        params = params or {}
        start, end = params.get("window_start"), params.get("window_end")
    if start and end:
        return f"{start} to {end}"
    return "none (an Asset-triggered or manual run; see the run's conf)"


def failure_alert(context: Mapping) -> Alert:
    """What to tell operators about a task that failed after its last try (an Airflow task context)."""
    ti = context["ti"]
    dag_id, task_id = ti.dag_id, ti.task_id
    map_index = getattr(ti, "map_index", -1)
    task = task_id if map_index is None or map_index < 0 else f"{task_id}[{map_index}]"
    lines = (("DAG", dag_id), ("Task", task), ("Run", str(ti.run_id)),
             ("Window", window_text(context.get("data_interval_start"), context.get("data_interval_end"),
                                    context.get("params"))),
             ("Try", str(ti.try_number)),
             ("Error", first_line(context.get("exception"))))
    return Alert(f"[Netra] {dag_id}: task {task} failed (try {ti.try_number})", lines, getattr(ti, "log_url", None))


def deadline_alert(context: Mapping) -> Alert:
    """What to tell operators about a run not finished by its deadline (the context Airflow gives a
    deadline callback: the run as the REST API shows it, and the deadline)."""
    run, deadline = context["dag_run"], context.get("deadline") or {}
    dag_id, run_id = run["dag_id"], run["dag_run_id"]
    due = _iso(deadline.get("deadline_time")) or "?"
    lines = (("DAG", dag_id), ("Run", run_id),
             ("Window", window_text(run.get("data_interval_start"), run.get("data_interval_end"), run.get("conf"))),
             ("State", str(run.get("state"))), ("Queued at", str(_iso(run.get("queued_at")))),
             ("Deadline", due))
    return Alert(f"[Netra] {dag_id}: run {run_id} not finished by its deadline {due}", lines,
                 _run_url(dag_id, run_id))


def task_failed(context: Mapping) -> None:
    """on_failure_callback of every Netra task: Airflow calls it once, when the last try failed."""
    send(failure_alert(context))


def deadline_missed(context: Mapping, **_kwargs) -> None:
    """The DeadlineAlert callback (run by the executor, a SyncCallback). A run queued after its
    deadline had passed (a backfill or a rerun of an old window) was late by design, not stuck:
    it is logged, not mailed, so a backfill of a campaign sends no mail per window."""
    alert = deadline_alert(context)
    queued = _instant(context["dag_run"].get("queued_at"))
    due = _instant((context.get("deadline") or {}).get("deadline_time"))
    if queued is not None and due is not None and queued >= due:
        log.info("Deadline passed before the run was queued (a backfill or a rerun): not mailed: %s", alert.subject)
        return
    send(alert)


def _instant(value) -> dt.datetime | None:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if isinstance(value, dt.datetime) else None


def recipients(extra: Mapping) -> list[str]:
    to = extra.get("to") or []
    to = to.split(",") if isinstance(to, str) else list(to)
    return [a.strip() for a in to if a and a.strip()]


def send(alert: Alert, conn_id: str = ALERTS_CONN_ID) -> bool:
    """Mail `alert` to the connection's recipients; without the connection or recipients, log it."""
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier
    from airflow.sdk import BaseHook
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        extra = BaseHook.get_connection(conn_id).extra_dejson
    except AirflowNotFoundException:
        log.warning("No Airflow connection %s: alert not mailed: %s", conn_id, alert.subject)
        return False
    to = recipients(extra)
    if not to:
        log.warning("Connection %s names no recipients (extra 'to'): alert not mailed: %s", conn_id, alert.subject)
        return False
    # Subject and body given whole: the notifier renders no Jinja in them (an error may hold braces).
    SmtpNotifier(to=to, from_email=extra.get("from_email"), subject=alert.subject, html_content=alert.html(),
                 smtp_conn_id=conn_id).notify({})
    log.info("Alert mailed to %d recipient(s): %s", len(to), alert.subject)
    return True


def window_deadline(window: dt.timedelta, late_after: dt.timedelta | None):
    """A DAG's DeadlineAlert: its run not finished `late_after` after its window ends (a scheduled
    run's logical date is its window's start); none without `late_after`."""
    from airflow.sdk import DeadlineAlert, DeadlineReference, SyncCallback

    if late_after is None:
        return None
    return DeadlineAlert(reference=DeadlineReference.DAGRUN_LOGICAL_DATE, interval=window + late_after,
                         callback=SyncCallback(deadline_missed), name="window not finished in time")


def queued_deadline(late_after: dt.timedelta | None):
    """A DAG's DeadlineAlert for runs without a window of their own (Asset-triggered): not finished
    `late_after` after it was queued; none without `late_after`."""
    from airflow.sdk import DeadlineAlert, DeadlineReference, SyncCallback

    if late_after is None:
        return None
    return DeadlineAlert(reference=DeadlineReference.DAGRUN_QUEUED_AT, interval=late_after,
                         callback=SyncCallback(deadline_missed), name="run not finished in time")


def _run_url(dag_id: str, run_id: str) -> str:
    from airflow.configuration import conf

    base = conf.get("api", "base_url", fallback="http://localhost:8080/").rstrip("/")
    return f"{base}/dags/{quote(dag_id)}/runs/{quote(run_id)}"
