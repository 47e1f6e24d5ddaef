"""Tombstones only from evidence, and a hand-off from ingest to upsert that is checked and
survives a crash. Each test scripts the API fetches of a few windows (X timeline pages in the
API's shape, fictional accounts) and runs the pipeline's plain functions on a real PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
import sqlalchemy as sa

from netra import ingest, schema, upsert, warehouse
from netra.extract.fetch import Batch, Fetch
from netra.window import Window
from tests.pipeline_helpers import POSTS, SIGHTINGS, VERSIONS, digest

pytestmark = pytest.mark.db
UTC = dt.timezone.utc
BATCH = Batch("api", "x", 0, ("dinas_contoh",), ("9001",))
DAY = [dt.datetime(2024, 10, d, 16, tzinfo=UTC) for d in range(1, 8)]       # local midnights, Asia/Makassar
WINDOWS = [Window(DAY[i], DAY[i + 1]) for i in range(6)]


def tweet(n: int, day: int = 0, text: str | None = None, **extra) -> dict:
    created = DAY[day] + dt.timedelta(hours=2, minutes=n % 60)
    return {"id": str(1000 + n), "edit_history_tweet_ids": [str(1000 + n)], "author_id": "9001",
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "text": text if text is not None else f"Kegiatan dinas nomor {n}", **extra}


def page(items: list, next_token: str | None = None) -> bytes:
    meta = {"result_count": len(items)} | ({"next_token": next_token} if next_token else {})
    return json.dumps({"data": items, "includes": {"users": [{"id": "9001", "username": "dinas_contoh"}]},
                       "meta": meta}).encode()


def timeline(name: str, window: Window, fetched_at: dt.datetime, *pages: bytes, complete: bool = True,
             lookback: dt.timedelta = dt.timedelta(days=1)) -> Fetch:
    return Fetch(fetch_id=f"x-{name}", source="api", platform="x", scope_kind="timeline", scope_key="dinas_contoh",
                 account="dinas_contoh", account_platform_id="9001", since=window.start - lookback,
                 until=window.end, fetched_at=fetched_at, complete=complete,
                 request={"path": "/2/users/9001/tweets"}, pages=list(pages))


class Script:
    """A source that returns what the test says each window's fetches were."""

    def __init__(self):
        self.fetches_by_window: dict[Window, list[Fetch]] = {}

    def fetches(self, batch, window):
        yield from self.fetches_by_window.get(window, [])


def run(engine, script, window, upsert_too=True, **kw):
    ingest.ingest_batch(engine, script, BATCH, window, max_failure_rate=1.0)
    return upsert.upsert_window(engine, window, **kw) if upsert_too else None


def deleted(engine) -> dict[str, dt.datetime | None]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT post_id, deleted_at FROM core.post ORDER BY post_id")).all())


def after(window: Window, hours: int = 1) -> dt.datetime:
    return window.end + dt.timedelta(hours=hours)


def test_a_window_ingested_but_not_upserted_deletes_nothing(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1), tweet(2)]))]
    run(engine, s, WINDOWS[0])
    # The next day re-reads day 1 (lookback) and still has both posts, but stops at its quality
    # gate or is still running: it is ingested, not upserted.
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]),
                                                page([tweet(3, 1), tweet(1), tweet(2)]))]
    run(engine, s, WINDOWS[1], upsert_too=False)
    run(engine, s, WINDOWS[0])                         # day 1 reprocessed
    assert deleted(engine) == {"1001": None, "1002": None}
    upsert.upsert_window(engine, WINDOWS[1])
    assert deleted(engine) == {"1001": None, "1002": None, "1003": None}
    # A later complete fetch without post 2 is the evidence that deletes it, as of that fetch.
    s.fetches_by_window[WINDOWS[2]] = [timeline("d3", WINDOWS[2], after(WINDOWS[2]), page([tweet(3, 1)]),
                                                lookback=dt.timedelta(days=2))]
    run(engine, s, WINDOWS[2])
    assert deleted(engine) == {"1001": after(WINDOWS[2]), "1002": after(WINDOWS[2]), "1003": None}


def test_a_quarantined_item_was_still_returned(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1), tweet(2)]))]
    run(engine, s, WINDOWS[0])
    broken = tweet(2) | {"created_at": "kemarin sore"}          # returned, but refused by the checks
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]), page([tweet(1), broken]))]
    run(engine, s, WINDOWS[1])
    assert deleted(engine) == {"1001": None, "1002": None}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT post_id FROM quarantine.record")).scalars().all() == ["1002"]
    # An item whose id cannot be read could be any post: that fetch proves no absence at all.
    s.fetches_by_window[WINDOWS[2]] = [timeline("d3", WINDOWS[2], after(WINDOWS[2]), page(["not a tweet"]),
                                                lookback=dt.timedelta(days=2))]
    run(engine, s, WINDOWS[2])
    assert deleted(engine) == {"1001": None, "1002": None}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT fetch_id, proves_absence, why_not FROM core.fetch_applied ORDER BY 1")).all() == [
            ("x-d1", True, None), ("x-d2", True, None), ("x-d3", False, "a quarantined item has no readable id")]


def test_a_page_cut_short_proves_no_absence(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]),
                                                page([tweet(1), tweet(2)], "p2"), page([tweet(3), tweet(4)]))]
    run(engine, s, WINDOWS[0])
    cut = page([tweet(3), tweet(4)])[:40]                           # the second page ends mid-item
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]), page([tweet(1), tweet(2)], "p2"), cut)]
    run(engine, s, WINDOWS[1])
    assert deleted(engine) == {"1001": None, "1002": None, "1003": None, "1004": None}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT why_not FROM core.fetch_applied WHERE fetch_id = 'x-d2'")).scalar() \
            == "a page could not be read"


def test_an_api_error_in_a_200_page_is_not_an_empty_timeline(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1)]))]
    run(engine, s, WINDOWS[0])
    error = json.dumps({"error": {"code": 403, "message": "The request cannot be completed because you have exceeded "
                                  "your quota.", "errors": [{"reason": "quotaExceeded", "domain": "youtube.quota"}]}})
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]), error.encode())]
    run(engine, s, WINDOWS[1])
    assert deleted(engine) == {"1001": None}


def test_a_mass_tombstoning_stops_the_upsert_and_writes_nothing(engine, monkeypatch):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(n) for n in range(30)]))]
    run(engine, s, WINDOWS[0])
    s.fetches_by_window[WINDOWS[1]] = [timeline("d2", WINDOWS[1], after(WINDOWS[1]), page([tweet(40, 1)]))]
    before = digest(engine, POSTS)
    with pytest.raises(upsert.TombstoneGuardError, match="would mark 30 of the 31 posts"):
        run(engine, s, WINDOWS[1])
    assert digest(engine, POSTS) == before
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM core.fetch_applied WHERE fetch_id = 'x-d2'")).scalar() == 0
    # Someone looked: the account really purged its timeline, and the window runs again with the
    # run's param raised.
    from netra import tasks

    monkeypatch.setenv(warehouse.ENV_VAR, engine.url.render_as_string(False).replace("+psycopg2", ""))
    interval = {"data_interval_start": WINDOWS[1].start, "data_interval_end": WINDOWS[1].end}
    with pytest.raises(Exception, match="TombstoneGuardError"):
        tasks.window_step("upsert", {**interval, "params": {"max_tombstone_share": None}})
    tasks.window_step("upsert", {**interval, "params": {"max_tombstone_share": 1}})
    assert sum(v is not None for v in deleted(engine).values()) == 30


def test_a_differing_re_land_keeps_both_byte_sets(engine):
    s = Script()
    first = timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1, text="Apel pagi di kantor")]))
    s.fetches_by_window[WINDOWS[0]] = [first]
    run(engine, s, WINDOWS[0])
    again = Fetch(**{**first.__dict__, "pages": [page([tweet(1, text="Apel pagi di kantor camat")])]})
    s.fetches_by_window[WINDOWS[0]] = [again]
    run(engine, s, WINDOWS[0])
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM raw.payload WHERE fetch_id = 'x-d1'")).scalar() == 2
        # Every version and every sighting cites bytes that hold its text.
        cited = conn.execute(sa.text("""
            SELECT v.text, position(convert_to(v.text, 'UTF8') IN r.body) > 0
            FROM core.post_version v JOIN raw.payload r USING (payload_id)
            UNION ALL
            SELECT v.text, position(convert_to(v.text, 'UTF8') IN r.body) > 0
            FROM core.sighting s JOIN raw.payload r USING (payload_id)
            JOIN core.post_version v USING (post_pk, content_hash)""")).all()
    assert sorted(cited) == [("Apel pagi di kantor", True)] * 2 + [("Apel pagi di kantor camat", True)] * 2


def test_upsert_refuses_a_stage_that_lost_its_rows(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1), tweet(2)]))]
    run(engine, s, WINDOWS[0], upsert_too=False)
    with engine.begin() as conn:            # what an UNLOGGED stage looked like after a crash
        conn.execute(sa.text("DELETE FROM stage.post"))
    with pytest.raises(upsert.HandOffError, match="ingest staged 2 rows of 1 fetches, stage holds 0 rows of 1"):
        upsert.upsert_window(engine, WINDOWS[0])
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM core.post")).scalar() == 0
        assert conn.execute(sa.text("SELECT string_agg(relname || ':' || relpersistence::text, ' ' ORDER BY relname) "
                                    "FROM pg_class WHERE relnamespace = 'stage'::regnamespace AND relkind = 'r'")).scalar() \
            == "fetch:p finding:p post:p"


def test_upsert_refuses_a_batch_stopped_by_its_quality_gate(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(1), "broken"]))]
    with pytest.raises(ingest.QualityGateError):
        ingest.ingest_batch(engine, s, BATCH, WINDOWS[0], max_failure_rate=0.05)
    with pytest.raises(upsert.HandOffError, match="failed its quality gate"):
        upsert.upsert_window(engine, WINDOWS[0])


def test_a_crash_between_ingest_and_upsert_ends_as_a_clean_run(tmp_path, engine):
    from netra.dev.cluster import Cluster

    s = Script()
    for i, w in enumerate(WINDOWS[:3]):
        s.fetches_by_window[w] = [timeline(f"d{i}", w, after(w), page([tweet(n, i) for n in range(i * 5, i * 5 + 5)]
                                                                      + [tweet(1)] * (i > 0)))]
    for w in WINDOWS[:3]:                  # the clean run, on the session's cluster
        run(engine, s, w)
    clean = [digest(engine, q) for q in (POSTS, VERSIONS, SIGHTINGS)]

    crashing = Cluster(tmp_path / "crash", durable=True)
    crashing.start()
    try:
        crashing.create_database("netra")
        url = warehouse.url_from_airflow_conn(crashing.dsn("netra"))
        schema.migrate(url)
        crashed = warehouse.engine(url)
        run(crashed, s, WINDOWS[0])
        run(crashed, s, WINDOWS[1])
        ingest.ingest_batch(crashed, s, BATCH, WINDOWS[2], max_failure_rate=1.0)
        crashed.dispose()
        assert crashing.stop(mode="immediate")
        crashing.start()
        upsert.upsert_window(crashed, WINDOWS[2])            # Airflow's retry of the upsert task
        assert [digest(crashed, q) for q in (POSTS, VERSIONS, SIGHTINGS)] == clean
        run(crashed, s, WINDOWS[2])                          # and the whole window again
        assert [digest(crashed, q) for q in (POSTS, VERSIONS, SIGHTINGS)] == clean
        crashed.dispose()
    finally:
        crashing.destroy()


@pytest.mark.parametrize("texts", [("Rapat koordinasi", "Zona integritas"), ("Zona integritas", "Rapat koordinasi")])
def test_one_id_twice_in_a_page_the_first_in_page_order_is_current(engine, texts):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]),
                                                page([tweet(1, text=texts[0]), tweet(1, text=texts[1])]))]
    run(engine, s, WINDOWS[0])
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT text FROM core.post")).scalar() == texts[0]
        assert conn.execute(sa.text("SELECT count(*) FROM core.post_version")).scalar() == 2


def test_a_batch_restaged_while_its_window_upserts_waits_for_it(engine):
    s = Script()
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1", WINDOWS[0], after(WINDOWS[0]), page([tweet(n) for n in range(5)]))]
    ingest.ingest_batch(engine, s, BATCH, WINDOWS[0], max_failure_rate=1.0)
    with engine.begin() as conn:            # the upsert pauses three seconds after it has read stage
        conn.execute(sa.text("CREATE FUNCTION pause() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$"))
        conn.execute(sa.text("CREATE TRIGGER pause AFTER INSERT ON core.post_version "
                             "FOR EACH STATEMENT EXECUTE FUNCTION pause()"))
    upserting = threading.Thread(target=upsert.upsert_window, args=(engine, WINDOWS[0]))
    upserting.start()
    with engine.connect() as conn:
        for _ in range(300):
            if conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")).scalar():
                break
            time.sleep(0.05)
        else:
            pytest.fail("the upsert never reached its pause")
    # Meanwhile the connector reads the window again: a new fetch, the same five posts.
    s.fetches_by_window[WINDOWS[0]] = [timeline("d1-again", WINDOWS[0], after(WINDOWS[0], 2),
                                                page([tweet(n) for n in range(5)]))]
    ingest.ingest_batch(engine, s, BATCH, WINDOWS[0], max_failure_rate=1.0)
    upserting.join()
    assert set(deleted(engine).values()) == {None}
