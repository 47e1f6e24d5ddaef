"""Each step of netra.steps on its own, one after another over one sample day, checked in the
warehouse after each; then `run_window`, which the DAG, the benchmark and the tests share, runs
them in ORDER."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from netra import platforms, steps, warehouse
from netra.extract.landing import LandingSource
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import ELECTIONS, day_window, load

pytestmark = pytest.mark.db


def _count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


def _busy_day(sample_dir) -> dt.date:
    """The sample day with the most posts, so that every step has work."""
    days = [json.loads(line)["created_at"][:10] for line in (sample_dir / "truth.jsonl").read_text().splitlines()]
    return dt.date.fromisoformat(max(set(days), key=days.count))


@pytest.fixture
def run(new_db, short_sample):
    sample_dir, _ = short_sample
    engine = warehouse.engine(new_db())
    load(engine, sample_dir, SHORT_ELECTION)
    return steps.Run(engine, day_window(_busy_day(sample_dir)), LandingSource(sample_dir / "landing", "Asia/Makassar"),
                     elections_dir=ELECTIONS)


def test_each_step_does_its_own_part(run):
    engine = run.engine
    lanes = steps.plan(run)
    assert list(lanes) == [*platforms.NAMES, platforms.INTAKE]
    assert all(b.platform == lane for lane in platforms.NAMES for b in lanes[lane])
    assert [b.source for b in lanes[platforms.INTAKE]] == ["intake"]
    assert _count(engine, "SELECT count(*) FROM raw.fetch") == 0              # planning writes nothing

    ingested = [steps.ingest(run, b) for batches in lanes.values() for b in batches]
    assert sum(r["rows_in"] for r in ingested) == sum(r["rows_out"] + r["quarantined"] for r in ingested)
    assert 0 < _count(engine, "SELECT count(*) FROM stage.post") <= sum(r["rows_out"] for r in ingested)
    assert _count(engine, "SELECT count(*) FROM core.post") == 0              # ingest stops at stage

    upserted = steps.upsert(run)
    assert upserted["posts"] > 0 and _count(engine, "SELECT count(*) FROM core.post") == upserted["posts"]
    assert _count(engine, "SELECT count(*) FROM core.post_link") == 0         # linking is its own step

    linked = steps.link_cross_posts(run)
    assert linked["cross_post_links"] == _count(engine, "SELECT count(*) FROM core.post_link") > 0

    assert _count(engine, "SELECT count(*) FROM findings.finding") == 0
    judged = steps.judge(run)
    assert judged["findings"] == _count(engine, "SELECT count(*) FROM findings.finding") > 0
    assert 0 < judged["versions"] <= _count(engine, "SELECT count(*) FROM core.post_version")

    assert _count(engine, "SELECT count(*) FROM mart.findings_daily") == 0    # not refreshed yet
    steps.refresh_marts(run)
    assert _count(engine, "SELECT count(*) FROM mart.findings_daily") > 0

    assert steps.publish(run) == {"window": run.window.as_dict()}


def test_run_window_runs_every_step_in_order_and_again_changes_nothing(run):
    first = steps.run_window(run)
    assert first["judge"]["findings"] > 0
    seen = []

    class Timed:
        def __init__(self, step):
            seen.append(step)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    results = steps.run_window(run, Timed)
    assert seen == list(steps.ORDER)
    assert set(results) == set(steps.ORDER) - {steps.PLAN}
    assert results["upsert"]["new_posts"] == 0 and results["upsert"]["new_versions"] == 0
    assert results["judge"]["findings"] == first["judge"]["findings"] == \
        _count(run.engine, "SELECT count(*) FROM findings.finding")


def test_ingest_shards_share_a_lanes_batches_each_batch_once(run, short_sample, monkeypatch):
    """The DAG's ingest_<lane> runs NETRA_INGEST_SHARDS instances over one plan: shard k takes
    every k-th batch, so the shards together ingest each batch once."""
    from netra import tasks
    from netra.extract.fetch import Batch

    sample_dir, _ = short_sample
    monkeypatch.setenv(warehouse.ENV_VAR, run.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("NETRA_LANDING_DIR", str(sample_dir / "landing"))
    monkeypatch.setenv("NETRA_ELECTIONS_DIR", str(ELECTIONS))
    monkeypatch.setenv("NETRA_ACCOUNT_BATCH_SIZE", "2")
    context = {"data_interval_start": run.window.start, "data_interval_end": run.window.end, "params": {}}
    plan = tasks.plan_run(context)
    lane = max(platforms.NAMES, key=lambda name: len(plan[name]))
    assert len(plan[lane]) >= 4
    done = [[r["batch"] for r in tasks.ingest_shard(plan[lane], shard, 3, context)] for shard in range(3)]
    assert all(done) and sorted(sum(done, [])) == sorted(Batch.from_dict(b).key for b in plan[lane])
    assert _count(run.engine, "SELECT count(DISTINCT batch_key) FROM ops.task_metric WHERE task_id = 'ingest'") == len(plan[lane])
