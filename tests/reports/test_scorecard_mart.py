"""mart.opd_scorecard_daily, the OPDs' neutrality scorecard, counts what the warehouse holds: every
OPD post but comments, a post once however many versions and rules flagged it, and a finding the
monitoring team dismissed no longer against the OPD. Analysts read it; it names no employee."""
from __future__ import annotations

from collections import defaultdict

import pytest
import sqlalchemy as sa

from netra import warehouse

pytestmark = pytest.mark.db


@pytest.fixture
def judged(reports_db):
    """Four campaign days run through the whole pipeline (tests/reports/conftest.py)."""
    return reports_db


def _scorecard(engine) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT election_id, day, opd_code, platform, posts, partisan_posts, "
                                    "confirmed_posts, review_posts, dismissed_posts, partisan_deleted "
                                    "FROM mart.opd_scorecard_daily")).all()
    return {r[:4]: tuple(r[4:]) for r in rows}


def _by_hand(engine) -> dict:
    """The same figures counted in Python from the posts and findings (no review yet)."""
    with engine.connect() as conn:
        posts = conn.execute(sa.text(
            "SELECT p.post_pk, (p.created_at AT TIME ZONE el.timezone)::date, o.code, p.platform::text, "
            "       el.election_id, p.deleted_at IS NOT NULL "
            "FROM core.post p JOIN registry.account a USING (account_id) JOIN registry.opd o USING (opd_id) "
            "CROSS JOIN registry.election el WHERE a.owner_type = 'opd' AND p.post_type <> 'comment'")).all()
        findings = conn.execute(sa.text("SELECT post_pk, election_id, disposition FROM findings.finding")).all()
    kinds = defaultdict(set)
    for post_pk, election_id, disposition in findings:
        kinds[post_pk, election_id].add(disposition)
    out: dict = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for post_pk, day, opd, platform, election_id, deleted in posts:
        row, k = out[election_id, day, opd, platform], kinds[post_pk, election_id]
        row[0] += 1
        row[1] += "breach" in k
        row[3] += k == {"review"}
        row[5] += "breach" in k and deleted
    return {key: tuple(v) for key, v in out.items()}


def test_the_scorecard_counts_every_opd_post_and_the_partisan_ones(judged):
    card = _scorecard(judged)
    assert card == _by_hand(judged)
    assert sum(v[1] for v in card.values()) > 0, "the sample's OPDs post partisan content"
    assert sum(v[0] for v in card.values()) > sum(v[1] for v in card.values())


def test_a_dismissed_finding_stops_counting_and_a_confirmed_one_is_shown(judged):
    with judged.connect() as conn:
        first, second = conn.execute(sa.text(
            "SELECT f.post_pk, f.content_hash, f.election_id FROM findings.finding f "
            "WHERE f.owner_kind = 'opd' AND f.disposition = 'breach' "
            "AND NOT EXISTS (SELECT 1 FROM findings.finding g WHERE g.post_pk = f.post_pk AND g.finding_id <> f.finding_id) "
            "ORDER BY f.finding_id LIMIT 2")).all()
    before = _scorecard(judged)
    with judged.begin() as conn:
        for (post_pk, content_hash, election_id), verdict in ((first, "ditolak"), (second, "dikonfirmasi")):
            conn.execute(sa.text("INSERT INTO cases.finding_review (post_pk, content_hash, election_id, verdict, reason) "
                                 "VALUES (:p, :h, :e, :v, 'uji')"),
                         {"p": post_pk, "h": content_hash, "e": election_id, "v": verdict})
    after = _scorecard(judged)
    total = lambda card, i: sum(v[i] for v in card.values())  # noqa: E731
    assert total(after, 0) == total(before, 0)
    assert total(after, 1) == total(before, 1) - 1                  # partisan
    assert total(after, 2) == total(before, 2) + 1 == 1             # confirmed
    assert total(after, 4) == total(before, 4) + 1 == 1             # dismissed


def test_analysts_read_the_scorecard_which_names_no_employee(judged, login):
    url = sa.engine.make_url(login("netra_analyst")).set(database=judged.url.database)
    analyst = warehouse.engine(url.render_as_string(hide_password=False))
    with analyst.connect() as conn:
        columns = [c for c in conn.execute(sa.text("SELECT * FROM mart.opd_scorecard_daily LIMIT 0")).keys()]
        rows = conn.execute(sa.text("SELECT count(*) FROM mart.opd_scorecard_daily")).scalar()
    assert rows == len(_scorecard(judged)) > 0
    assert not {"employee_pseudonym", "handle", "nip", "full_name"} & set(columns)
