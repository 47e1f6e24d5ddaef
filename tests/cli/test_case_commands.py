"""The administrative commands on a real warehouse named by AIRFLOW_CONN_NETRA_WAREHOUSE: loading
the workflow, escalating, retention (a dry run counts what the run then removes) and logins."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from netra.cli.main import main
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load

pytestmark = pytest.mark.db


def test_workflow_escalate_retention_and_user_from_the_command_line(engine, db_url, short_sample, monkeypatch, capsys):
    load(engine, short_sample[0], SHORT_ELECTION)
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", db_url)
    assert main(["case", "workflow"]) == 0
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.case (election_id, employee_id, state, discovered_at) "
                             "SELECT min(election_id), (SELECT min(employee_id) FROM registry.employee), 'baru', "
                             "'2024-11-20 10:00+08' FROM registry.election"))
    capsys.readouterr()
    assert main(["case", "escalate", "--day", "2024-12-01"]) == 0
    assert json.loads(capsys.readouterr().out)["by_deadline"] == {"pengaduan": 1}
    assert main(["retention", "--dry-run", "--day", "2030-01-01"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert main(["retention", "--day", "2030-01-01"]) == 0
    assert {k: v for k, v in json.loads(capsys.readouterr().out).items() if k != "dry_run"} == \
        {k: v for k, v in planned.items() if k != "dry_run"}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ops.retention_run")).scalar() == 1
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("kata-sandi-uji-panjang\n"))
    assert main(["user", "add", "uji_cli_login", "--role", "auditor", "--password-stdin"]) == 0
    assert main(["user", "remove", "uji_cli_login"]) == 0
    assert main(["user", "add", "uji_cli_login", "--role", "supervisor", "--password-stdin"]) == 2
