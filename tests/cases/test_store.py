"""Cases and the audit trail on real PostgreSQL: the warehouse itself refuses a step the workflow
does not list, every step writes an audit row, and the trail refuses to be changed and shows it
when it was."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra.cases import store, workflow
from netra.cases.workflow import WorkflowError
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load

pytestmark = pytest.mark.db
FLOW, SHA = workflow.load()


@pytest.fixture
def case(engine, short_sample):
    """A warehouse with the workflow loaded and one new case of a fictional employee."""
    load(engine, short_sample[0], SHORT_ELECTION)
    store.load_workflow(engine, "tim-pemantau")
    with engine.begin() as conn:
        return conn.execute(sa.text(
            "INSERT INTO cases.case (election_id, employee_id, state, discovered_at) "
            "SELECT (SELECT election_id FROM registry.election LIMIT 1), min(employee_id), 'baru', now() "
            "FROM registry.employee RETURNING case_id")).scalar()


def _audit(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT actor, kind, subject, detail FROM audit.event ORDER BY event_id")).all()


def test_each_step_moves_the_case_and_writes_its_audit_row(engine, case):
    assert store.step(engine, FLOW, case, "verifikasi", "petugas-1", "Akun terdaftar milik ASN; bukti lengkap") \
        == "terverifikasi"
    assert store.step(engine, FLOW, case, "rekomendasikan", "petugas-1", "Memenuhi unsur pelanggaran") \
        == "direkomendasikan"
    store.step(engine, FLOW, case, "periksa", "atasan-1", "Pemeriksaan tanggal 3")
    assert store.step(engine, FLOW, case, "putuskan", "ppk", "Keputusan PPK", track="disiplin", outcome="sedang",
                      measure="Pemotongan tunjangan 25% selama 6 bulan") == "diputus"
    trail = _audit(engine)
    assert [(a.kind, a.subject) for a in trail] == [("workflow_load", "workflow.yaml")] + [("case_transition", f"case:{case}")] * 4
    assert trail[0].detail["sha256"] == SHA
    assert trail[1].actor == "petugas-1" and trail[1].detail["reason"] == "Akun terdaftar milik ASN; bukti lengkap"
    assert trail[4].detail == {"from": "diperiksa", "to": "diputus", "action": "putuskan", "reason": "Keputusan PPK",
                               "decision_track": "disiplin", "decision_outcome": "sedang",
                               "measure": "Pemotongan tunjangan 25% selama 6 bulan"}
    assert store.audit_breach(engine) is None


def test_a_step_the_workflow_does_not_list_is_refused_by_the_warehouse_too(engine, case):
    with pytest.raises(WorkflowError, match="cannot 'putuskan'"):
        store.step(engine, FLOW, case, "putuskan", "petugas-1", "langsung", track="etik", outcome="sanksi_moral_terbuka")
    for action in ("verifikasi", "rekomendasikan", "periksa"):
        store.step(engine, FLOW, case, action, "petugas-1", "ok")
    with pytest.raises(WorkflowError, match="needs the concrete measure"):
        store.step(engine, FLOW, case, "putuskan", "ppk", "ok", track="disiplin", outcome="berat")
    with pytest.raises(WorkflowError, match="every step needs a reason"):
        store.step(engine, FLOW, case, "putuskan", "ppk", " ", track="tidak_terbukti", outcome="tidak_terbukti")
    raw = ("INSERT INTO cases.event (case_id, from_state, to_state, action, actor, reason, decision_track, "
           "decision_outcome) VALUES (:c, :f, :t, :a, 'x', :r, :track, :outcome)")
    refused = [
        ({"f": "diperiksa", "t": "ditutup", "a": "tutup", "r": "skip"}, "no action tutup"),        # not listed
        ({"f": "baru", "t": "terverifikasi", "a": "verifikasi", "r": "again"}, "case .* is diperiksa, not baru"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "no decision"}, "needs a decision"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "  ", "track": "etik", "outcome": "x"}, "reason"),
    ]
    for params, message in refused:
        with pytest.raises(sa.exc.DBAPIError, match=message), engine.begin() as conn:
            conn.execute(sa.text(raw), {"c": case, "track": None, "outcome": None, **params})
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT state FROM cases.case WHERE case_id = :c"), {"c": case}).scalar() == "diperiksa"
    assert len(_audit(engine)) == 1 + 3                  # the load and the three steps that were allowed


def test_a_retired_transition_is_refused_but_past_steps_keep_it(engine, case):
    store.step(engine, FLOW, case, "verifikasi", "petugas-1", "ok")
    stricter = FLOW.model_copy(update={"transitions": [t for t in FLOW.transitions if t.action != "hentikan"]})
    store.load_workflow(engine, "admin", stricter, "0" * 64)
    with pytest.raises(sa.exc.DBAPIError, match="no action hentikan"), engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, actor, reason) "
                             "VALUES (:c, 'terverifikasi', 'dihentikan', 'hentikan', 'x', 'tidak cukup bukti')"),
                     {"c": case})


@pytest.mark.parametrize("change", ["UPDATE audit.event SET actor = 'someone else'", "DELETE FROM audit.event",
                                    "TRUNCATE audit.event", "UPDATE cases.event SET reason = 'rewritten'",
                                    "DELETE FROM cases.event"])
def test_the_trail_refuses_every_change_even_to_the_owner(engine, case, change):
    store.step(engine, FLOW, case, "verifikasi", "petugas-1", "ok")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.text(change))
    assert len(_audit(engine)) == 2


def test_a_rewritten_row_shows_where_the_chain_breaks(engine, case):
    store.step(engine, FLOW, case, "verifikasi", "petugas-1", "ok")
    store.step(engine, FLOW, case, "rekomendasikan", "petugas-1", "ok")
    with engine.connect() as conn:
        second = conn.execute(sa.text("SELECT event_id FROM audit.event ORDER BY event_id OFFSET 1 LIMIT 1")).scalar()
    with engine.begin() as conn:              # a superuser who switches the triggers off
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        conn.execute(sa.text("UPDATE audit.event SET detail = detail || '{\"reason\": \"lain\"}' WHERE event_id = :e"),
                     {"e": second})
    assert store.audit_breach(engine) == second
