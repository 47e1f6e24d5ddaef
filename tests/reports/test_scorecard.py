"""The neutrality scorecard per OPD: every OPD listed, the worst first, its partisan share as the
view counts it, and a post the monitoring team dismissed no longer counting against its OPD."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa

from netra.reports import scorecard
from tests.cases.conftest import q

pytestmark = pytest.mark.db
ELECTION = "pilwalkot-puri-segara-2024-short"
START, END = dt.date(2024, 11, 19), dt.date(2024, 11, 23)


def _read(engine) -> list[dict]:
    with engine.connect() as conn:
        return scorecard.read(conn, ELECTION, START, END)


def test_every_opd_ranked_worst_first_with_its_share(reports_db):
    rows = _read(reports_db)
    assert sorted(r["opd_code"] for r in rows) == sorted(c for (c,) in q(reports_db, "SELECT code FROM registry.opd"))
    expected = dict(((c, (int(p), int(x))) for c, p, x in q(
        reports_db, "SELECT opd_code, sum(posts), sum(partisan_posts) FROM mart.opd_scorecard_daily "
                    "WHERE election_id = :e AND day >= :s AND day < :t GROUP BY 1", e=ELECTION, s=START, t=END)))
    assert any(x for _, x in expected.values())                # the sample's OPDs took sides in those days
    for r in rows:
        posts, partisan = expected.get(r["opd_code"], (0, 0))
        assert (r["posts"], r["partisan_posts"]) == (posts, partisan)
        share = (Decimal(100 * partisan) / posts).quantize(Decimal("0.1"), ROUND_HALF_UP) if posts else 0
        assert r["partisan_pct"] == share
    worst = max(expected.values(), key=lambda v: (v[1], v[1] / v[0] if v[0] else 0))
    assert rows[0]["rank"] == 1 and (rows[0]["posts"], rows[0]["partisan_posts"]) == worst
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert all(r["rank"] > 1 for r in rows if r["partisan_posts"] == 0)
    with reports_db.connect() as conn:
        header, table = scorecard.rows(conn, ELECTION, START, END)
    assert header[:3] == ["Peringkat", "Kode OPD", "Nama OPD"] and len(table) == len(rows)
    assert table[0][:3] == (1, rows[0]["opd_code"], rows[0]["opd_name"])


def test_a_dismissed_post_stops_counting_against_its_opd(reports_db):
    worst = _read(reports_db)[0]
    with reports_db.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO cases.finding_review (post_pk, content_hash, election_id, verdict, reason) "
            "SELECT DISTINCT f.post_pk, f.content_hash, f.election_id, 'ditolak', 'berita, bukan dukungan' "
            "FROM findings.finding f JOIN core.post p USING (post_pk) "
            "JOIN registry.account a ON a.account_id = p.account_id AND a.owner_type = 'opd' "
            "JOIN registry.opd o ON o.opd_id = a.opd_id "
            "WHERE o.code = :code AND f.disposition = 'breach'"), {"code": worst["opd_code"]})
    after = {r["opd_code"]: r for r in _read(reports_db)}[worst["opd_code"]]
    assert (after["partisan_posts"], after["partisan_pct"], after["posts"]) == (0, 0, worst["posts"])
    assert after["dismissed_posts"] == worst["partisan_posts"] and after["rank"] > 1


def test_the_period_before_is_as_long_and_gives_the_change(reports_db):
    day = dt.date(2024, 11, 22)
    with reports_db.connect() as conn:
        today = {r["opd_code"]: r for r in scorecard.read(conn, ELECTION, day, day + dt.timedelta(days=1))}
        before = {r["opd_code"]: r for r in scorecard.read(conn, ELECTION, day - dt.timedelta(days=1), day)}
    for code, r in today.items():
        assert r["previous_partisan_posts"] == before[code]["partisan_posts"]
        assert r["partisan_change"] == r["partisan_posts"] - before[code]["partisan_posts"]
