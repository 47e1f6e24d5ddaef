"""The warehouse's roles on real PostgreSQL: everything is owned by netra_owner, grants are the
file's and re-applied (audited) by every migration, a supervisor sees only the cases of their
own OPDs, an auditor reads the trail and nothing else."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra import roles, schema, warehouse
from netra.cases import store
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load

pytestmark = pytest.mark.db
SCHEMAS = ("registry", "raw", "stage", "core", "quarantine", "findings", "mart", "ops", "audit", "cases", "desk")


def q(engine, sql, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def test_every_object_is_the_owners_and_a_migration_reapplies_the_grants(engine, db_url):
    others = q(engine, """SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner) FROM pg_class c
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE n.nspname = ANY(:s) AND c.relkind IN ('r', 'v', 'm', 'S')
                            AND pg_get_userbyid(c.relowner) <> 'netra_owner'
                          UNION ALL
                          SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner) FROM pg_proc p
                          JOIN pg_namespace n ON n.oid = p.pronamespace
                          WHERE n.nspname = ANY(:s) AND pg_get_userbyid(p.proowner) <> 'netra_owner'""",
               s=list(SCHEMAS))
    assert others == []
    assert {r[0] for r in q(engine, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'netra\\_%'")} >= set(roles.GROUPS)
    with engine.begin() as conn:                      # someone grants more by hand
        conn.execute(sa.text("GRANT SELECT ON registry.employee TO netra_analyst"))
    schema.migrate(db_url)
    assert q(engine, "SELECT has_table_privilege('netra_analyst', 'registry.employee', 'SELECT')") == [(False,)]
    grants = q(engine, "SELECT detail->>'sha256' FROM audit.event WHERE kind = 'role_grants' ORDER BY event_id")
    assert len(grants) == 2 and grants[0] == grants[1]


@pytest.fixture
def two_opds(engine, short_sample):
    """Two cases in two OPDs, the workflow loaded."""
    load(engine, short_sample[0], SHORT_ELECTION)
    store.load_workflow(engine, "test")
    with engine.begin() as conn:
        return conn.execute(sa.text("""
            INSERT INTO cases.case (election_id, employee_id, opd_id, state, discovered_at)
            SELECT (SELECT election_id FROM registry.election LIMIT 1), e.employee_id, a.opd_id, 'baru', now()
            FROM (SELECT DISTINCT ON (opd_id) opd_id, employee_id FROM registry.assignment
                  WHERE valid_to IS NULL ORDER BY opd_id, employee_id LIMIT 2) a
            JOIN registry.employee e USING (employee_id)
            RETURNING case_id, opd_id""")).all()


def test_a_supervisor_sees_and_works_only_the_cases_of_their_opd(engine, two_opds, login):
    (mine, my_opd), (theirs, _) = two_opds
    supervisor = warehouse.engine(login("netra_supervisor"))
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.scope VALUES (:r, :o)"), {"r": supervisor.url.username, "o": my_opd})
    assert q(supervisor, "SELECT case_id FROM cases.case") == [(mine,)]
    assert {r[0] for r in q(supervisor, "SELECT DISTINCT case_id FROM cases.deadline")} == {mine}
    assert q(supervisor, "SELECT count(*) FROM cases.case WHERE case_id = :c", c=theirs) == [(0,)]
    for table in ("registry.employee", "core.post", "findings.finding", "raw.payload", "audit.event", "mart.finding_list"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            q(supervisor, f"SELECT 1 FROM {table} LIMIT 1")
    with engine.begin() as conn:                      # both wait for their superior's examination
        for case_id in (mine, theirs):
            for f, t, a in (("baru", "terverifikasi", "verifikasi"), ("terverifikasi", "direkomendasikan", "rekomendasikan")):
                conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason) "
                                     "VALUES (:c, :f, :t, :a, 'uji')"), {"c": case_id, "f": f, "t": t, "a": a})
    with pytest.raises(sa.exc.DBAPIError, match=f"no case {theirs} for role"), supervisor.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason) "
                             "VALUES (:c, 'direkomendasikan', 'diperiksa', 'periksa', 'bukan kasus saya')"), {"c": theirs})
    with supervisor.begin() as conn:
        conn.execute(sa.text("INSERT INTO cases.event (case_id, from_state, to_state, action, reason) "
                             "VALUES (:c, 'direkomendasikan', 'diperiksa', 'periksa', 'BAP 4 Des')"), {"c": mine})
    officer = warehouse.engine(login("netra_case_officer"))
    assert {r[0] for r in q(officer, "SELECT case_id FROM cases.case")} == {mine, theirs}


def test_an_auditor_reads_the_trail_and_nothing_else(engine, two_opds, login):
    auditor = warehouse.engine(login("netra_auditor"))
    kinds = {r[0] for r in q(auditor, "SELECT DISTINCT kind FROM audit.event")}
    assert {"role_grants", "workflow_load", "case_opened"} <= kinds
    assert q(auditor, "SELECT count(*) FROM (SELECT audit.canonical(e) FROM audit.event e) x")[0][0] > 0
    for table in ("cases.case", "registry.employee", "mart.finding_list", "core.post"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            q(auditor, f"SELECT 1 FROM {table} LIMIT 1")
    for stmt in ("UPDATE audit.event SET actor = 'x'", "DELETE FROM audit.event",
                 "INSERT INTO audit.event (actor, kind, subject, detail) VALUES ('x', 'y', 'z', '{}')"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), auditor.begin() as conn:
            conn.execute(sa.text(stmt))
