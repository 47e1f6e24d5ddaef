"""Alerts reach a real SMTP server (aiosmtpd on a free local port) through the SMTP provider and the
`netra_alerts` connection: the right recipients, a subject and body that name what failed, and no
secret."""
from __future__ import annotations

import datetime as dt
import email
import json
import socket
from email import policy
from types import SimpleNamespace

import pytest

from netra import alerts
from tests import airflow_env

pytestmark = pytest.mark.airflow

PASSWORD = "mail-pw-7f3a9"
RECIPIENTS = ["ops@example.test", "oncall@example.test"]


class Inbox:
    """aiosmtpd handler: keeps every mail and the login it came with."""

    def __init__(self):
        self.mails, self.logins = [], []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.mails.append(SimpleNamespace(sender=envelope.mail_from, to=list(envelope.rcpt_tos), message=message,
                                          subject=str(message["Subject"]), body=_body(message)))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password.decode() == PASSWORD)


def _body(message) -> str:
    return "".join(part.get_content() for part in message.walk() if part.get_content_type() == "text/html")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch):
    """A local SMTP server and the `netra_alerts` connection to it (login required, no TLS)."""
    from aiosmtpd.controller import Controller

    airflow_env.configure()
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
                            auth_require_tls=False)
    controller.start()
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_ALERTS", json.dumps({
        "conn_type": "smtp", "host": "127.0.0.1", "port": port, "login": "netra-alerts", "password": PASSWORD,
        "extra": {"from_email": "netra@example.test", "to": RECIPIENTS, "disable_ssl": True,
                  "disable_tls": True, "retry_limit": 0}}))
    yield inbox
    controller.stop()


def _context(exception: BaseException | None) -> dict:
    ti = SimpleNamespace(dag_id="netra_pipeline", task_id="ingest_x", map_index=3,
                         run_id="scheduled__2024-11-19T16:00:00+00:00", try_number=3,
                         log_url="http://airflow.example.test/dags/netra_pipeline/runs/r/tasks/ingest_x/mapped/3?try_number=3")
    start = dt.datetime(2024, 11, 20, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return {"ti": ti, "data_interval_start": start, "data_interval_end": start + dt.timedelta(days=1),
            "params": {}, "exception": exception}


def test_a_failed_task_mails_what_failed_where_and_the_log(smtp_server):
    exc = ConnectionError(f"could not reach postgresql://loader:{PASSWORD}@db:5432/netra\nsecond line")
    alerts.task_failed(_context(exc))

    [mail] = smtp_server.mails
    assert mail.to == RECIPIENTS and mail.sender == "netra@example.test"
    assert smtp_server.logins == [("netra-alerts", PASSWORD)]
    assert mail.subject == "[Netra] netra_pipeline: task ingest_x[3] failed (try 3)"
    for text in ("netra_pipeline", "ingest_x[3]", "scheduled__2024-11-19T16:00:00+00:00",
                 "2024-11-20T00:00:00+08:00 to 2024-11-21T00:00:00+08:00", "<td>3</td>",
                 "ConnectionError: could not reach postgresql://loader:***@db:5432/netra",
                 "/tasks/ingest_x/mapped/3?try_number=3"):
        assert text in mail.body, text
    assert PASSWORD not in mail.message.as_string() and "second line" not in mail.body


def test_a_late_run_mails_its_deadline_with_the_run_and_window(smtp_server):
    context = {"dag_run": {"dag_id": "netra_report", "dag_run_id": "asset_triggered__2024-11-21T01:02:03",
                           "data_interval_start": None, "data_interval_end": None, "state": "running",
                           "queued_at": "2024-11-21T01:02:03+00:00", "conf": {}},
               "deadline": {"id": "x", "deadline_time": dt.datetime(2024, 11, 21, 7, 2, 3, tzinfo=dt.timezone.utc)}}
    alerts.deadline_missed(context=context)

    [mail] = smtp_server.mails
    assert mail.to == RECIPIENTS
    assert mail.subject == ("[Netra] netra_report: run asset_triggered__2024-11-21T01:02:03 "
                            "not finished by its deadline 2024-11-21T07:02:03+00:00")
    assert "running" in mail.body and "/dags/netra_report/runs/asset_triggered__2024-11-21T01%3A02%3A03" in mail.body


def test_a_run_queued_after_its_deadline_is_logged_not_mailed(smtp_server, caplog):
    """A backfilled window's deadline passed before the run was queued: no mail per window."""
    context = {"dag_run": {"dag_id": "netra_pipeline", "dag_run_id": "backfill__2024-11-20T16:00:00+00:00",
                           "data_interval_start": "2024-11-20T16:00:00+00:00",
                           "data_interval_end": "2024-11-21T16:00:00+00:00", "state": "queued",
                           "queued_at": "2026-12-01T09:00:00+00:00", "conf": {}},
               "deadline": {"id": "y", "deadline_time": "2024-11-21T22:00:00+00:00"}}
    with caplog.at_level("INFO", logger="netra.alerts"):
        alerts.deadline_missed(context=context)
    assert smtp_server.mails == []
    assert "Deadline passed before the run was queued" in caplog.text
    context["dag_run"]["queued_at"] = "2024-11-21T21:59:59+00:00"             # queued in time, still late
    alerts.deadline_missed(context=context)
    assert [m.subject for m in smtp_server.mails] == [
        "[Netra] netra_pipeline: run backfill__2024-11-20T16:00:00+00:00 not finished by its deadline 2024-11-21T22:00:00+00:00"]


def test_a_manual_window_comes_from_params_and_an_error_may_hold_braces(smtp_server):
    context = _context(ValueError("rule {{ bad }} in {x}"))
    context.update(data_interval_start=None, data_interval_end=None,
                   params={"window_start": "2024-11-20T00:00:00+08:00", "window_end": "2024-11-21T00:00:00+08:00"})
    alerts.task_failed(context)

    [mail] = smtp_server.mails
    assert "2024-11-20T00:00:00+08:00 to 2024-11-21T00:00:00+08:00" in mail.body
    assert "ValueError: rule {{ bad }} in {x}" in mail.body


def test_without_the_connection_an_alert_is_logged_not_mailed(monkeypatch, caplog):
    airflow_env.configure()
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_ALERTS", raising=False)
    assert alerts.send(alerts.failure_alert(_context(RuntimeError("boom")))) is False
    assert "No Airflow connection netra_alerts" in caplog.text


@pytest.mark.parametrize("text", [
    "postgresql://u:hunter2secret@h/db", "password=hunter2secret", "token: hunter2secret",
    "Authorization: Bearer hunter2secret", "api_key='hunter2secret'", "https://x.test/?access_token=hunter2secret&a=1"])
def test_scrub_masks_credentials(text):
    assert "hunter2secret" not in alerts.scrub(text)
    assert "***" in alerts.scrub(text)


def test_recipients_from_a_list_or_a_comma_separated_string():
    assert alerts.recipients({"to": "a@example.test, b@example.test"}) == ["a@example.test", "b@example.test"]
    assert alerts.recipients({"to": ["a@example.test"]}) == ["a@example.test"]
    assert alerts.recipients({}) == []
