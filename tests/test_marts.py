"""The marts are made from include/sql/mart after the migrations: every one exists with its file's
definition and indexes after `schema.migrate`, whatever mart views the warehouse had before."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra import marts, schema, settings, warehouse

pytestmark = pytest.mark.db
MART_VIEWS = """
SELECT c.relname, c.relkind, c.relispopulated, pg_get_viewdef(c.oid),
       array(SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = c.oid ORDER BY 1)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'mart' AND c.relkind IN ('v', 'm')
ORDER BY 1"""


def _views(conn) -> dict:
    return {name: rest for name, *rest in conn.execute(sa.text(MART_VIEWS))}


def mart_views(url) -> dict:
    """Each mart view's kind, whether it is populated, its pg_get_viewdef and its indexes."""
    with warehouse.engine(url).connect() as conn:
        return _views(conn)


def from_files(url) -> dict:
    """What the files make, read from the warehouse's own mart schema emptied and rebuilt in a
    transaction that is rolled back."""
    with warehouse.engine(url).connect() as conn:
        conn.execute(sa.text("DROP SCHEMA mart CASCADE; CREATE SCHEMA mart"))
        for name in marts.VIEWS:
            conn.execute(sa.text((settings.sql_dir() / "mart" / f"{name}.sql").read_text(encoding="utf-8")))
        made = _views(conn)
        conn.rollback()
    return made


def test_every_file_is_a_mart_and_migrate_makes_it(db_url):
    files = {p.stem for p in (settings.sql_dir() / "mart").glob("*.sql")} - {"drop", "refresh"}
    assert files == set(marts.VIEWS)
    made = mart_views(db_url)
    assert set(made) == set(marts.VIEWS)
    assert made == from_files(db_url)
    for kind, populated, _, indexes in made.values():        # REFRESH ... CONCURRENTLY needs both
        assert kind == "v" or (populated and any(i.startswith("CREATE UNIQUE INDEX") for i in indexes))


@pytest.mark.parametrize("drop", ["DROP MATERIALIZED VIEW mart.findings_daily",
                                  "DROP VIEW mart.account_owner CASCADE"])
def test_a_mart_dropped_by_hand_comes_back(db_url, drop):
    before = mart_views(db_url)
    with warehouse.engine(db_url).begin() as conn:
        conn.execute(sa.text(drop))
    assert set(mart_views(db_url)) < set(marts.VIEWS)
    schema.migrate(db_url)
    assert mart_views(db_url) == before == from_files(db_url)


def test_views_an_older_version_made_get_the_files_definitions(db_url):
    """As 0001 and 0002 left them in a warehouse migrated before the marts moved to files (the
    serial id as pseudonym, the handle beside it)."""
    with warehouse.engine(db_url).begin() as conn:
        conn.execute(sa.text("""
            DROP MATERIALIZED VIEW mart.account_coverage;
            DROP MATERIALIZED VIEW mart.findings_daily;
            DROP VIEW mart.finding_list;
            DROP VIEW mart.account_owner;
            CREATE VIEW mart.account_owner AS
            SELECT a.account_id, a.platform, a.handle, a.owner_type, a.official,
                   a.opd_id AS own_opd_id, a.employee_id, e.status AS employee_status,
                   'PEG-' || a.employee_id AS employee_pseudonym
            FROM registry.account a LEFT JOIN registry.employee e USING (employee_id);
            CREATE VIEW mart.finding_list AS
            SELECT f.finding_id, f.election_id, p.platform, p.post_id, p.permalink, f.owner_kind, ao.employee_pseudonym,
                   (p.created_at AT TIME ZONE 'UTC')::date AS day
            FROM findings.finding f JOIN core.post p USING (post_pk)
            LEFT JOIN mart.account_owner ao ON ao.account_id = p.account_id;
            CREATE MATERIALIZED VIEW mart.findings_daily AS
            SELECT fl.election_id, fl.day, fl.platform, fl.owner_kind, count(*) AS findings
            FROM mart.finding_list fl GROUP BY 1, 2, 3, 4;
            CREATE UNIQUE INDEX findings_daily_key ON mart.findings_daily (election_id, day, platform, owner_kind);
            CREATE MATERIALIZED VIEW mart.account_coverage AS
            SELECT account_id, handle, employee_pseudonym FROM mart.account_owner;
            CREATE UNIQUE INDEX account_coverage_key ON mart.account_coverage (account_id)"""))
    old = mart_views(db_url)
    files = from_files(db_url)
    assert all(old[name] != files[name] for name in ("account_owner", "finding_list", "findings_daily", "account_coverage"))
    schema.migrate(db_url)
    assert mart_views(db_url) == files


def test_a_view_outside_the_marts_reading_one_stops_migrate_and_leaves_the_marts(db_url):
    """The marts are dropped without CASCADE: another's view is never dropped behind its back."""
    with warehouse.engine(db_url).begin() as conn:
        conn.execute(sa.text("CREATE VIEW public.my_findings AS SELECT finding_id FROM mart.finding_list"))
    with pytest.raises(sa.exc.DBAPIError, match="depend"):
        schema.migrate(db_url)
    assert mart_views(db_url) == from_files(db_url)


def test_a_migration_that_fails_leaves_the_marts_and_the_schema_as_they_were(db_url):
    """The marts are dropped, the migrations run and the marts made again in one transaction."""
    before = mart_views(db_url)
    revision = "SELECT version_num FROM alembic_version"
    with warehouse.engine(db_url).begin() as conn:       # reads a table that the downgrade drops: it fails
        head = conn.execute(sa.text(revision)).scalar()
        conn.execute(sa.text("CREATE VIEW public.reads_evidence AS SELECT fetch_id FROM core.fetch_applied"))
    with pytest.raises(sa.exc.DBAPIError):
        schema.downgrade(db_url, "0004_runoff")
    assert mart_views(db_url) == before
    with warehouse.engine(db_url).connect() as conn:
        assert conn.execute(sa.text(revision)).scalar() == head
