"""A window streams through in parts (a province's intake batch is a million rows): a batch landed,
validated and staged a part at a time, with capture exports read a page of lines at a time, and
its versions judged a part at a time, leaves the warehouse a window taken whole leaves, apart
from where raw cut the pages."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import sqlalchemy as sa

from netra import ingest, judge, land, settings
from netra.extract import landing
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import FINDINGS, POSTS, VERSIONS, digest, load, run_window

pytestmark = pytest.mark.db
_land = land.land
QUARANTINE = "SELECT q.source, q.platform, q.post_id, q.stage, q.reasons, q.record_raw FROM quarantine.record q"
DQ = "SELECT suite, sum(rows_checked), sum(rows_failed), bool_and(success) FROM ops.dq_result GROUP BY suite"
METRICS = ("SELECT batch_key, rows_in, rows_out, quarantined, details->'staged', details->'fetches' "
           "FROM ops.task_metric WHERE task_id = 'ingest'")
FAILING = ("SELECT suite, f->>'check', sum((f->>'rows')::int) FROM ops.dq_result, jsonb_array_elements(failing) f "
           "GROUP BY 1, 2")


def _day_with_broken_captures(sample_dir) -> dt.date:
    days = sorted(dt.date.fromisoformat(p.name) for p in (sample_dir / "landing" / "capture").iterdir())
    return next(d for d in days if d.toordinal() % 7 == 0)      # the sample's broken lines land then


def test_a_window_in_parts_loads_what_the_whole_window_loads(new_db, short_sample, monkeypatch):
    sample_dir, _ = short_sample
    day = _day_with_broken_captures(sample_dir)
    whole, parts = (sa.create_engine(new_db(), poolclass=sa.pool.NullPool) for _ in range(2))
    for engine in (whole, parts):
        load(engine, sample_dir, SHORT_ELECTION)
    run_window(whole, sample_dir, day)
    monkeypatch.setattr(ingest, "PART_BYTES", 16_384)
    monkeypatch.setattr(landing, "CAPTURE_PAGE_LINES", 7)
    monkeypatch.setattr(judge, "VERSIONS_PER_PART", 7)
    landed = Counter()
    monkeypatch.setattr(land, "land", lambda conn, fetches, batch, *args, **kw: landed.update([batch.key]) or
                        _land(conn, fetches, batch, *args, **kw))
    run_window(parts, sample_dir, day)

    with parts.connect() as conn:
        pages = dict(conn.execute(sa.text(
            "SELECT f.source, max(r.page_no) FROM raw.payload r JOIN raw.fetch f USING (fetch_id) GROUP BY 1")).all())
        item_nos = conn.execute(sa.text("SELECT max(item_no) FROM stage.post WHERE source = 'capture'")).scalar()
    assert pages["capture"] >= 10 and item_nos < 7          # capture files were read a page of 7 lines at a time
    assert landed["intake:all:0"] >= 5                       # the captures were landed and staged in parts,
    assert settings.ingest_workers() >= 1                     # prepared by worker processes,
    assert settings.judge_workers() >= 1                      # and judged by worker processes
    with whole.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM quarantine.record WHERE source = 'capture'")).scalar() > 0
    for query in (POSTS, VERSIONS, FINDINGS, QUARANTINE, DQ, FAILING, METRICS):
        assert digest(parts, query) == digest(whole, query), query
