"""The warehouse schema migrates up, down and up again on a real PostgreSQL, keeping the marts."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra import marts, schema, warehouse
from tests.test_marts import from_files, mart_views

pytestmark = pytest.mark.db
SCHEMAS = {"registry", "raw", "stage", "core", "quarantine", "findings", "mart", "ops", "cases", "audit", "desk"}


def _schemas(url):
    with warehouse.engine(url).connect() as conn:
        return {r[0] for r in conn.execute(sa.text("SELECT nspname FROM pg_namespace"))} & SCHEMAS


def test_down_and_up_again(db_url):
    assert _schemas(db_url) == SCHEMAS
    made = from_files(db_url)
    schema.downgrade(db_url, "base")
    assert _schemas(db_url) == set()
    schema.migrate(db_url)
    assert _schemas(db_url) == SCHEMAS
    assert mart_views(db_url) == made
    with warehouse.engine(db_url).connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0013_statement_writes"


@pytest.mark.parametrize("target, keeps_marts", [(marts.SINCE, True), ("0006_cases", False), ("0004_runoff", False),
                                                 ("0001_foundation", False)])
def test_a_downgrade_keeps_the_marts_while_the_schema_still_has_what_they_read(db_url, target, keeps_marts):
    """The migrations do not know the views: each one runs with the marts dropped, and they come
    back from their files while the revision reached fits them (marts.SINCE or later)."""
    made = from_files(db_url)
    schema.downgrade(db_url, target)
    assert mart_views(db_url) == (made if keeps_marts else {})
    schema.migrate(db_url)
    assert mart_views(db_url) == made


def test_down_to_0004_and_up_again_keeps_a_populated_warehouse_working(db_url):
    """A warehouse filled before 0005 (tombstones made, stage still holding a window) upgrades to
    one whose upserts can rerun: the hand-off metrics are filled in, the fetches already upserted
    are evidence, and a rerun takes back no tombstone."""
    from netra import upsert
    from tests.test_warehouse_evidence import WINDOWS, Script, after, deleted, page, run, timeline, tweet

    engine = warehouse.engine(db_url)
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]),
                                                page([tweet(1), tweet(2), tweet(3) | {"created_at": "kemarin"}]))]
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]),
                                                page([tweet(1), tweet(3) | {"created_at": "kemarin"}]))]
    for w in WINDOWS[:2]:
        run(engine, s, w)
    before = deleted(engine)
    assert before == {"1001": None, "1002": after(WINDOWS[1])}

    def applied():
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT fetch_id, proves_absence, why_not FROM core.fetch_applied ORDER BY 1")).all()
    evidence = applied()
    made = from_files(db_url)
    engine.dispose()
    schema.downgrade(db_url, "0004_runoff")
    assert mart_views(db_url) == {}                     # the marts read the pseudonyms 0007 adds
    schema.migrate(db_url)
    assert mart_views(db_url) == made
    marts.refresh(engine)
    assert applied() == evidence == [("x-d1", True, None), ("x-d2", True, None)]
    for w in WINDOWS[:2]:
        upsert.upsert_window(engine, w)
    assert deleted(engine) == before

    # A page landed again with other bytes cannot go below 0005: the old schema would lose one.
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1, text="Diubah")]))]
    run(engine, s, WINDOWS[0])
    engine.dispose()
    with pytest.raises(Exception, match="re-landed with different bytes"):
        schema.downgrade(db_url, "0004_runoff")


def test_the_loader_may_analyze_the_pipelines_tables_and_nothing_else(db_url, login):
    """ANALYZE needs a table's owner: the loader asks ops.analyze, which refuses anything but a
    table of the pipeline's schemas."""
    loader = warehouse.engine(login("netra_loader"))
    with loader.begin() as conn:
        assert warehouse.analyze(conn, 5, "core.post", "stage.finding", at_least=1)
        assert not warehouse.analyze(conn, 5, "core.post")
    with warehouse.engine(db_url).connect() as conn:
        analyzed = dict(conn.execute(sa.text(
            "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
            "WHERE schemaname || '.' || relname IN ('core.post', 'stage.finding')")).all())
    assert analyzed == {"post": True, "finding": True}
    for outside in ("registry.employee", "pg_catalog.pg_authid", "no.such_table"):
        with pytest.raises(sa.exc.DBAPIError, match="is not a table of the pipeline"), loader.begin() as conn:
            warehouse.analyze(conn, 1, outside, at_least=1)
