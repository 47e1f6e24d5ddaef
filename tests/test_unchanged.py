"""Reruns of an unchanged window skip their work (netra.unchanged): a rerun with the same files,
code and settings, and no write to the warehouse since, keeps every batch's stage and skips the
window's steps, leaving everything as it was; a changed file, a write anywhere, a stage that no
longer holds what ingest recorded, or the `rederive` param re-derive what they touch."""
from __future__ import annotations

import contextvars
import datetime as dt
import json
import shutil

import pytest
import sqlalchemy as sa

from netra import dictionary, schema, steps, unchanged
from netra.extract.landing import LandingSource
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import ELECTIONS, FINDINGS, LINKS, POSTS, QUARANTINE, SIGHTINGS, VERSIONS, day_window, \
    digest, load

pytestmark = pytest.mark.db
STATE = (POSTS, VERSIONS, SIGHTINGS, QUARANTINE, FINDINGS, LINKS, "SELECT count(*) FROM cases.case",
         "SELECT batch_key, rows_in, rows_out, quarantined FROM ops.task_metric WHERE task_id = 'ingest'")


def _run(engine, landing_dir, day, run_id, **params) -> dict:
    source = LandingSource(landing_dir, "Asia/Makassar")
    return steps.run_window(steps.Run(engine, day_window(day), source, run_id=run_id, params=params,
                                      elections_dir=ELECTIONS))


def _writes(engine) -> int:
    with engine.connect() as conn:
        return unchanged.write_count(conn)


def _kept(results) -> dict[str, bool]:
    return {r["batch"]: bool(r.get("unchanged")) for r in results[steps.INGEST]}


def _skipped(results) -> set[str]:
    return {name for name in steps.WINDOW_STEPS if results[name].get("unchanged")}


@pytest.fixture
def window(db_url, short_sample, tmp_path):
    """A warehouse that ran one window of a copy of the short sample's landing files."""
    sample_dir, _ = short_sample
    landing_dir = tmp_path / "landing"
    shutil.copytree(sample_dir / "landing", landing_dir)
    day = sorted(dt.date.fromisoformat(p.name) for p in (landing_dir / "capture").iterdir())[3]
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    load(engine, sample_dir, SHORT_ELECTION)
    first = _run(engine, landing_dir, day, "first")
    assert not any(_kept(first).values()) and not _skipped(first)
    return engine, landing_dir, day, sample_dir


def test_an_unchanged_rerun_skips_every_step_and_leaves_everything_as_it_was(window):
    engine, landing_dir, day, _ = window
    before, writes = {q: digest(engine, q) for q in STATE}, _writes(engine)
    assert digest(engine, FINDINGS) != digest(engine, "SELECT 1 WHERE false")      # the window found something

    again = _run(engine, landing_dir, day, "again")

    assert all(_kept(again).values()) and len(_kept(again)) >= 6
    assert _skipped(again) == set(steps.WINDOW_STEPS)
    assert _writes(engine) == writes                        # nothing wrote to what the steps read
    assert {q: digest(engine, q) for q in STATE} == before
    with engine.connect() as conn:
        runs = conn.execute(sa.text("SELECT DISTINCT run_id FROM ops.task_metric WHERE task_id = 'ingest'")).scalars()
        assert list(runs) == ["again"]                      # the rerun recorded its batches as its own
        assert conn.execute(sa.text("SELECT run_id FROM ops.window_memo")).scalar() == "first"


def test_a_changed_file_re_derives_its_batch_and_the_window_as_rederiving_everything_would(window, new_db):
    engine, landing_dir, day, sample_dir = window
    twin = sa.create_engine(new_db(), poolclass=sa.pool.NullPool)
    load(twin, sample_dir, SHORT_ELECTION)
    _run(twin, landing_dir, day, "first")
    capture = sorted((landing_dir / "capture" / day.isoformat()).iterdir())[0]
    line = next(x for x in map(json.loads, capture.read_bytes().splitlines()) if "caption" in x.get("item", {}))
    line["captured_at"] = (dt.datetime.fromisoformat(line["captured_at"]) + dt.timedelta(minutes=1)).isoformat()
    line["item"]["caption"] += " Ayo coblos nomor 2, pasangan kita!"
    with capture.open("a") as f:                             # the monitor saw the post again, edited
        f.write(json.dumps(line) + "\n")

    again = _run(engine, landing_dir, day, "again")
    _run(twin, landing_dir, day, "again", rederive=True)

    kept = _kept(again)
    assert kept.pop("intake:all:0") is False and all(kept.values())
    assert not _skipped(again)
    for query in (POSTS, VERSIONS, SIGHTINGS, QUARANTINE, FINDINGS, LINKS):
        assert digest(engine, query) == digest(twin, query), query
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM core.post_version WHERE text LIKE '%coblos nomor 2, pasangan%'"
                                    )).scalar() == 1


def test_a_write_anywhere_since_the_last_run_re_derives_the_windows_steps(window, login):
    engine, landing_dir, day, _ = window
    loader = sa.create_engine(login("netra_loader"), poolclass=sa.pool.NullPool)
    with loader.begin() as conn:        # a registry edit by a role that may not call ops.count_write itself
        conn.execute(sa.text("UPDATE registry.opd SET name = name WHERE opd_id = (SELECT min(opd_id) FROM registry.opd)"))
    loader.dispose()
    again = _run(engine, landing_dir, day, "again")
    assert all(_kept(again).values())                       # the files did not change,
    assert not _skipped(again)                              # the warehouse did
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT run_id FROM ops.window_memo")).scalar() == "again"
    assert _skipped(_run(engine, landing_dir, day, "third")) == set(steps.WINDOW_STEPS)


def test_the_rederive_param_re_derives_everything(window):
    engine, landing_dir, day, _ = window
    again = _run(engine, landing_dir, day, "again", rederive=True)
    assert not any(_kept(again).values()) and not _skipped(again)


def test_a_stage_that_lost_rows_is_staged_again(window):
    engine, landing_dir, day, _ = window
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM stage.post WHERE ctid IN (SELECT ctid FROM stage.post "
                             "WHERE batch_key = 'intake:all:0' LIMIT 1)"))
    again = _run(engine, landing_dir, day, "again")
    kept = _kept(again)
    assert kept.pop("intake:all:0") is False and all(kept.values())
    with engine.connect() as conn:
        staged, recorded = conn.execute(sa.text(
            "SELECT (SELECT count(*) FROM stage.post WHERE batch_key = 'intake:all:0'), (details->>'staged')::int "
            "FROM ops.task_metric WHERE task_id = 'ingest' AND batch_key = 'intake:all:0'")).one()
    assert staged == recorded


def test_a_tip_gone_from_core_or_a_contact_in_the_clear_is_written_again(window):
    engine, landing_dir, day, _ = window
    tips = "SELECT count(*) FROM core.tip"
    with engine.begin() as conn:
        before = conn.execute(sa.text(tips)).scalar()
        assert before > 0                                   # the window's intake has tips
        conn.execute(sa.text("DELETE FROM core.tip WHERE tip_id = (SELECT min(tip_id) FROM core.tip)"))
    kept = _kept(_run(engine, landing_dir, day, "again"))
    assert kept.pop("intake:all:0") is False and all(kept.values())
    with engine.begin() as conn:
        assert conn.execute(sa.text(tips)).scalar() == before
        conn.execute(sa.text("UPDATE core.tip SET reporter_contact_plain = 'wa 0812-0000-0000', reporter_contact = NULL "
                             "WHERE tip_id = (SELECT max(tip_id) FROM core.tip)"))
    assert _kept(_run(engine, landing_dir, day, "third"))["intake:all:0"] is False
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM core.tip WHERE reporter_contact_plain IS NOT NULL")).scalar() == 0


def test_no_memo_is_taken_while_a_write_is_in_flight(window):
    engine, _, day, _ = window
    w = day_window(day)
    unchanged.begin(engine, w, "late")
    with engine.connect() as writer:
        with unchanged.counted_as(w, "late"):            # the run's own write, not yet committed
            writer.execute(sa.text("UPDATE registry.opd SET name = name WHERE false"))
        assert not unchanged.record(engine, w, "late", {}, ELECTIONS)
        writer.commit()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ops.window_memo")).scalar() == 0
    unchanged.begin(engine, w, "late")
    with unchanged.counted_as(w, "late"), engine.begin() as writer:
        writer.execute(sa.text("UPDATE registry.opd SET name = name WHERE false"))
    assert unchanged.record(engine, w, "late", {}, ELECTIONS)


def test_a_write_by_someone_else_while_the_steps_run_takes_no_memo(window, monkeypatch):
    engine, landing_dir, day, _ = window
    judge = steps.STEPS["judge"]

    def registry_load():
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE registry.opd SET name = name"))

    def judge_beside_a_registry_load(run):
        contextvars.Context().run(registry_load)           # not the run's: another session's context
        return judge(run)

    monkeypatch.setitem(steps.STEPS, "judge", judge_beside_a_registry_load)
    assert not _skipped(_run(engine, landing_dir, day, "again", rederive=True))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ops.window_memo")).scalar() == 0
    monkeypatch.setitem(steps.STEPS, "judge", judge)
    again = _run(engine, landing_dir, day, "third")
    assert all(_kept(again).values()) and not _skipped(again)       # re-derived, as the memo was not taken
    assert _skipped(_run(engine, landing_dir, day, "fourth")) == set(steps.WINDOW_STEPS)


def test_every_table_the_steps_read_counts_its_writes_including_tables_added_later(db_url, monkeypatch):
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    tables = ("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname IN ('registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'cases') "
              "AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_trigger g "
              "WHERE g.tgrelid = c.oid AND g.tgname = 'counted_write')")
    with engine.begin() as conn:
        assert conn.execute(sa.text(tables)).scalars().all() == []
        conn.execute(sa.text("CREATE TABLE core.added_later (x int)"))
        assert conn.execute(sa.text(tables)).scalars().all() == ["core.added_later"]
    monkeypatch.setattr(dictionary, "apply", lambda conn: None)     # the made-up table has no description
    schema.migrate(db_url)
    with engine.begin() as conn:
        assert conn.execute(sa.text(tables)).scalars().all() == []
        before = unchanged.write_count(conn)
        conn.execute(sa.text("INSERT INTO core.added_later VALUES (1)"))
        assert unchanged.write_count(conn) == before + 1
    engine.dispose()


def test_a_statement_counts_once_whatever_its_triggers_write(db_url):
    """Opening a province's 32,880 cases in one statement counted each case's deadlines again (the
    clock's trigger inserts them), and each count updated the run's one row."""
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE core.fired (x int)"))
        conn.execute(sa.text("CREATE TABLE core.firing (x int)"))
        conn.execute(sa.text("CREATE FUNCTION core.fire() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                             "INSERT INTO core.fired VALUES (NEW.x); RETURN NULL; END $$"))
        conn.execute(sa.text("CREATE TRIGGER fire AFTER INSERT ON core.firing FOR EACH ROW EXECUTE FUNCTION core.fire()"))
        conn.execute(sa.text("SELECT ops.count_writes()"))
    with engine.begin() as conn:
        before = unchanged.write_count(conn)
        conn.execute(sa.text("INSERT INTO core.firing SELECT generate_series(1, 5)"))
        assert conn.execute(sa.text("SELECT count(*) FROM core.fired")).scalar() == 5
        assert unchanged.write_count(conn) == before + 1
        conn.execute(sa.text("INSERT INTO core.fired VALUES (6)"))         # a statement of its own counts
        assert unchanged.write_count(conn) == before + 2
    engine.dispose()


def test_no_table_outside_the_counted_schemas_has_a_trigger_that_could_write_a_counted_one(db_url):
    """A statement run by a trigger is counted with the one that fired it (migration 0013): that
    holds while every trigger that writes a counted table sits on a counted table. A new trigger
    outside them must be checked and named here."""
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        found = conn.execute(sa.text(
            "SELECT n.nspname || '.' || c.relname || ' ' || t.tgname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND NOT c.relispartition "
            "AND n.nspname NOT IN ('registry', 'raw', 'stage', 'core', 'quarantine', 'findings', 'cases') "
            "ORDER BY 1")).scalars().all()
    engine.dispose()
    # audit.event's chain links the row to the one before; ops.retention_run's writes an audit row.
    assert found == ["audit.event append_only", "audit.event chain", "audit.event no_truncate",
                     "ops.retention_run audited"]
