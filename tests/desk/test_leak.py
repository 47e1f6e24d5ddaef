"""The desk's views run as their owner, so the filter on what a reader may see is theirs to keep:
each is a security barrier, so a function the reader writes into the query sees only the rows the
filter lets through (found by review: without it a supervisor's function captured the names and
NIPs of other OPDs' cases, and most of the registry)."""
from __future__ import annotations

import psycopg2
import pytest
import sqlalchemy as sa

from netra import marts
from tests.desk.conftest import q

pytestmark = pytest.mark.db
LEAK = """
CREATE TEMP TABLE loot (a text, b text);
CREATE FUNCTION pg_temp.leak(a text, b text) RETURNS boolean LANGUAGE plpgsql STRICT COST 0.0001 AS
$f$ BEGIN INSERT INTO pg_temp.loot VALUES (a, b); RETURN true; END $f$;
"""


def test_every_desk_view_is_a_security_barrier(admin):
    barriers = q(admin, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'desk' AND c.relkind = 'v' AND 'security_barrier=true' = ANY(c.reloptions)")
    assert sorted(r[0] for r in barriers) == sorted(marts.DESK_VIEWS)


@pytest.mark.parametrize("view, columns, theirs", [
    ("queue", "full_name, nip", "SELECT e.nip FROM cases.case c JOIN registry.employee e USING (employee_id) "
                                "WHERE c.opd_id IS DISTINCT FROM :opd"),
    ("case_post", "account_handle, permalink",
     "SELECT p.permalink FROM cases.case c JOIN cases.case_finding cf USING (case_id) JOIN findings.finding f "
     "USING (finding_id) JOIN core.post p ON p.post_pk = f.post_pk WHERE c.opd_id IS DISTINCT FROM :opd"),
])
def test_a_supervisors_own_function_sees_no_other_opds_rows(desk_db, admin, logins, view, columns, theirs):
    name, password = logins("netra_supervisor")
    mine, opd = q(admin, "SELECT case_id, opd_id FROM cases.case ORDER BY case_id LIMIT 1")[0]
    with admin.begin() as conn:
        conn.exec_driver_sql("INSERT INTO cases.scope VALUES (%(n)s, %(o)s)", {"n": name, "o": opd})
    url = sa.engine.make_url(desk_db)
    conn = psycopg2.connect(host=url.host, port=url.port, dbname=url.database, user=name, password=password)
    try:
        cur = conn.cursor()
        cur.execute(LEAK)
        cur.execute(f"SELECT count(*) FROM desk.{view} WHERE pg_temp.leak({columns})")
        cur.execute("SELECT b FROM pg_temp.loot")
        captured = {r[0] for r in cur.fetchall()}
    finally:
        conn.close()
    others = {r[0] for r in q(admin, theirs, opd=opd)} - {None}
    assert others and not (captured & others)
