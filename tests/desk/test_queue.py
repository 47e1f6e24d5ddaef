"""The queue's filters, checked against the warehouse's own tables: OPD, status (open cases by
default), deadline (overdue, due within three days), severity (a case's heaviest finding) and
platform; with HTMX the table alone comes back, without it the whole page (plain GET forms)."""
from __future__ import annotations

import re

import pytest

from netra.cases import store, workflow
from tests.desk.conftest import as_login, log_in, q

pytestmark = pytest.mark.db
FLOW, _ = workflow.load()
TODAY = "(now() AT TIME ZONE 'Asia/Makassar')::date"


@pytest.fixture(scope="module")
def officer(app, logins, desk_db):
    return logins("netra_case_officer")


@pytest.fixture
def desk(client, officer):
    log_in(client, *officer)
    return client


def _ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/kasus/(\d+)"', html)}


def _ids_of(admin, sql: str, **params) -> set[int]:
    return {r[0] for r in q(admin, sql, **params)}


def test_every_open_case_by_default_and_closed_ones_on_request(desk, admin, officer, desk_db, fresh_cases):
    stopped, verified = fresh_cases(), fresh_cases()
    engine = as_login(desk_db, *officer)
    store.step(engine, FLOW, stopped, "hentikan", "Akun bukan milik ASN yang bersangkutan")
    store.step(engine, FLOW, verified, "verifikasi", "Bukti lengkap")
    engine.dispose()
    open_now = _ids_of(admin, "SELECT case_id FROM cases.case WHERE closed_at IS NULL")
    assert stopped not in open_now and verified in open_now
    assert _ids(desk.get("/").text) == open_now
    assert _ids(desk.get("/", params={"status": "semua"}).text) == open_now | {stopped}
    assert _ids(desk.get("/", params={"status": "dihentikan"}).text) == {stopped}
    assert verified in _ids(desk.get("/", params={"status": "terverifikasi"}).text)


def test_by_opd(desk, admin):
    code, opd_id = q(admin, "SELECT o.code, o.opd_id FROM cases.case c JOIN registry.opd o USING (opd_id) "
                            "GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1")[0]
    expected = _ids_of(admin, "SELECT case_id FROM cases.case WHERE opd_id = :o", o=opd_id)
    page = desk.get("/", params={"opd": code, "status": "semua"}).text
    assert len(expected) > 1 and _ids(page) == expected
    assert f'<option value="{code}" selected>' in page


def test_by_deadline(desk, admin, fresh_cases):
    late, soon, later = fresh_cases(), fresh_cases(), fresh_cases()
    with admin.begin() as conn:
        for case, days in ((late, -2), (soon, 3), (later, 4)):
            conn.exec_driver_sql(f"UPDATE cases.deadline SET due_on = {TODAY} + %(d)s WHERE case_id = %(c)s",
                                 {"d": days, "c": case})
    overdue = _ids_of(admin, f"SELECT case_id FROM cases.deadline WHERE met_at IS NULL AND due_on < {TODAY}")
    due_soon = _ids_of(admin, f"SELECT case_id FROM cases.deadline WHERE met_at IS NULL "
                              f"AND due_on BETWEEN {TODAY} AND {TODAY} + 3")
    assert late in overdue and soon in due_soon and later not in overdue | due_soon
    page = desk.get("/", params={"tenggat": "lewat"}).text
    assert _ids(page) == overdue and "lewat 2 hari" in page and 'class="overdue"' in page
    assert _ids(desk.get("/", params={"tenggat": "segera"}).text) == due_soon
    every = desk.get("/").text
    assert {late, soon, later} <= _ids(every)
    first = re.search(r'href="/kasus/(\d+)"', every).group(1)
    assert int(first) in overdue                                    # overdue cases come first


def test_by_severity_the_heaviest_finding_counts(desk, admin):
    single, double = (q(admin, "SELECT cf.case_id FROM cases.case_finding cf JOIN cases.case c USING (case_id) "
                               "WHERE c.closed_at IS NULL GROUP BY cf.case_id HAVING count(*) = :n "
                               "ORDER BY cf.case_id LIMIT 1", n=n)[0][0] for n in (1, 2))
    with admin.begin() as conn:
        conn.exec_driver_sql("UPDATE findings.finding SET severity_discipline = 'sedang' WHERE finding_id IN "
                             "(SELECT finding_id FROM cases.case_finding WHERE case_id = %(c)s)", {"c": single})
        conn.exec_driver_sql("UPDATE findings.finding SET severity_discipline = 'ringan' WHERE finding_id = "
                             "(SELECT min(finding_id) FROM cases.case_finding WHERE case_id = %(c)s)", {"c": double})
    heaviest = {}
    for case, tier in q(admin, "SELECT cf.case_id, f.severity_discipline FROM cases.case_finding cf "
                               "JOIN findings.finding f USING (finding_id) JOIN cases.case c USING (case_id) "
                               "WHERE c.closed_at IS NULL"):
        order = ("ringan", "sedang", "berat")
        heaviest[case] = max(heaviest.get(case, tier), tier, key=order.index)
    assert heaviest[single] == "sedang" and heaviest[double] == "berat"
    for tier in ("ringan", "sedang", "berat"):
        assert _ids(desk.get("/", params={"keparahan": tier}).text) == {c for c, t in heaviest.items() if t == tier}
    assert _ids(desk.get("/", params={"keparahan": "sangat"}).text) == set(heaviest)   # unknown: no filter


def test_by_platform(desk, admin):
    platforms = [r[0] for r in q(admin, "SELECT DISTINCT p.platform::text FROM cases.case_finding cf "
                                        "JOIN findings.finding f USING (finding_id) JOIN core.post p USING (post_pk)")]
    assert len(platforms) >= 3
    for platform in platforms:
        expected = _ids_of(admin, "SELECT DISTINCT cf.case_id FROM cases.case_finding cf JOIN findings.finding f "
                                  "USING (finding_id) JOIN core.post p USING (post_pk) "
                                  "WHERE p.platform::text = :p", p=platform)
        assert _ids(desk.get("/", params={"platform": platform, "status": "semua"}).text) == expected, platform


def test_filters_combine_and_htmx_gets_the_table_alone(desk, admin):
    code, platform = q(admin, "SELECT o.code, p.platform::text FROM cases.case c JOIN registry.opd o USING (opd_id) "
                              "JOIN cases.case_finding cf USING (case_id) JOIN findings.finding f USING (finding_id) "
                              "JOIN core.post p USING (post_pk) ORDER BY c.case_id LIMIT 1")[0]
    expected = _ids_of(admin, "SELECT DISTINCT c.case_id FROM cases.case c JOIN registry.opd o USING (opd_id) "
                              "JOIN cases.case_finding cf USING (case_id) JOIN findings.finding f USING (finding_id) "
                              "JOIN core.post p USING (post_pk) WHERE o.code = :o AND p.platform::text = :p",
                       o=code, p=platform)
    params = {"opd": code, "platform": platform, "status": "semua"}
    full = desk.get("/", params=params)
    fragment = desk.get("/", params=params, headers={"HX-Request": "true"})
    assert _ids(full.text) == _ids(fragment.text) == expected
    assert "<html" in full.text and "<html" not in fragment.text and "<table" in fragment.text
    assert fragment.headers["vary"] == "HX-Request"
    # the form works without JavaScript (GET to the queue) and with it (HTMX swaps the table)
    form = re.search(r'<form class="filters"[^>]*>', full.text).group(0)
    assert 'method="get" action="/"' in form and 'hx-get="/"' in form and 'hx-target="#antrean"' in form
    assert '<script src="/static/htmx.min.js"' in full.text
    history = desk.get("/", params=params, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in history.text
