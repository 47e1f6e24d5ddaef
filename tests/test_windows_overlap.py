"""Windows are identified by start and end, and every phase of a window takes its lock: a manual
two-day window and the daily windows inside it, run one after another or all at once (twice the
same window among them), leave the same warehouse. Over the short fictional campaign's landing files."""
from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
import sqlalchemy as sa

from netra import ingest, judge, plan, upsert, warehouse
from netra.extract.landing import LandingSource
from netra.window import Window
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import ELECTIONS, FINDINGS, POSTS, SIGHTINGS, TZ, VERSIONS, digest, load

pytestmark = pytest.mark.db
WINDOW_POSTS = ("SELECT w.window_start, w.window_end, p.platform, p.post_id, w.content_hash, w.first_seen_at, "
                "w.last_seen_at FROM core.window_post w JOIN core.post p USING (post_pk)")
WINDOW_QUARANTINE = ("SELECT q.window_start, q.window_end, f.fetch_id, r.page_no, q.item_no, q.post_id, q.reasons "
                     "FROM quarantine.record q JOIN raw.payload r USING (payload_id) JOIN raw.fetch f USING (fetch_id)")
FINDING_WINDOWS = ("SELECT p.platform, p.post_id, f.window_start, f.window_end FROM findings.finding f "
                   "JOIN core.post p USING (post_pk)")
STAGED = ("SELECT s.window_start, s.window_end, s.batch_key, r.fetch_id, r.page_no, s.item_no FROM stage.post s "
          "JOIN raw.payload r USING (payload_id)")
EVERYTHING = (POSTS, VERSIONS, SIGHTINGS, FINDINGS, WINDOW_POSTS, WINDOW_QUARANTINE, FINDING_WINDOWS, STAGED)


def _window(first: dt.date, days: int) -> Window:
    return Window(dt.datetime.combine(first, dt.time(), TZ), dt.datetime.combine(first + dt.timedelta(days=days), dt.time(), TZ))


def _at_once(calls: list[tuple]) -> list:
    """Each call in its own process, as Airflow runs tasks (Great Expectations is not thread-safe)."""
    with ProcessPoolExecutor(len(calls), mp_context=multiprocessing.get_context("spawn")) as pool:
        return [f.result() for f in [pool.submit(*c) for c in calls]]


def _in_process(name: str, url: str, *args, **kwargs):
    """Run netra function `name` ("module.function") on the warehouse at `url`."""
    import importlib

    module, function = name.rsplit(".", 1)
    return getattr(importlib.import_module(module), function)(warehouse.engine(url), *args, **kwargs)


def _slow_commits(engine, table: str) -> None:
    """Writers of `table` hold their transaction two seconds after writing it: runs that overlap
    at all overlap there, where an unguarded second run would not see the first's rows."""
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$"))
        conn.execute(sa.text(f"CREATE TRIGGER slow AFTER INSERT ON {table} FOR EACH STATEMENT EXECUTE FUNCTION slow_commit()"))


def _run(engine, sample_dir, window: Window) -> None:
    source = LandingSource(sample_dir / "landing", "Asia/Makassar")
    for b in plan.plan_batches(engine, window):
        ingest.ingest_batch(engine, source, b, window, max_failure_rate=1.0)
    upsert.upsert_window(engine, window)
    judge.judge_window(engine, window, elections_dir=ELECTIONS)


@pytest.fixture(scope="module")
def setting(new_db, short_sample):
    sample_dir, _ = short_sample
    first = min(dt.date.fromisoformat(p.name) for p in (sample_dir / "landing" / "capture").iterdir()) + dt.timedelta(days=3)
    two_days, day1, day2 = _window(first, 2), _window(first, 1), _window(first + dt.timedelta(days=1), 1)

    def fresh():
        engine = warehouse.engine(new_db())
        load(engine, sample_dir, SHORT_ELECTION)
        return engine

    sequential = fresh()
    for w in (two_days, day1, day2):
        _run(sequential, sample_dir, w)
    return sample_dir, fresh, sequential, (two_days, day1, day2)


def test_a_daily_window_inside_a_manual_two_day_window_keeps_its_own_rows(setting):
    _, _, engine, (two_days, day1, day2) = setting
    with engine.connect() as conn:
        q = lambda sql: dict(conn.execute(sa.text(sql)).all())  # noqa: E731
        quarantined = q("SELECT window_end - window_start, count(*) FROM quarantine.record GROUP BY 1")
        seen = q("SELECT window_end - window_start, count(*) FROM core.window_post GROUP BY 1")
        owners = q("SELECT window_end - window_start, count(*) FROM findings.finding GROUP BY 1")
    # Both days' quarantined items are the two-day window's too, and its posts are the days' posts.
    assert quarantined[dt.timedelta(days=2)] > 0
    assert quarantined[dt.timedelta(days=1)] == quarantined[dt.timedelta(days=2)]
    assert seen[dt.timedelta(days=1)] >= seen[dt.timedelta(days=2)] > 1000
    # The days judged every post the two-day window judged: the days' reports keep those findings.
    assert list(owners) == [dt.timedelta(days=1)] and owners[dt.timedelta(days=1)] > 100


def test_overlapping_windows_at_once_leave_what_sequential_runs_leave(setting):
    sample_dir, fresh, sequential, (two_days, day1, day2) = setting
    engine = fresh()
    for table in ("stage.post", "core.window_post", "findings.rule_hit"):    # so that the runs overlap
        _slow_commits(engine, table)
    _at_once([(_in_process, "tests.test_windows_overlap._run", engine.url.render_as_string(False), sample_dir, w)
              for w in (day2, two_days, day1, day1)])
    assert [digest(engine, q) for q in EVERYTHING] == [digest(sequential, q) for q in EVERYTHING]


def test_two_ingests_of_one_batch_at_once_stage_it_once(setting):
    sample_dir, fresh, sequential, (_, day1, _) = setting
    engine = fresh()
    batch = next(b for b in plan.plan_batches(engine, day1) if b.source == "intake")
    _slow_commits(engine, "stage.post")
    with multiprocessing.get_context("spawn").Manager() as manager:
        both = manager.Barrier(2)
        results = _at_once([(_in_process, "tests.test_windows_overlap._ingest_together",
                             engine.url.render_as_string(False), both, sample_dir, batch, day1) for _ in range(2)])
    with engine.connect() as conn:
        staged = conn.execute(sa.text("SELECT count(*) FROM stage.post WHERE batch_key = :b"), {"b": batch.key}).scalar()
        recorded = conn.execute(sa.text("SELECT (details->>'staged')::int FROM ops.task_metric "
                                        "WHERE task_id = 'ingest' AND batch_key = :b"), {"b": batch.key}).scalar()
    assert results[0]["rows_in"] == results[1]["rows_in"] > 0
    assert staged == recorded > 0


def _ingest_together(engine, barrier, sample_dir, batch, window: Window) -> dict:
    """Ingest the batch once the other run is ready to as well: both start at once."""
    barrier.wait(timeout=120)
    return ingest.ingest_batch(engine, LandingSource(sample_dir / "landing", "Asia/Makassar"), batch, window,
                               max_failure_rate=1.0)


def test_two_findings_of_one_window_at_once(setting):
    sample_dir, fresh, sequential, (two_days, day1, day2) = setting
    engine = fresh()
    source = LandingSource(sample_dir / "landing", "Asia/Makassar")
    for w in (two_days, day1, day2):
        for b in plan.plan_batches(engine, w):
            ingest.ingest_batch(engine, source, b, w, max_failure_rate=1.0)
        upsert.upsert_window(engine, w)
    _slow_commits(engine, "findings.rule_hit")
    _at_once([(_in_process, "netra.judge.judge_window", engine.url.render_as_string(False), w, None, None, ELECTIONS)
              for w in (day1, day1, two_days)])
    judge.judge_window(engine, day2, elections_dir=ELECTIONS)
    assert digest(engine, FINDINGS) == digest(sequential, FINDINGS)
    assert digest(engine, FINDING_WINDOWS) == digest(sequential, FINDING_WINDOWS)
