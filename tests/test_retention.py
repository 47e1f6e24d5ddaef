"""Retention on real PostgreSQL, over four days of the short sample run through the pipeline (which
opens a case for every employee and OPD account with a breach finding): what has been kept long
enough goes, raw pages' bytes with it; nothing a finding, an open case or a hold refers to goes;
reporters' contacts go once their case has been closed for the period; every run is recorded and
audited, a dry run reports what the run removes, and a second run removes nothing."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from netra import audit, retention, retention_task, warehouse
from netra.cases import store, workflow
from netra.rules.datafile import RulesFileError
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import copy_of, judged_template

pytestmark = pytest.mark.db
TZ = ZoneInfo("Asia/Makassar")
DAYS = [dt.date(2024, 11, d) for d in (19, 20, 21, 22)]
POLICY = retention.Policy(accounts_without_finding_days=30, contacts_after_case_closed_days=90)
LATER = dt.date(2025, 3, 1)                  # every sample post was last seen over 30 days before
NOTHING = dict.fromkeys(("posts", "accounts", "staged_rows", "payloads", "payload_bytes", "quarantine_records",
                         "tip_contacts"), 0)


def q(engine, sql, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def ids(engine, sql, **params) -> set:
    return {r[0] for r in q(engine, sql, **params)}


@pytest.fixture(scope="module")
def judged(new_db, short_sample):
    """A warehouse holding the sample's first four days, judged and with cases: a template."""
    return judged_template(new_db, short_sample[0], SHORT_ELECTION, DAYS)


@pytest.fixture
def wh(judged, cluster, login):
    """A copy of the judged warehouse for one test; `wh.as_role(group)` is an engine of a new login
    in that group role on it."""
    with copy_of(cluster, judged, "r") as url:
        engines = []

        def as_role(group: str):
            mine = sa.engine.make_url(login(group)).set(database=sa.engine.make_url(url).database)
            engines.append(warehouse.engine(mine.render_as_string(hide_password=False)))
            return engines[-1]

        yield SimpleNamespace(engine=warehouse.engine(url), url=url, as_role=as_role)
        for e in engines:
            e.dispose()


# What the sample holds, by who owns it.
OPD_POSTS = "SELECT p.post_pk FROM core.post p JOIN registry.account a USING (account_id) WHERE a.owner_type = 'opd'"
CANDIDATE_POSTS = """SELECT p.post_pk FROM core.post p JOIN registry.candidate_account ca
                     ON ca.platform = p.platform AND (ca.handle_key = p.account_key OR ca.platform_user_id = p.account_platform_id)
                     WHERE p.account_id IS NULL"""
FLAGGED_ACCOUNT_POSTS = """SELECT p.post_pk FROM core.post p WHERE p.account_id IN (
                           SELECT q.account_id FROM findings.finding f JOIN core.post q USING (post_pk))"""
OPEN_CASE_ACCOUNT_POSTS = """SELECT p.post_pk FROM core.post p JOIN registry.account a USING (account_id)
                             JOIN cases.case c ON c.employee_id = a.employee_id AND c.closed_at IS NULL"""
EMPLOYEE_POSTS = "SELECT p.post_pk FROM core.post p JOIN registry.account a USING (account_id) WHERE a.owner_type = 'employee'"
UNREGISTERED_POSTS = "SELECT post_pk FROM core.post WHERE account_id IS NULL"


def unflagged_account(engine, *, open_case: bool) -> tuple[int, int, set]:
    """An employee's account with posts and no finding whose employee has (or has no) open case:
    account, employee and its posts."""
    account, employee = q(engine, f"""
        SELECT a.account_id, a.employee_id FROM registry.account a
        WHERE a.owner_type = 'employee' AND EXISTS (SELECT 1 FROM core.post p WHERE p.account_id = a.account_id)
          AND a.account_id NOT IN (SELECT p.account_id FROM findings.finding f JOIN core.post p USING (post_pk)
                                   WHERE p.account_id IS NOT NULL)
          AND {'' if open_case else 'NOT'} EXISTS (SELECT 1 FROM cases.case c
                                                 WHERE c.employee_id = a.employee_id AND c.closed_at IS NULL)
        ORDER BY a.account_id LIMIT 1""")[0]
    return account, employee, ids(engine, "SELECT post_pk FROM core.post WHERE account_id = :a", a=account)


def hold(engine, reason: str = "pemeriksaan berjalan", **target) -> int:
    (column, value), = target.items()
    with engine.begin() as conn:
        return conn.execute(sa.text(f"INSERT INTO cases.hold ({column}, reason) VALUES (:v, :r) RETURNING hold_id"),
                            {"v": value, "r": reason}).scalar_one()


def release(engine, hold_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE cases.hold SET released_at = now() WHERE hold_id = :h"),
                     {"h": hold_id})


def stop_case(engine, case_id: int) -> dt.date:
    """Close a case (dismissed, a terminal state) as a case officer; the local day it closed."""
    store.step(engine, workflow.load()[0], case_id, "hentikan", "bukti tidak cukup")
    return q(engine, "SELECT closed_at FROM cases.case WHERE case_id = :c", c=case_id)[0][0].astimezone(TZ).date()


def test_a_dry_run_reports_what_the_loader_removes_and_a_second_run_removes_nothing(wh):
    engine, loader = wh.engine, wh.as_role("netra_loader")
    before = q(engine, """SELECT (SELECT count(*) FROM core.post), (SELECT count(*) FROM stage.post),
                                 (SELECT count(*) FROM quarantine.record),
                                 (SELECT count(*) FROM raw.payload WHERE body IS NOT NULL)""")[0]
    planned = retention.plan(engine, POLICY, LATER)
    assert retention.plan(engine, POLICY, LATER) == planned                      # the plan wrote nothing
    removed = retention.apply(loader, POLICY, LATER)
    assert removed == planned
    assert planned["posts"] > 1000 and planned["accounts"] > 100 and planned["payloads"] > 100
    assert planned["quarantine_records"] > 0 and planned["staged_rows"] >= planned["posts"]
    after = q(engine, """SELECT (SELECT count(*) FROM core.post), (SELECT count(*) FROM stage.post),
                                (SELECT count(*) FROM quarantine.record),
                                (SELECT count(*) FROM raw.payload WHERE body IS NOT NULL),
                                (SELECT sum(byte_size) FROM raw.payload WHERE body IS NULL)""")[0]
    assert [b - a for b, a in zip(before, after[:4])] == [removed["posts"], removed["staged_rows"],
                                                          removed["quarantine_records"], removed["payloads"]]
    assert after[4] == removed["payload_bytes"]

    assert retention.plan(engine, POLICY, LATER) == NOTHING
    assert retention.apply(loader, POLICY, LATER) == NOTHING
    runs = q(engine, "SELECT run_id, policy, removed FROM ops.retention_run ORDER BY run_id")
    assert [r.removed for r in runs] == [removed, NOTHING]
    assert runs[0].policy == {"accounts_without_finding_days": 30, "contacts_after_case_closed_days": 90,
                              "today": "2025-03-01", "timezone": "Asia/Makassar",
                              "posts_before": "2025-01-30T00:00:00+08:00", "contacts_before": "2024-12-01T00:00:00+08:00"}
    trail = q(engine, "SELECT subject, detail FROM audit.event WHERE kind = 'retention' ORDER BY event_id")
    assert [s for s, _ in trail] == [f"retention_run:{r.run_id}" for r in runs]
    assert trail[0][1]["removed"] == removed and trail[0][1]["policy"]["today"] == "2025-03-01"
    assert audit.breach(engine) is None


def test_posts_of_accounts_without_findings_go_with_their_pages_and_nothing_else_does(wh):
    engine = wh.engine
    kept = {name: ids(engine, sql) for name, sql in (("opd", OPD_POSTS), ("candidate", CANDIDATE_POSTS),
                                                      ("flagged", FLAGGED_ACCOUNT_POSTS),
                                                      ("open case", OPEN_CASE_ACCOUNT_POSTS))}
    doomed = (ids(engine, EMPLOYEE_POSTS) | ids(engine, UNREGISTERED_POSTS)) - set().union(*kept.values())
    assert all(kept.values()) and len(doomed) > 1000
    first_seen = q(engine, "SELECT min(last_seen_at) FROM core.post")[0][0].astimezone(TZ).date()
    assert retention.plan(engine, POLICY, first_seen + dt.timedelta(days=30)) == NOTHING      # not yet 30 days
    assert retention.plan(engine, POLICY, first_seen + dt.timedelta(days=31))["posts"] > 0
    pages = {r.payload_id: r for r in q(engine, "SELECT payload_id, sha256, byte_size FROM raw.payload")}
    opd_pages = ids(engine, """SELECT p.payload_id FROM raw.payload p JOIN raw.fetch f USING (fetch_id)
                               JOIN registry.account a ON a.platform = f.platform AND a.handle_key = lower(f.account)
                               WHERE f.scope_kind = 'timeline' AND a.owner_type = 'opd'""")

    retention.apply(engine, POLICY, LATER)
    left = ids(engine, "SELECT post_pk FROM core.post")
    assert not doomed & left
    assert {name: posts - left for name, posts in kept.items()} == dict.fromkeys(kept, set())
    assert q(engine, "SELECT count(*) FROM core.sighting WHERE post_pk <> ALL(:p)", p=list(left)) == [(0,)]
    assert q(engine, "SELECT count(*) FROM core.post_version WHERE post_pk <> ALL(:p)", p=list(left)) == [(0,)]
    removed = q(engine, "SELECT payload_id, sha256, byte_size, removed_at FROM raw.payload WHERE body IS NULL")
    assert removed and all(r.removed_at is not None for r in removed)
    assert {(r.sha256, r.byte_size) for r in removed} == {(pages[r.payload_id].sha256, pages[r.payload_id].byte_size)
                                                          for r in removed}     # the record of each page stays
    gone = [r.payload_id for r in removed]
    assert q(engine, "SELECT count(*) FROM core.sighting WHERE payload_id = ANY(:g)", g=gone) == [(0,)]
    assert q(engine, "SELECT count(*) FROM quarantine.record WHERE payload_id = ANY(:g)", g=gone) == [(0,)]
    assert q(engine, "SELECT count(*) FROM stage.post WHERE payload_id = ANY(:g)", g=gone) == [(0,)]
    assert q(engine, """SELECT count(*) FROM raw.payload p WHERE p.body IS NULL AND EXISTS (
                            SELECT 1 FROM core.sighting s WHERE s.payload_id = p.payload_id)""") == [(0,)]
    assert opd_pages and not opd_pages & set(gone)
    assert q(engine, """SELECT count(*) FROM raw.payload p JOIN raw.fetch f USING (fetch_id)
                        WHERE f.source = 'tips' AND p.body IS NULL""") == [(0,)]       # contacts still needed


def test_a_hold_keeps_an_account_or_an_employee_until_it_is_released(wh):
    engine, officer = wh.engine, wh.as_role("netra_case_officer")
    account, _, held_posts = unflagged_account(engine, open_case=False)
    employee, employees_posts = _another(engine, account)
    by_account = hold(officer, account_id=account)
    by_employee = hold(officer, employee_id=employee)

    assert retention.apply(engine, POLICY, LATER)["posts"] > 1000
    left = ids(engine, "SELECT post_pk FROM core.post")
    assert held_posts <= left and employees_posts <= left

    release(officer, by_account)
    removed = retention.apply(engine, POLICY, LATER)
    left = ids(engine, "SELECT post_pk FROM core.post")
    assert removed["posts"] == len(held_posts) and not held_posts & left and employees_posts <= left
    release(officer, by_employee)
    assert retention.apply(engine, POLICY, LATER)["posts"] == len(employees_posts)
    assert not employees_posts & ids(engine, "SELECT post_pk FROM core.post")


def _another(engine, account: int) -> tuple[int, set]:
    """Another employee with posts, no finding and no case: the employee and their posts."""
    employee, = q(engine, """
        SELECT a.employee_id FROM registry.account a
        WHERE a.owner_type = 'employee' AND a.account_id <> :a
          AND a.employee_id <> (SELECT employee_id FROM registry.account WHERE account_id = :a)
          AND EXISTS (SELECT 1 FROM core.post p WHERE p.account_id = a.account_id)
          AND NOT EXISTS (SELECT 1 FROM registry.account b JOIN core.post p USING (account_id)
                          JOIN findings.finding f USING (post_pk) WHERE b.employee_id = a.employee_id)
          AND NOT EXISTS (SELECT 1 FROM cases.case c WHERE c.employee_id = a.employee_id)
        ORDER BY a.account_id LIMIT 1""", a=account)[0]
    return employee, ids(engine, """SELECT post_pk FROM core.post p JOIN registry.account a USING (account_id)
                                           WHERE a.employee_id = :e""", e=employee)


def test_what_a_case_refers_to_stays_while_it_is_open_or_held(wh):
    """An open case keeps its findings' posts and its employee's other accounts; closed, those
    accounts go unless a hold names the case; its findings' posts stay for good."""
    engine, officer = wh.engine, wh.as_role("netra_case_officer")
    _, employee, _ = unflagged_account(engine, open_case=True)
    posts = ids(engine, """SELECT p.post_pk FROM core.post p JOIN registry.account a USING (account_id)
                           WHERE a.employee_id = :e AND NOT EXISTS (
                               SELECT 1 FROM core.post q JOIN findings.finding f USING (post_pk)
                               WHERE q.account_id = a.account_id)""", e=employee)
    case_id, = ids(engine, "SELECT case_id FROM cases.case WHERE employee_id = :e AND closed_at IS NULL", e=employee)
    evidence = ids(engine, """SELECT f.post_pk FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
                              WHERE cf.case_id = :c""", c=case_id)
    assert posts and evidence

    cross_post = min(posts)                      # carried from a post the case holds: its context
    with engine.begin() as conn:
        conn.execute(sa.text("""INSERT INTO core.post_link (post_pk, linked_post_pk, kind, similarity)
                                VALUES (least(:a, :b), greatest(:a, :b), 'cross_post', 0.95)"""),
                     {"a": min(evidence), "b": cross_post})

    retention.apply(engine, POLICY, LATER)
    assert posts | evidence <= ids(engine, "SELECT post_pk FROM core.post")
    stop_case(officer, case_id)
    held = hold(officer, case_id=case_id)
    assert retention.apply(engine, POLICY, LATER) == NOTHING
    release(officer, held)
    removed = retention.apply(engine, POLICY, LATER)
    left = ids(engine, "SELECT post_pk FROM core.post")
    assert removed["posts"] == len(posts) - 1 and posts & left == {cross_post} and evidence <= left


def flag(engine, post_pk: int) -> None:
    """A finding on the post, as the judge would make one."""
    with engine.begin() as conn:
        conn.execute(sa.text("""
            INSERT INTO findings.finding (post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
                                          period, owner_kind, window_start, window_end)
            SELECT post_pk, content_hash, (SELECT min(election_id) FROM registry.election), 'test', '{1}',
                   'campaign', 'unregistered', now(), now() FROM core.post WHERE post_pk = :p"""), {"p": post_pk})


def test_what_a_finding_or_a_review_refers_to_stays(wh):
    """An unregistered account with a finding (known by handle, or by platform id alone) keeps
    all its posts; the post a flagged post shares stays; so does a post the monitoring team reviewed."""
    engine, officer = wh.engine, wh.as_role("netra_case_officer")
    doomed = retention.plan(engine, POLICY, LATER)["posts"]
    commenters = {}
    for key in ("account_key", "account_platform_id"):
        commenters[key] = q(engine, f"""
            SELECT platform, {key}, array_agg(post_pk ORDER BY post_pk) FROM core.post
            WHERE account_id IS NULL AND post_type = 'comment' AND {key} IS NOT NULL
              {'' if key == 'account_key' else 'AND account_key IS NULL'}
            GROUP BY 1, 2 HAVING count(*) >= 2 ORDER BY count(*) DESC, 2 LIMIT 1""")[0][2]
        flag(engine, commenters[key][0])
    with engine.begin() as conn:                 # the flagged comment was captured without the platform id
        conn.execute(sa.text("UPDATE core.post SET account_platform_id = NULL WHERE post_pk = :p"),
                     {"p": commenters["account_key"][0]})
    # An employee's flagged post made a share of another commenter's comment.
    shared, sharer = q(engine, """
        SELECT u.post_pk, f.post_pk FROM core.post u
        JOIN core.post f ON f.platform = u.platform AND f.post_pk IN (SELECT post_pk FROM findings.finding)
        WHERE u.account_id IS NULL AND u.post_type = 'comment' AND u.post_pk <> ALL(:c)
        ORDER BY 1, 2 LIMIT 1""", c=[p for c in commenters.values() for p in c])[0]
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE core.post SET ref_post_id = (SELECT post_id FROM core.post WHERE post_pk = :u) "
                             "WHERE post_pk = :f"), {"u": shared, "f": sharer})
    _, _, account_posts = unflagged_account(engine, open_case=False)
    reviewed = min(account_posts)
    with officer.begin() as conn:
        conn.execute(sa.text("""
            INSERT INTO cases.finding_review (post_pk, content_hash, election_id, verdict, reason)
            SELECT post_pk, content_hash, (SELECT min(election_id) FROM registry.election), 'ditolak', 'bukan ASN'
            FROM core.post WHERE post_pk = :p"""), {"p": reviewed})

    kept = set().union(*map(set, commenters.values())) | {shared, reviewed}
    assert retention.apply(engine, POLICY, LATER)["posts"] == doomed - len(kept)
    assert kept <= ids(engine, "SELECT post_pk FROM core.post")
    assert not (account_posts - {reviewed}) & ids(engine, "SELECT post_pk FROM core.post")


def test_a_reporters_contact_goes_once_its_case_has_been_closed_for_the_period_and_not_under_hold(wh):
    engine, officer = wh.engine, wh.as_role("netra_case_officer")
    # The first day's tips file: its tips, and the cases their posts' findings are in.
    fetch, = ids(engine, "SELECT fetch_id FROM raw.fetch WHERE source = 'tips' ORDER BY fetch_id LIMIT 1")
    tips = {r.tip_id: r.case_id for r in q(engine, """
        SELECT t.tip_id, cf.case_id FROM core.tip t JOIN raw.payload p USING (payload_id)
        JOIN core.tip_post tp USING (tip_id) JOIN findings.finding f USING (post_pk)
        JOIN cases.case_finding cf USING (finding_id) WHERE p.fetch_id = :f""", f=fetch)}
    others = ids(engine, "SELECT tip_id FROM core.tip") - set(tips)
    assert len(tips) >= 2 and others
    closed = max(stop_case(officer, c) for c in set(tips.values()))
    held_tip = min(tips)
    held = hold(officer, case_id=tips[held_tip])
    contacts = "SELECT tip_id FROM core.tip WHERE reporter_contact IS NOT NULL"
    tips_file = "SELECT count(*) FILTER (WHERE body IS NULL) FROM raw.payload WHERE fetch_id = :f"

    assert retention.apply(engine, POLICY, closed + dt.timedelta(days=90))["tip_contacts"] == 0   # not yet
    assert retention.apply(engine, POLICY, closed + dt.timedelta(days=91))["tip_contacts"] == len(tips) - 1
    assert ids(engine, contacts) == others | {held_tip}                   # the held case's tip keeps its contact
    assert q(engine, tips_file, f=fetch) == [(0,)]                         # one tip in it still has a contact
    release(officer, held)
    removed = retention.apply(engine, POLICY, closed + dt.timedelta(days=91))
    assert removed["tip_contacts"] == 1 and removed["payloads"] >= 1
    assert ids(engine, contacts) == others
    gone = q(engine, """SELECT tip_id, reporter_contact_plain, contact_removed_at FROM core.tip
                        WHERE tip_id = ANY(:t)""", t=list(tips))
    assert len(gone) == len(tips) and all(r.reporter_contact_plain is None and r.contact_removed_at for r in gone)
    assert q(engine, "SELECT count(*), count(*) FILTER (WHERE body IS NULL) FROM raw.payload WHERE fetch_id = :f",
             f=fetch)[0] == (q(engine, tips_file.replace("FILTER (WHERE body IS NULL) ", ""), f=fetch)[0][0],) * 2
    assert q(engine, """SELECT count(*) FROM quarantine.record q JOIN raw.payload p USING (payload_id)
                        WHERE p.fetch_id = :f""", f=fetch) == [(0,)]


def test_a_tip_about_no_finding_loses_its_contact_once_received_longer_ago_than_the_period(wh):
    engine = wh.engine
    with engine.begin() as conn:
        conn.execute(sa.text("""
            INSERT INTO core.tip (tip_id, payload_id, received_at, post_url, unresolved_reason, reporter_contact)
            SELECT repeat('a', 64), min(p.payload_id), '2024-11-20T20:00:00+08:00', 'https://contoh.id/bukan-pos',
                   'not a post URL', '\\x00ff'::bytea
            FROM raw.payload p JOIN raw.fetch f USING (fetch_id) WHERE f.source = 'tips'"""))
    assert retention.plan(engine, POLICY, dt.date(2024, 12, 20))["tip_contacts"] == 0
    assert retention.apply(engine, POLICY, dt.date(2024, 12, 21))["tip_contacts"] == 1
    assert q(engine, "SELECT reporter_contact, contact_removed_at IS NOT NULL FROM core.tip WHERE tip_id = repeat('a', 64)") \
        == [(None, True)]


def test_the_task_runs_for_the_day_its_interval_ends_on_and_a_dry_run_writes_nothing(wh, monkeypatch):
    engine = wh.engine
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", wh.url.replace("postgresql+psycopg2://", "postgresql://"))
    policy = retention.load()
    interval = {"data_interval_start": dt.datetime(2026, 1, 1, 2, tzinfo=TZ),
                "data_interval_end": dt.datetime(2026, 1, 2, 2, tzinfo=TZ)}
    planned = retention.plan(engine, policy, dt.date(2026, 1, 2))
    assert planned["posts"] > 1000                          # a year and more after the sample's posts
    dry = retention_task.run({**interval, "params": {"dry_run": True}})
    assert dry == {"day": "2026-01-02", "dry_run": True, "policy": policy.model_dump(), "counts": planned}
    assert q(engine, "SELECT count(*) FROM ops.retention_run") == [(0,)]
    assert retention_task.run({**interval, "params": {"dry_run": False}})["counts"] == planned
    assert q(engine, "SELECT policy->>'today', (policy->>'accounts_without_finding_days')::int FROM ops.retention_run") \
        == [("2026-01-02", policy.accounts_without_finding_days)]
    with pytest.raises(Exception, match="WindowError: this run has no data interval"):
        retention_task.run({"params": {"dry_run": True}})   # a manual run must name its window; no retries


def test_the_policy_file_is_validated_on_load(tmp_path):
    policy = retention.load()
    assert policy.accounts_without_finding_days >= 30 and policy.contacts_after_case_closed_days >= 30
    for text in ("accounts_without_finding_days: 365\ncontacts_after_case_closed_days: 0\n",
                 "accounts_without_finding_days: 365\ncontacts_after_case_closed_days: 90\ndry_run: true\n",
                 "accounts_without_finding_days: 365\n"):
        (tmp_path / "retention.yaml").write_text(text)
        with pytest.raises(RulesFileError, match="retention.yaml"):
            retention.load(tmp_path / "retention.yaml")
