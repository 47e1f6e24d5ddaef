"""The health checks on real PostgreSQL: the short election's sample loaded day by day, with every
Facebook page of its last day lost (the manifest names them, the files are gone), is judged the
next morning: Facebook's volume is flagged and the other platforms' are not; the fetch failures
say so too; employees' accounts appear by pseudonym only; one mail lists every breach."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import sqlalchemy as sa

from netra import marts, settings, warehouse
from netra.health import checks as health
from netra.health import task as health_task
from netra.health import thresholds as health_thresholds
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import TZ, load, run_window
from tests.test_alerts import RECIPIENTS, smtp_server  # noqa: F401  (the fixture, shared)

pytestmark = pytest.mark.db
DAYS = [dt.date(2024, 11, 19) + dt.timedelta(days=n) for n in range(9)]
DROP_DAY = DAYS[-1]                                           # 2024-11-27: Facebook's pages are lost
AS_OF = dt.datetime.combine(DROP_DAY + dt.timedelta(days=1), dt.time(6), TZ)
PLATFORMS = {"facebook", "instagram", "x", "tiktok", "youtube"}


@pytest.fixture(scope="module")
def dropped(new_db, short_sample, tmp_path_factory):
    """The URL of a warehouse where the nine days ran, the last without Facebook's pages."""
    sample = tmp_path_factory.mktemp("dropped") / "sample"
    shutil.copytree(short_sample[0], sample)
    lost = list((sample / "landing" / "api" / "facebook" / DROP_DAY.isoformat()).glob("*.jsonl"))
    assert len(lost) > 100
    for page in lost:
        page.unlink()
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, sample, SHORT_ELECTION)
    for day in DAYS:
        run_window(engine, sample, day)
    return url


def readings(url, as_of=AS_OF, thresholds=None) -> dict[tuple[str, str], health.Reading]:
    found = health.evaluate(warehouse.engine(url), as_of, thresholds or health_thresholds.load(), "Asia/Makassar")
    return {(r.check.query, r.subject): r for r in found}


def test_the_platform_whose_volume_dropped_is_flagged_and_no_other(dropped):
    got = readings(dropped)
    volume = {s: r for (c, s), r in got.items() if c == "volume"}
    assert set(volume) == PLATFORMS
    assert volume["facebook"].breached and volume["facebook"].value < 0.5
    assert "seen on 2024-11-27; median" in volume["facebook"].detail
    assert [s for s, r in volume.items() if r.breached] == ["facebook"]
    assert all(r.value > 0.5 for s, r in volume.items() if s != "facebook")
    # The lost pages are failed fetches of Facebook alone.
    failures = {s: r for (c, s), r in got.items() if c == "fetch_failures"}
    assert failures["facebook"].breached and failures["facebook"].value > 0.5
    assert [s for s, r in failures.items() if r.breached] == ["facebook"]
    # check() gives exactly the breaches; the morning before, nothing had dropped.
    breaches = health.check(warehouse.engine(dropped), AS_OF, health_thresholds.load(), "Asia/Makassar")
    assert {(b.check.query, b.subject) for b in breaches} == {("volume", "facebook"), ("fetch_failures", "facebook")}
    before = readings(dropped, AS_OF - dt.timedelta(days=1))
    assert not any(r.breached for r in before.values())
    assert before[("volume", "facebook")].value > 0.5


def test_the_volume_view_compares_each_day_with_the_median_of_the_seven_before(dropped):
    with warehouse.engine(dropped).connect() as conn:
        rows = {(r.day, r.platform): r for r in conn.execute(sa.text("SELECT * FROM ops.volume_daily"))}
        seen = dict(conn.execute(sa.text(
            "SELECT p.platform::text, count(DISTINCT w.post_pk) FROM core.window_post w JOIN core.post p USING (post_pk) "
            "WHERE w.window_start = :start GROUP BY 1"), {"start": dt.datetime.combine(DROP_DAY, dt.time(), TZ)}).all())
    assert {d for d, _ in rows} == set(DAYS)
    drop = rows[(DROP_DAY, "facebook")]
    assert drop.posts_seen == seen["facebook"] and drop.baseline_days == 7
    week = sorted(rows[(DROP_DAY - dt.timedelta(days=n), "facebook")].posts_seen for n in range(1, 8))
    assert drop.baseline_median == week[3] and float(drop.ratio) == pytest.approx(drop.posts_seen / week[3], abs=1e-3)
    assert rows[(DAYS[0], "x")].baseline_days == 0 and rows[(DAYS[0], "x")].ratio is None


def test_freshness_names_the_accounts_not_fetched(dropped):
    strict = health_thresholds.load()
    strict = strict.model_copy(update={"freshness": strict.freshness.model_copy(update={"account_max_age_hours": 24})})
    got = readings(dropped, thresholds=strict)
    stale = {s: r for (c, s), r in got.items() if c == "stale_accounts"}
    assert [s for s, r in stale.items() if r.breached] == ["facebook"]
    with warehouse.engine(dropped).connect() as conn:
        handles = conn.execute(sa.text("SELECT handle FROM registry.account WHERE platform = 'facebook' "
                                       "AND owner_type = 'opd' ORDER BY handle_key")).scalars().all()
    assert stale["facebook"].value == len(handles) + 3      # the OPDs' and the three pairs' Facebook accounts
    assert handles[0] in stale["facebook"].detail and "more" in stale["facebook"].detail
    fresh = {s: r for (c, s), r in got.items() if c == "freshness"}
    assert 29 < fresh["facebook"].value < 31 and not fresh["facebook"].breached    # the day before's fetch
    assert all(r.value < 6 for s, r in fresh.items() if s != "facebook")


def test_employee_accounts_appear_by_pseudonym_only(dropped):
    """An employee's account whose timeline a fetch asked for and found private: the freshness and
    problems views and the health reading name it by pseudonym, never by handle or name, and keep
    the error (which quotes the handle) to themselves."""
    engine = warehouse.engine(dropped)
    with engine.connect() as conn:
        a = conn.execute(sa.text(
            "SELECT a.platform, a.handle, a.pseudonym, e.full_name FROM registry.account a "
            "JOIN registry.employee e USING (employee_id) WHERE a.owner_type = 'employee' LIMIT 1")).one()
        window = {"window_start": dt.datetime.combine(DROP_DAY, dt.time(), TZ),
                  "window_end": dt.datetime.combine(DROP_DAY + dt.timedelta(days=1), dt.time(), TZ)}
        conn.execute(sa.text(
            "INSERT INTO raw.fetch (fetch_id, source, platform, scope_kind, scope_key, account, fetched_at, complete, "
            "request, batch_key, window_start, window_end) VALUES ('t-emp', 'api', :p, 'timeline', :h, :h, "
            ":window_end, false, '{}', 'api:x:9', :window_start, :window_end)"), {"p": a.platform, "h": a.handle, **window})
        conn.execute(sa.text(
            "INSERT INTO ops.fetch_outcome (batch_key, window_start, window_end, platform, scope_kind, scope_key, account, "
            "status, error, fetch_id, fetched_at) VALUES ('api:x:9', :window_start, :window_end, :p, 'timeline', :h, :h, "
            "'private', :err, 't-emp', :window_end)"), {"p": a.platform, "h": a.handle, "err": f"403 for /{a.handle}", **window})
        views = {name: conn.execute(sa.text(f"SELECT * FROM ops.{name} WHERE account_pseudonym = :ps"),
                                    {"ps": a.pseudonym}).mappings().all() for name in ("freshness", "fetch_problems")}
        reading = warehouse.execute(conn, "health/account_status",
                                    health.params(AS_OF, health_thresholds.load(), "Asia/Makassar")).all()
        conn.rollback()
    [fresh], [problem] = views["freshness"], views["fetch_problems"]
    assert fresh["owner_kind"] == "employee" and fresh["handle"] is None and fresh["last_status"] == "private"
    assert problem["owner_kind"] == "employee" and problem["handle"] is None and problem["error"] is None
    shown = " ".join(str(v) for row in (fresh, problem) for v in row.values()) + " ".join(r.detail for r in reading)
    assert a.pseudonym in shown and a.handle.lower() not in shown.lower() and a.full_name not in shown
    [flagged] = [r for r in reading if r.breached]
    assert flagged.subject == a.platform and flagged.detail == f"{a.pseudonym} (private)"


def test_cases_near_their_deadline_are_listed_without_names(dropped):
    engine = warehouse.engine(dropped)
    with engine.connect() as conn:
        due = conn.execute(sa.text("SELECT min(due_on) FROM ops.running_deadlines")).scalar()
        count = conn.execute(sa.text("SELECT count(*) FROM ops.running_deadlines WHERE due_on = :d"), {"d": due}).scalar()
        names = conn.execute(sa.text("SELECT full_name FROM registry.employee")).scalars().all()
        columns = conn.execute(sa.text("SELECT * FROM ops.running_deadlines LIMIT 0")).keys()
    assert set(columns) == {"case_id", "election_id", "opd_code", "state", "deadline_id", "label", "started_at",
                            "due_on", "days_left", "escalated_at"}
    at = lambda day: dt.datetime.combine(day, dt.time(6), TZ)  # noqa: E731
    soon = readings(dropped, at(due - dt.timedelta(days=1)))[("cases_due", "open cases")]
    assert soon.breached and soon.value >= count and f"due {due}" in soon.detail and "overdue" not in soon.detail
    late = readings(dropped, at(due + dt.timedelta(days=1)))[("cases_due", "open cases")]
    assert late.breached and f"due {due}, overdue" in late.detail
    assert not any(n in soon.detail + late.detail for n in names)
    assert not readings(dropped, at(due - dt.timedelta(days=30)))[("cases_due", "open cases")].breached


@pytest.mark.airflow
def test_a_crossed_threshold_sends_one_mail_and_the_page_shows_it(dropped, smtp_server, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", dropped)
    monkeypatch.setenv("NETRA_REPORT_DIR", str(tmp_path))
    result = health_task.run({"data_interval_start": AS_OF - dt.timedelta(days=1), "data_interval_end": AS_OF})
    assert result["mailed"] and sorted(result["breaches"]) == ["fetch_failures facebook", "volume facebook"]
    [mail] = smtp_server.mails
    assert mail.to == RECIPIENTS
    assert mail.subject == "[Netra] health 2024-11-28 06:00 WITA: 2 threshold(s) crossed"
    assert "Posts seen against the 7-day median: facebook" in mail.body and "Failed fetches: facebook" in mail.body
    assert "instagram" not in mail.body and str(tmp_path / "health.html") in mail.body
    page = (tmp_path / "health.html").read_text(encoding="utf-8")
    assert page.count("BREACH") == 2 and "Great Expectations results" in page
    assert "created_at_null (expect_column_values_to_not_be_null)" in page     # a failing expectation of the sample
    # Nothing crossed the day before: no mail.
    result = health_task.run({"data_interval_start": AS_OF - dt.timedelta(days=2), "data_interval_end": AS_OF - dt.timedelta(days=1)})
    assert not result["mailed"] and result["breaches"] == [] and len(smtp_server.mails) == 1


# Views with accounts, errors or cases in them: for operators (the loader's login) only.
IDENTIFYING = {"freshness", "fetch_problems", "running_deadlines"}


def test_every_ops_file_is_a_view_the_loader_reads_and_the_analyst_not_where_it_identifies(engine, login):
    files = {p.stem for p in (settings.sql_dir() / "ops").glob("*.sql")}
    assert files == set(marts.OPS_VIEWS) and IDENTIFYING < files
    with engine.connect() as conn:          # "ALL TABLES IN SCHEMA ops" covers views made before the grants
        readers = conn.execute(sa.text(
            "SELECT c.relname, has_table_privilege('netra_loader', c.oid, 'SELECT'), "
            "has_table_privilege('netra_analyst', c.oid, 'SELECT') FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ops' AND c.relkind = 'v'")).all()
    assert {name for name, _, _ in readers} == files
    assert all(loader for _, loader, _ in readers)
    assert {name for name, _, analyst in readers if analyst} == files - IDENTIFYING
    with engine.connect() as conn:          # the health views are read-only to the pipeline
        writable = conn.execute(sa.text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'ops' AND c.relkind = 'v' AND (has_table_privilege('netra_loader', c.oid, 'INSERT') "
            "OR has_table_privilege('netra_loader', c.oid, 'DELETE') OR has_table_privilege('netra_loader', c.oid, 'UPDATE'))")).all()
    assert writable == []
    loader = warehouse.engine(login("netra_loader"))
    got = health.evaluate(loader, AS_OF, health_thresholds.load(), "Asia/Makassar")     # empty, but readable
    assert [(r.check.query, r.value, r.breached) for r in got] == [("cases_due", 0, False)]
    analyst = warehouse.engine(login("netra_analyst"))
    with analyst.connect() as conn:
        conn.execute(sa.text("SELECT * FROM ops.volume_daily")).all()
    with analyst.connect() as conn, pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        conn.execute(sa.text("SELECT * FROM ops.freshness"))
