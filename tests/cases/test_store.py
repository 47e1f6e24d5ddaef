"""Cases and the audit trail on real PostgreSQL: the warehouse itself refuses a step the workflow
does not list or the sender's role may not take, every step writes an audit row under the login
that sent it, and the trail refuses to be changed and shows it when it was."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra import audit, warehouse
from netra.cases import store, workflow
from netra.cases.workflow import WorkflowError
from tests.cases.conftest import insert_case

pytestmark = pytest.mark.db
FLOW, SHA = workflow.load()


@pytest.fixture
def case(flow_loaded):
    """A warehouse with the workflow loaded and one new case of a fictional employee."""
    with flow_loaded.begin() as conn:
        return insert_case(conn)


@pytest.fixture
def officer(login):
    url = login("netra_case_officer")
    return warehouse.engine(url), sa.engine.make_url(url).username


def _audit(engine, kind="case_transition") -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT actor, db_role, kind, subject, detail FROM audit.event WHERE kind = :k "
                                    "ORDER BY event_id"), {"k": kind}).all()


def test_each_step_moves_the_case_and_writes_its_audit_row(engine, case, officer):
    desk, name = officer
    assert store.step(desk, FLOW, case, "verifikasi", "Akun terdaftar milik ASN; bukti lengkap") == "terverifikasi"
    assert store.step(desk, FLOW, case, "rekomendasikan", "Memenuhi unsur pelanggaran") == "direkomendasikan"
    store.step(desk, FLOW, case, "periksa", "Pemeriksaan tanggal 3")
    assert store.step(desk, FLOW, case, "putuskan", "Keputusan PPK", track="disiplin", outcome="sedang",
                      measure="Pemotongan tunjangan 25% selama 6 bulan") == "diputus"
    trail = _audit(engine)
    assert [a.subject for a in trail] == [f"case:{case}"] * 4
    assert {(a.actor, a.db_role) for a in trail} == {(name, name)}
    assert trail[0].detail["reason"] == "Akun terdaftar milik ASN; bukti lengkap"
    assert trail[3].detail == {"from": "diperiksa", "to": "diputus", "action": "putuskan", "reason": "Keputusan PPK",
                               "decision_track": "disiplin", "decision_outcome": "sedang",
                               "measure": "Pemotongan tunjangan 25% selama 6 bulan", "db_role": name}
    (load_row,) = _audit(engine, "workflow_load")
    assert load_row.detail["sha256"] == SHA and load_row.detail["days_off"] > 0
    assert [a.subject for a in _audit(engine, "case_opened")] == [f"case:{case}"]
    assert audit.breach(engine) is None


def test_a_step_the_workflow_does_not_list_is_refused_by_the_warehouse_too(engine, case, officer):
    desk, _ = officer
    with pytest.raises(WorkflowError, match="cannot 'putuskan'"):
        store.step(desk, FLOW, case, "putuskan", "langsung", track="etik", outcome="sanksi_moral_terbuka")
    for action in ("verifikasi", "rekomendasikan", "periksa"):
        store.step(desk, FLOW, case, action, "ok")
    with pytest.raises(WorkflowError, match="needs the concrete measure"):
        store.step(desk, FLOW, case, "putuskan", "ok", track="disiplin", outcome="berat")
    with pytest.raises(WorkflowError, match="every step needs a reason"):
        store.step(desk, FLOW, case, "putuskan", " ", track="tidak_terbukti", outcome="tidak_terbukti")
    raw = ("INSERT INTO cases.event (case_id, from_state, to_state, action, reason, decision_track, "
           "decision_outcome, measure) VALUES (:c, :f, :t, :a, :r, :track, :outcome, :measure)")
    refused = [
        ({"f": "diperiksa", "t": "ditutup", "a": "tutup", "r": "skip"}, "no action tutup"),        # not listed
        ({"f": "baru", "t": "terverifikasi", "a": "verifikasi", "r": "again"}, "case .* is diperiksa, not baru"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "no decision"}, "needs a decision"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "  ", "track": "etik",
          "outcome": "sanksi_moral_terbuka"}, "reason"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "x", "track": "etik", "outcome": "teguran"},
         "no decision etik / teguran"),
        ({"f": "diperiksa", "t": "diputus", "a": "putuskan", "r": "x", "track": "disiplin", "outcome": "berat"},
         "with its measure"),
    ]
    for params, message in refused:
        with pytest.raises(sa.exc.DBAPIError, match=message), desk.begin() as conn:
            conn.execute(sa.text(raw), {"c": case, "track": None, "outcome": None, "measure": None, **params})
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT state FROM cases.case WHERE case_id = :c"), {"c": case}).scalar() == "diperiksa"
    assert len(_audit(engine)) == 3                  # the three steps that were allowed


def test_a_desk_login_cannot_write_who_acted_nor_move_a_case_by_hand(case, officer):
    desk, _ = officer
    for stmt in ("INSERT INTO cases.event (case_id, from_state, to_state, action, actor, reason) "
                 "VALUES (:c, 'baru', 'terverifikasi', 'verifikasi', 'someone else', 'x')",
                 "UPDATE cases.case SET state = 'ditutup' WHERE case_id = :c",
                 "INSERT INTO audit.event (actor, kind, subject, detail) VALUES ('x', 'y', 'z', '{}')"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), desk.begin() as conn:
            conn.execute(sa.text(stmt), {"c": case})


def test_a_supervisor_may_record_the_examination_only(engine, case, officer, login):
    desk, _ = officer
    supervisor = warehouse.engine(login("netra_supervisor"))
    name = supervisor.url.username
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE cases.case SET opd_id = (SELECT min(opd_id) FROM registry.opd) WHERE case_id = :c"),
                     {"c": case})
        conn.execute(sa.text("INSERT INTO cases.scope SELECT :n, opd_id FROM cases.case WHERE case_id = :c"),
                     {"n": name, "c": case})
    with pytest.raises(sa.exc.DBAPIError, match=f"role {name} may not verifikasi"):
        store.step(supervisor, FLOW, case, "verifikasi", "saya atasannya")
    store.step(desk, FLOW, case, "verifikasi", "ok")
    store.step(desk, FLOW, case, "rekomendasikan", "ok")
    assert store.step(supervisor, FLOW, case, "periksa", "Diperiksa 4 Des; BAP terlampir") == "diperiksa"
    assert _audit(engine)[-1].actor == name


def test_a_retired_transition_is_refused_but_past_steps_keep_it(engine, case, officer):
    desk, _ = officer
    store.step(desk, FLOW, case, "verifikasi", "ok")
    stricter = FLOW.model_copy(update={"transitions": [t for t in FLOW.transitions if t.action != "hentikan"]})
    store.load_workflow(engine, "admin", stricter, "0" * 64)
    with pytest.raises(sa.exc.DBAPIError, match="no action hentikan"), desk.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason) "
                             "VALUES (:c, 'terverifikasi', 'dihentikan', 'hentikan', 'tidak cukup bukti')"),
                     {"c": case})


@pytest.mark.parametrize("change", ["UPDATE audit.event SET actor = 'someone else'", "DELETE FROM audit.event",
                                    "TRUNCATE audit.event", "UPDATE cases.event SET reason = 'rewritten'",
                                    "DELETE FROM cases.event"])
def test_the_trail_refuses_every_change_even_to_the_owner(engine, case, officer, change):
    store.step(officer[0], FLOW, case, "verifikasi", "ok")
    before = len(_audit(engine, "case_transition")) + len(_audit(engine, "case_opened"))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.text(change))
    assert before == 2 and len(_audit(engine)) + len(_audit(engine, "case_opened")) == before


def test_a_rewritten_row_shows_where_the_chain_breaks(engine, case, officer):
    store.step(officer[0], FLOW, case, "verifikasi", "ok")
    store.step(officer[0], FLOW, case, "rekomendasikan", "ok")
    with engine.connect() as conn:
        second = conn.execute(sa.text("SELECT event_id FROM audit.event ORDER BY event_id OFFSET 1 LIMIT 1")).scalar()
    with engine.begin() as conn:              # a superuser who switches the triggers off
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        conn.execute(sa.text("UPDATE audit.event SET detail = detail || '{\"reason\": \"lain\"}' WHERE event_id = :e"),
                     {"e": second})
    assert audit.breach(engine) == second
