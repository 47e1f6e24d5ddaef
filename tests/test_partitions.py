"""The large tables are partitioned by month (migration 0009): a window's pages, sightings, new
posts, versions and findings are filed in its month's partitions, made before it lands; a post
stays one row across months whatever created_at a refetch reports; a month without partitions
goes to the default ones, refused nothing; pages are compressed with lz4 (migration 0012). Windows scripted as in test_warehouse_evidence, run
by the loader's login."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from netra import partitions, registry, schema, upsert, warehouse
from netra.window import Window
from tests.conftest import SHORT_ELECTION
from tests.test_warehouse_evidence import Script, after, page, run, timeline, tweet

pytestmark = pytest.mark.db
UTC = dt.timezone.utc
TABLES = {"raw.payload": "payload_id", "core.post": "post_pk", "core.post_version": "post_pk",
          "core.sighting": "payload_id", "findings.finding": "post_pk", "findings.rule_hit": "finding_post_pk"}
# The last day of October and the first of November in Asia/Makassar (local midnight is 16:00 UTC).
OCT31 = Window(dt.datetime(2024, 10, 30, 16, tzinfo=UTC), dt.datetime(2024, 10, 31, 16, tzinfo=UTC))
NOV1 = Window(dt.datetime(2024, 10, 31, 16, tzinfo=UTC), dt.datetime(2024, 11, 1, 16, tzinfo=UTC))


def rows(engine, query: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(query), params).all()


def where(engine, table: str, condition: str = "true", **params) -> set[str]:
    """The partitions of `table` that hold its rows matching `condition`."""
    return {r[0] for r in rows(engine, f"SELECT DISTINCT tableoid::regclass::text FROM {table} WHERE {condition}", **params)}


def two_months(engine) -> Script:
    """Post 1 on October 31st; on November 1st post 1 again (its created_at reported a day later)
    and a new post 3."""
    s = Script()
    s.fetches_by_window[OCT31] = [timeline("oct31", OCT31, after(OCT31), page([tweet(1), tweet(2)]))]
    moved = tweet(1) | {"created_at": "2024-11-01T02:01:00.000Z"}
    s.fetches_by_window[NOV1] = [timeline("nov1", NOV1, after(NOV1), page([tweet(3), moved, tweet(2)]))]
    for w in (OCT31, NOV1):
        run(engine, s, w)
    return s


def test_the_large_tables_are_range_partitioned_on_their_ids(engine):
    keys = dict(rows(engine, """
        SELECT p.partrelid::regclass::text, a.attname FROM pg_partitioned_table p
        JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
        WHERE p.partstrat = 'r' AND p.partnatts = 1"""))
    assert {t: keys.get(t) for t in TABLES} == TABLES
    parts = rows(engine, """SELECT i.inhparent::regclass::text, c.relname, pg_get_expr(c.relpartbound, c.oid)
                            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                            WHERE i.inhparent = ANY (CAST(:t AS regclass[]))""", t=list(TABLES))
    for table in TABLES:
        bounds = {name.removeprefix(table.split(".")[1] + "_"): bound for parent, name, bound in parts if parent == table}
        assert bounds == {"legacy": "FOR VALUES FROM (MINVALUE) TO ('1099511627776')", "default": "DEFAULT"}


def test_a_window_in_a_new_month_lands_in_that_months_partitions(engine, login):
    loader = warehouse.engine(login("netra_loader"))       # makes them through ops.ensure_partitions
    two_months(loader)
    nov = "ops.id_month(payload_id) = DATE '2024-11-01'"
    assert where(engine, "raw.payload", "fetch_id = 'x-nov1'") == {"raw.payload_2024_11"}
    assert where(engine, "raw.payload", "fetch_id = 'x-oct31'") == {"raw.payload_2024_10"}
    assert where(engine, "core.sighting", f"{nov}") == {"core.sighting_2024_11"}
    assert where(engine, "core.post", "post_id = '1003'") == {"core.post_2024_11"}
    assert where(engine, "core.post", "post_id IN ('1001', '1002')") == {"core.post_2024_10"}
    assert where(engine, "core.post_version", "post_pk = (SELECT post_pk FROM core.post_key WHERE post_id = '1003')") \
        == {"core.post_version_2024_11"}
    # December was made ahead of need; nothing went to a default partition.
    made = {r[0] for r in rows(engine, "SELECT relname FROM pg_class WHERE relname LIKE '%\\_2024\\_12'")}
    assert made == {f"{t.split('.')[1]}_2024_12" for t in TABLES}
    for table in TABLES:
        assert rows(engine, f"SELECT count(*) FROM {table}_default")[0][0] == 0
    assert rows(engine, "SELECT DISTINCT relowner::regrole::text FROM pg_class WHERE relname LIKE '%\\_2024\\_1_'") \
        == [("netra_owner",)]


def test_a_post_is_one_row_across_months_whatever_created_at_a_refetch_reports(engine):
    two_months(engine)
    posts = rows(engine, "SELECT post_id, created_at, ops.id_month(post_pk) FROM core.post ORDER BY post_id")
    assert [(p, m) for p, _, m in posts] == [("1001", dt.date(2024, 10, 1)), ("1002", dt.date(2024, 10, 1)),
                                             ("1003", dt.date(2024, 11, 1))]
    assert posts[0][1] == dt.datetime(2024, 10, 1, 18, 1, tzinfo=UTC)       # as first reported
    assert rows(engine, "SELECT post_id, count(*) FROM core.post_key GROUP BY 1 ORDER BY 1") == [
        ("1001", 1), ("1002", 1), ("1003", 1)]
    # Post 1 was sighted in both months, each sighting with its page.
    assert rows(engine, """SELECT ops.id_month(s.payload_id) FROM core.sighting s JOIN core.post_key k USING (post_pk)
                           WHERE k.post_id = '1001' ORDER BY 1""") == [(dt.date(2024, 10, 1),), (dt.date(2024, 11, 1),)]
    # A rerun of November changes nothing and numbers nothing anew.
    before = rows(engine, "SELECT post_pk, post_id FROM core.post ORDER BY 1")
    assert upsert.upsert_window(engine, NOV1)["new_posts"] == 0
    assert rows(engine, "SELECT post_pk, post_id FROM core.post ORDER BY 1") == before


def test_pages_are_stored_compressed_with_lz4_in_the_partitions_made_for_them(engine):
    s = Script()
    s.fetches_by_window[NOV1] = [timeline("nov1", NOV1, after(NOV1), page([tweet(n) for n in range(1, 60)]))]
    run(engine, s, NOV1)
    assert rows(engine, "SELECT tableoid::regclass::text, pg_column_compression(body) FROM raw.payload") == [
        ("raw.payload_2024_11", "lz4")]
    assert rows(engine, "SELECT count(*) FROM core.post")[0][0] == 59


def test_findings_and_their_hits_are_filed_with_their_post(engine):
    two_months(engine)
    registry.load_election_file(engine, SHORT_ELECTION)
    with engine.begin() as conn:
        finding_id, post_pk = conn.execute(sa.text("""
            INSERT INTO findings.finding (post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
                                          period, owner_kind, window_start, window_end)
            SELECT post_pk, content_hash, (SELECT min(election_id) FROM registry.election), 'test', '{1}',
                   'campaign', 'unregistered', :s, :e FROM core.post WHERE post_id = '1003'
            RETURNING finding_id, post_pk"""), {"s": NOV1.start, "e": NOV1.end}).one()
        conn.execute(sa.text("""INSERT INTO findings.rule_hit (finding_id, finding_post_pk, rule_id, rule_version,
                                                               candidate_numbers, evidence)
                                VALUES (:f, :p, 'NET-TEST', 1, '{1}', '[]')"""), {"f": finding_id, "p": post_pk})
    assert where(engine, "findings.finding") == {"findings.finding_2024_11"}
    assert where(engine, "findings.rule_hit") == {"findings.rule_hit_2024_11"}
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:     # a hit names its finding's post
        conn.execute(sa.text("""INSERT INTO findings.rule_hit (finding_id, finding_post_pk, rule_id, rule_version,
                                                               candidate_numbers, evidence)
                                VALUES (:f, :p, 'NET-OTHER', 1, '{1}', '[]')"""), {"f": finding_id, "p": post_pk + 1})


def test_a_month_without_partitions_goes_to_the_default_and_stays_there(engine, monkeypatch):
    monkeypatch.setattr(partitions, "ensure", lambda engine, window: [])       # as if every call had failed
    s = Script()
    s.fetches_by_window[OCT31] = [timeline("oct31", OCT31, after(OCT31), page([tweet(1)]))]
    run(engine, s, OCT31)
    assert where(engine, "raw.payload") == {"raw.payload_default"}
    assert where(engine, "core.post") == {"core.post_default"}
    monkeypatch.undo()
    # October cannot be made over the rows its default holds; November can.
    made = {m: (parts, skipped) for m, parts, skipped in rows(
        engine, "SELECT * FROM ops.ensure_partitions(DATE '2024-10-15')")}
    assert made[dt.date(2024, 10, 1)][0] == [] and "violated by some row" in made[dt.date(2024, 10, 1)][1]
    assert len(made[dt.date(2024, 11, 1)][0]) == len(TABLES) and made[dt.date(2024, 11, 1)][1] is None
    run(engine, s, OCT31)                                              # and the month still runs
    assert rows(engine, "SELECT count(*) FROM core.post")[0][0] == 1


def test_a_window_is_filed_in_the_month_of_its_start_in_the_citys_zone(monkeypatch):
    monkeypatch.setenv("NETRA_TIMEZONE", "Asia/Makassar")
    assert partitions.month(NOV1) == dt.date(2024, 11, 1)
    assert partitions.month(OCT31) == dt.date(2024, 10, 1)
    monkeypatch.setenv("NETRA_TIMEZONE", "UTC")
    assert partitions.month(NOV1) == dt.date(2024, 10, 1)


def test_a_warehouse_from_before_keeps_its_rows_and_ids_in_the_legacy_partitions(db_url, engine):
    """Rows numbered before 0009 move into <table>_legacy with their ids (the audit trail and case
    files cite them); a post among them seen again stays that row."""
    engine.dispose()
    schema.downgrade(db_url, "0008_statistics")
    at = OCT31.start
    with engine.begin() as conn:
        conn.execute(sa.text("""
            INSERT INTO raw.fetch (fetch_id, source, platform, scope_kind, scope_key, account, fetched_at, complete,
                                   request, batch_key, window_start, window_end)
            VALUES ('x-before', 'api', 'x', 'timeline', 'dinas_contoh', 'dinas_contoh', :t, false, '{}', 'old', :t, :t)"""),
            {"t": at})
        payload = conn.execute(sa.text("""INSERT INTO raw.payload (fetch_id, page_no, body, sha256, byte_size)
                                          VALUES ('x-before', 0, '\\x7b7d', repeat('a', 64), 2) RETURNING payload_id""")).scalar()
        post = conn.execute(sa.text("""
            INSERT INTO core.post (platform, post_id, account_handle, created_at, post_type, text, content_hash, text_key,
                                   first_source, first_seen_at, last_seen_at)
            VALUES ('x', '1001', 'dinas_contoh', :t, 'original', 'Kegiatan lama', repeat('b', 64), 'kegiatan lama',
                    'api', :t, :t) RETURNING post_pk"""), {"t": at}).scalar()
        conn.execute(sa.text("""INSERT INTO core.post_version VALUES (:p, repeat('b', 64), 'Kegiatan lama', NULL, :t, :t, :g);
                                INSERT INTO core.sighting VALUES (:g, 0, :p, repeat('b', 64), :t)"""),
                     {"p": post, "g": payload, "t": at})
    engine.dispose()
    schema.migrate(db_url)
    for table, condition in (("raw.payload", "payload_id = :g"), ("core.post", "post_pk = :p"),
                             ("core.post_version", "post_pk = :p"), ("core.sighting", "payload_id = :g")):
        assert where(engine, table, condition, g=payload, p=post) == {f"{table}_legacy"}
    assert rows(engine, "SELECT post_pk FROM core.post_key WHERE post_id = '1001'") == [(post,)]
    assert rows(engine, "SELECT payload_id FROM raw.payload_key WHERE fetch_id = 'x-before'") == [(payload,)]
    two_months(engine)
    assert rows(engine, "SELECT post_pk, text FROM core.post WHERE post_id = '1001'") == [(post, "Kegiatan dinas nomor 1")]
    assert where(engine, "core.post", "post_pk = :p", p=post) == {"core.post_legacy"}
