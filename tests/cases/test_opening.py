"""Findings become cases, on real PostgreSQL, as the pipeline's open_cases step leaves them: one
open case per employee (or OPD account) and election, later findings attach, a dismissed post
version never joins again, an ended case takes nothing more, and each case's clock starts."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from netra import audit, warehouse
from netra.cases import opening, store, workflow
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import day_window, load, run_window

pytestmark = pytest.mark.db
FLOW, _ = workflow.load()
DAYS = (dt.date(2024, 11, 20), dt.date(2024, 11, 21))


def q(engine, sql, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


@pytest.fixture
def judged(engine, short_sample):
    """Two campaign days through the whole pipeline (open_cases included)."""
    load(engine, short_sample[0], SHORT_ELECTION)
    results = [run_window(engine, short_sample[0], day) for day in DAYS]
    return engine, short_sample[0], results


def test_each_subject_gets_one_case_holding_all_its_breach_findings(judged):
    engine, _, results = judged
    assert sum(r["open_cases"]["opened"] for r in results) > 0
    breaches = q(engine, "SELECT count(*) FROM findings.finding f JOIN core.post p USING (post_pk) "
                         "WHERE f.disposition = 'breach' AND p.account_id IS NOT NULL")[0][0]
    assert q(engine, "SELECT count(*) FROM cases.case_finding")[0][0] == breaches > 0
    per_subject = q(engine, "SELECT employee_id, account_id, count(*) FROM cases.case "
                            "GROUP BY election_id, employee_id, account_id HAVING count(*) > 1")
    assert per_subject == []
    mixed = q(engine, """SELECT c.case_id FROM cases.case c JOIN cases.case_finding cf USING (case_id)
                         JOIN findings.finding f USING (finding_id) JOIN core.post p USING (post_pk)
                         JOIN registry.account a ON a.account_id = p.account_id
                         WHERE a.employee_id IS DISTINCT FROM c.employee_id
                            OR (c.account_id IS NOT NULL AND a.account_id <> c.account_id)""")
    assert mixed == []
    # every case starts in the first state with the complaint deadline running 7 days from discovery
    clocks = q(engine, """SELECT c.state, d.deadline_id, d.due_on - (c.discovered_at AT TIME ZONE 'Asia/Makassar')::date
                          FROM cases.case c JOIN cases.deadline d USING (case_id)""")
    assert {tuple(r) for r in clocks} == {("baru", "pengaduan", 7)}
    assert len(clocks) == q(engine, "SELECT count(*) FROM cases.case")[0][0]
    assert q(engine, "SELECT count(*) FROM audit.event WHERE kind = 'case_opened'")[0][0] == len(clocks)
    attached = q(engine, "SELECT subject, detail->'finding_ids' FROM audit.event WHERE kind = 'case_findings'")
    assert sum(len(ids) for _, ids in attached) == breaches and len({s for s, _ in attached}) == len(clocks)
    assert audit.breach(engine) is None


def test_a_rerun_window_opens_nothing_and_attaches_nothing_twice(judged):
    engine, sample, _ = judged
    before = q(engine, "SELECT case_id, finding_id FROM cases.case_finding ORDER BY 1, 2")
    again = run_window(engine, sample, DAYS[1])
    assert again["open_cases"] == {"opened": 0, "cases_with_new_findings": 0, "findings_attached": 0}
    assert q(engine, "SELECT case_id, finding_id FROM cases.case_finding ORDER BY 1, 2") == before


def _new_ruleset(engine, finding_id: int) -> int:
    """The same post version judged again under another ruleset version (a new finding row)."""
    with engine.begin() as conn:
        return conn.execute(sa.text(
            "INSERT INTO findings.finding (post_pk, content_hash, election_id, ruleset_version, candidate_numbers, "
            "stance, period, owner_kind, severity_ethics, severity_discipline, window_start, window_end, disposition) "
            "SELECT post_pk, content_hash, election_id, ruleset_version || '+next', candidate_numbers, stance, period, "
            "owner_kind, severity_ethics, severity_discipline, window_start, window_end, disposition "
            "FROM findings.finding WHERE finding_id = :f RETURNING finding_id"), {"f": finding_id}).scalar()


def test_a_dismissed_version_stays_out_whatever_finds_it_again(judged, login):
    engine, sample, _ = judged
    officer = warehouse.engine(login("netra_case_officer"))
    (kept, dismissed), = q(engine, "SELECT min(finding_id), max(finding_id) FROM cases.case_finding")
    with officer.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.finding_review (post_pk, content_hash, election_id, verdict, reason) "
                             "SELECT post_pk, content_hash, election_id, 'ditolak', 'Akun parodi, bukan milik ASN' "
                             "FROM findings.finding WHERE finding_id = :f"), {"f": dismissed})
    again_dismissed, again_kept = _new_ruleset(engine, dismissed), _new_ruleset(engine, kept)
    result = opening.open_cases(engine)
    assert result["findings_attached"] == 1
    attached = {f for (f,) in q(engine, "SELECT finding_id FROM cases.case_finding")}
    assert again_kept in attached and again_dismissed not in attached
    assert q(engine, "SELECT count(*) FROM audit.event WHERE kind = 'finding_review'")[0][0] == 1


def test_an_ended_case_takes_nothing_more_and_a_new_breach_opens_a_new_case(judged, login):
    engine, _, _ = judged
    officer = warehouse.engine(login("netra_case_officer"))
    (case_id, finding_id), = q(engine, "SELECT case_id, min(finding_id) FROM cases.case_finding "
                                       "GROUP BY case_id ORDER BY case_id LIMIT 1")
    assert store.step(officer, FLOW, case_id, "hentikan", "Bukti tidak cukup") == "dihentikan"
    assert q(engine, "SELECT closed_at IS NOT NULL, (SELECT ended FROM cases.deadline d WHERE d.case_id = c.case_id) "
                     "FROM cases.case c WHERE case_id = :c", c=case_id) == [(True, "dihentikan")]
    later = _new_ruleset(engine, finding_id)
    assert opening.open_cases(engine)["opened"] == 1
    (new_case,), = q(engine, "SELECT case_id FROM cases.case_finding WHERE finding_id = :f", f=later)
    assert new_case != case_id
    assert q(engine, "SELECT state FROM cases.case WHERE case_id = :c", c=new_case) == [("baru",)]


def test_the_loader_login_opens_cases_and_a_case_finding_cannot_be_dropped(engine, short_sample, login):
    load(engine, short_sample[0], SHORT_ELECTION)
    loader = warehouse.engine(login("netra_loader"))
    run_window(loader, short_sample[0], DAYS[0])
    assert q(engine, "SELECT count(*) FROM cases.case")[0][0] > 0
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM findings.finding WHERE finding_id = (SELECT min(finding_id) "
                             "FROM cases.case_finding)"))
    assert opening.open_cases(loader, day_window(DAYS[0]))["opened"] == 0
