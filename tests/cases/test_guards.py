"""What the warehouse refuses or stamps itself, whoever sends it (found by review): an audit row
in someone else's name, a case opened anywhere but the first state, a hold's release rewritten,
a measure on a step that decides nothing, a case's finding rewritten by a rerun."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from netra import audit, warehouse
from netra.cases import workflow
from tests.cases.conftest import insert_case
from tests.pipeline_helpers import run_window

pytestmark = pytest.mark.db
FLOW, _ = workflow.load()


@pytest.fixture
def loaded(flow_loaded):
    return flow_loaded


def test_an_audit_row_names_the_login_that_sent_it(loaded, login):
    loader = warehouse.engine(login("netra_loader"))
    with loader.begin() as conn:
        audit.record(conn, "pemantau_budi", "case_transition", "case:1", {"to": "ditutup"})
    with loaded.connect() as conn:
        actor, detail = conn.execute(sa.text("SELECT actor, detail FROM audit.event ORDER BY event_id DESC LIMIT 1")).one()
    assert actor == loader.url.username and detail["program"] == "pemantau_budi"
    assert audit.breach(loaded) is None


def test_a_case_opens_only_in_the_first_state_and_open(loaded, login):
    loader = warehouse.engine(login("netra_loader"))
    for state in ("ditutup", "diputus"):
        with pytest.raises(sa.exc.DBAPIError, match="first state"), loader.begin() as conn:
            insert_case(conn, state=state)
    with loader.begin() as conn:
        case_id = insert_case(conn)
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), loader.begin() as conn:
        conn.execute(sa.text("UPDATE cases.case SET state = 'ditutup' WHERE case_id = :c"), {"c": case_id})


def test_a_hold_is_released_once_by_whoever_releases_it(loaded, login):
    officer = warehouse.engine(login("netra_case_officer"))
    with officer.begin() as conn:
        hold = conn.execute(sa.text("INSERT INTO cases.hold (employee_id, reason) SELECT min(employee_id), "
                                    "'Permintaan Inspektorat' FROM registry.employee RETURNING hold_id")).scalar()
        conn.execute(sa.text("UPDATE cases.hold SET released_at = now() - interval '30 days' WHERE hold_id = :h"),
                     {"h": hold})
    with loaded.connect() as conn:
        by, at = conn.execute(sa.text("SELECT released_by, released_at FROM cases.hold WHERE hold_id = :h"),
                              {"h": hold}).one()
        now = conn.execute(sa.text("SELECT now()")).scalar()
    assert by == officer.url.username and abs((at - now).total_seconds()) < 60     # stamped now, not as asked
    for stmt, message in (("UPDATE cases.hold SET released_at = NULL WHERE hold_id = :h", "released already"),
                          ("UPDATE cases.hold SET released_by = 'kepala' WHERE hold_id = :h", "permission denied"),
                          ("DELETE FROM cases.hold WHERE hold_id = :h", "permission denied")):
        with pytest.raises(sa.exc.DBAPIError, match=message), officer.begin() as conn:
            conn.execute(sa.text(stmt), {"h": hold})
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), loaded.begin() as conn:
        conn.execute(sa.text("DELETE FROM cases.hold WHERE hold_id = :h"), {"h": hold})
    with loaded.connect() as conn:
        kinds = conn.execute(sa.text("SELECT detail->>'op' FROM audit.event WHERE kind = 'hold' ORDER BY event_id")).scalars()
        assert list(kinds) == ["INSERT", "UPDATE"]


def test_a_step_that_decides_nothing_takes_no_measure(loaded, login):
    officer = warehouse.engine(login("netra_case_officer"))
    with loaded.begin() as conn:
        case_id = insert_case(conn)
    with pytest.raises(sa.exc.DBAPIError, match="takes no measure"), officer.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason, measure) "
                             "VALUES (:c, 'baru', 'terverifikasi', 'verifikasi', 'ok', 'teguran')"), {"c": case_id})


def test_a_rerun_after_a_registry_correction_leaves_a_cases_findings_as_the_case_took_them(loaded, short_sample):
    day = dt.date(2024, 11, 20)
    run_window(loaded, short_sample[0], day)
    finding = ("SELECT f.finding_id, f.owner_kind, f.severity_discipline, "
               "(SELECT count(*) FROM findings.rule_hit h WHERE h.finding_id = f.finding_id) "
               "FROM findings.finding f JOIN core.post p USING (post_pk) JOIN registry.account a USING (account_id) "
               "WHERE a.employee_id = :e ORDER BY 1")
    with loaded.connect() as conn:
        employee = conn.execute(sa.text("SELECT c.employee_id FROM cases.case c JOIN registry.employee e USING (employee_id) "
                                        "WHERE e.status = 'PNS' ORDER BY c.case_id LIMIT 1")).scalar()
        before = conn.execute(sa.text(finding), {"e": employee}).all()
    with loaded.begin() as conn:              # the personnel office corrects the status: PTT all along
        conn.execute(sa.text("UPDATE registry.employee_status SET status = 'PTT' WHERE employee_id = :e"), {"e": employee})
    run_window(loaded, short_sample[0], day)
    with loaded.connect() as conn:
        assert conn.execute(sa.text(finding), {"e": employee}).all() == before
        assert {r[1] for r in before} == {"PNS"}
