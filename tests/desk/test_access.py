"""Who gets into the desk and what they see, decided by the warehouse: a case officer logs in with
their own PostgreSQL login and sees every case; a supervisor sees only the cases of the OPDs
cases.scope gives their login (another's case is not found); analysts and auditors are refused;
a wrong password says nothing about which part was wrong; forms need the session's CSRF token;
log-out ends the session."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from netra.desk.app import COOKIE, create_app
from netra.desk.sessions import Sessions
from tests.desk.conftest import csrf, log_in, q

pytestmark = pytest.mark.db


def _case_ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="[^"]*/kasus/(\d+)"', html)}


def test_a_wrong_password_or_an_unknown_login_says_neither(client, logins):
    name, _ = logins("netra_case_officer")
    for nama, sandi in ((name, "bukan-sandinya"), ("tidak_ada_login_ini", "apa-saja"), (name, "")):
        r = client.post("/masuk", data={"nama": nama, "sandi": sandi}, follow_redirects=False)
        assert r.status_code == 401 and "Nama pengguna atau kata sandi salah" in r.text
        assert COOKIE not in r.cookies
    assert client.get("/", follow_redirects=False).headers["location"] == "/masuk"


@pytest.mark.parametrize("group", ["netra_analyst", "netra_auditor", "netra_loader"])
def test_roles_other_than_case_officer_and_supervisor_are_refused(client, logins, group):
    r = client.post("/masuk", data=dict(zip(("nama", "sandi"), logins(group))), follow_redirects=False)
    assert r.status_code == 401 and "Akun ini tidak memiliki akses ke meja kasus" in r.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_an_unreachable_warehouse_is_said_so(desk_db, logins):
    from netra.dev.cluster import free_port

    nowhere = sa.engine.make_url(desk_db).set(port=free_port()).render_as_string(hide_password=False)
    with TestClient(create_app(lambda: nowhere)) as client:
        r = client.post("/masuk", data=dict(zip(("nama", "sandi"), logins("netra_case_officer"))))
    assert r.status_code == 503 and "Gudang data tidak dapat dihubungi" in r.text


def test_a_superuser_is_refused_as_neither_grants_nor_row_level_security_bind_it(client, cluster):
    meta = cluster.meta()
    r = client.post("/masuk", data={"nama": meta["user"], "sandi": meta["password"]}, follow_redirects=False)
    assert r.status_code == 401 and "Akun ini tidak memiliki akses ke meja kasus" in r.text


def test_a_case_officer_sees_every_case(client, logins, admin):
    log_in(client, *logins("netra_case_officer"))
    page = client.get("/", params={"status": "semua"})
    assert page.status_code == 200 and "Antrean kasus" in page.text and "Petugas kasus" in page.text
    every = {r.case_id for r in q(admin, "SELECT case_id FROM cases.case")}
    assert len(every) > 20 and _case_ids(page.text) == every
    assert f"{len(every)} kasus" in page.text
    some = min(every)
    assert client.get(f"/kasus/{some}").status_code == 200


def test_a_supervisor_sees_only_the_cases_of_their_opd(client, logins, admin, fresh_cases):
    name, password = logins("netra_supervisor")
    mine = fresh_cases()
    with admin.begin() as conn:
        conn.exec_driver_sql("INSERT INTO cases.scope SELECT %(n)s, opd_id FROM cases.case WHERE case_id = %(c)s",
                             {"n": name, "c": mine})
    own = {r.case_id for r in q(admin, "SELECT case_id FROM cases.case WHERE opd_id = "
                                       "(SELECT opd_id FROM cases.case WHERE case_id = :c)", c=mine)}
    other = q(admin, "SELECT min(case_id) FROM cases.case WHERE opd_id <> (SELECT opd_id FROM cases.case "
                     "WHERE case_id = :c)", c=mine)[0][0]
    log_in(client, name, password)
    page = client.get("/", params={"status": "semua"})
    assert "Atasan langsung" in page.text
    assert _case_ids(page.text) == own and other is not None
    opds = re.findall(r'<option value="([^"]*)"', page.text.split('name="opd"')[1].split("</select>")[0])
    assert opds == ["", q(admin, "SELECT o.code FROM cases.case c JOIN registry.opd o USING (opd_id) "
                                 "WHERE case_id = :c", c=mine)[0][0]]
    own_page = client.get(f"/kasus/{mine}")
    assert own_page.status_code == 200 and "bukti.pdf" not in own_page.text
    # evidence reads raw pages and identities a supervisor has no grant on: the warehouse refuses it
    r = client.get(f"/kasus/{mine}/bukti.pdf")
    assert r.status_code == 403 and "permission denied" in r.text
    for path in (f"/kasus/{other}", f"/kasus/{other}/bukti.pdf", f"/kasus/{other}/bukti.zip"):
        r = client.get(path)
        assert r.status_code == 404 and "Kasus tidak ditemukan" in r.text, path
    # a step on another OPD's case is refused too: the warehouse does not show it to the step
    r = client.post(f"/kasus/{other}/langkah", data={"csrf": csrf(page.text), "aksi": "verifikasi", "alasan": "x"})
    assert r.status_code == 404
    assert q(admin, "SELECT state FROM cases.case WHERE case_id = :c", c=other)[0][0] == "baru"


def test_forms_need_the_sessions_csrf_token(client, logins, admin, fresh_cases):
    log_in(client, *logins("netra_case_officer"))
    case = fresh_cases()
    token = csrf(client.get(f"/kasus/{case}").text)
    for data in ({}, {"csrf": "not-" + token}):
        r = client.post(f"/kasus/{case}/langkah", data={**data, "aksi": "verifikasi", "alasan": "bukti lengkap"})
        assert r.status_code == 403 and "Formulir kedaluwarsa atau tidak sah" in r.text
        assert client.post("/keluar", data=data).status_code == 403
    assert q(admin, "SELECT state FROM cases.case WHERE case_id = :c", c=case)[0][0] == "baru"
    assert q(admin, "SELECT count(*) FROM cases.event WHERE case_id = :c", c=case)[0][0] == 0
    # another session's token is no good either
    with TestClient(client.app) as other:
        log_in(other, *logins("netra_case_officer"))
        r = other.post(f"/kasus/{case}/langkah", data={"csrf": token, "aksi": "verifikasi", "alasan": "x"})
        assert r.status_code == 403


def test_the_session_cookie_and_log_out(client, logins, app):
    name, password = logins("netra_case_officer")
    r = client.post("/masuk", data={"nama": name, "sandi": password}, follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    token = r.cookies[COOKIE]
    session = app.state.sessions.get(token)
    assert session.login == name and session.role == "case_officer"
    page = client.get("/")
    assert page.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    out = client.post("/keluar", data={"csrf": csrf(page.text)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/masuk"
    assert app.state.sessions.get(token) is None
    client.cookies.set(COOKIE, token)          # the old token is dead even when sent again
    assert client.get("/", follow_redirects=False).headers["location"] == "/masuk"
    hx = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert hx.headers["HX-Redirect"] == "/masuk"


class _Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


class _Engine:
    """Stands in for a session's engine: the store only disposes of it."""
    disposed = False

    def dispose(self) -> None:
        self.disposed = True


def test_an_idle_session_expires_and_its_engine_is_closed():
    clock = _Clock()
    sessions = Sessions(idle_seconds=60, clock=clock)
    token, _ = sessions.open("petugas", "case_officer", engine := _Engine())
    for clock.now in (59, 118):
        assert sessions.get(token) is not None       # each request restarts the idle time
    clock.now = 179
    assert sessions.get(token) is None and engine.disposed
    kept, _ = sessions.open("petugas", "case_officer", other := _Engine())
    sessions.close_all()
    assert other.disposed and sessions.get(kept) is None
