"""Logins made by `netra user`: in their group role, with a SCRAM verifier computed client-side,
supervisors scoped to their OPDs, every grant and removal audited without the password."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from netra import users, warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load

pytestmark = pytest.mark.db
PASSWORD = "kata-sandi-uji-yang-panjang"


@pytest.fixture
def names(engine):
    made = []
    yield lambda: made.append(f"t_{uuid.uuid4().hex[:10]}") or made[-1]
    with engine.begin() as conn:
        for name in made:
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{name}"'))


def _url(engine, name):
    return engine.url.set(username=name, password=PASSWORD).render_as_string(hide_password=False)


def test_a_login_connects_in_its_role_and_its_grant_is_audited(engine, short_sample, names):
    load(engine, short_sample[0], SHORT_ELECTION)
    officer, supervisor = names(), names()
    users.add(engine, officer, "case_officer", PASSWORD)
    with engine.connect() as conn:
        code = conn.execute(sa.text("SELECT min(code) FROM registry.opd")).scalar()
        stored = conn.execute(sa.text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": officer}).scalar()
    users.add(engine, supervisor, "supervisor", PASSWORD, opds=[code])
    assert stored.startswith("SCRAM-SHA-256$4096:")
    me = warehouse.engine(_url(engine, officer))
    with me.connect() as conn:
        assert conn.execute(sa.text("SELECT session_user, pg_has_role('netra_case_officer', 'MEMBER')")).one() == (officer, True)
    listed = {m["login"]: m for m in users.members(engine)}
    assert listed[officer]["role"] == "netra_case_officer" and listed[supervisor]["opds"] == [code]
    with engine.connect() as conn:
        trail = conn.execute(sa.text("SELECT subject, detail::text FROM audit.event WHERE kind = 'role_grant' "
                                     "ORDER BY event_id")).all()
    assert [s for s, _ in trail] == [f"login:{officer}", f"login:{supervisor}"]
    assert all(PASSWORD not in d for _, d in trail)
    warehouse._engine(_url(engine, officer)).dispose()
    users.remove(engine, officer)
    assert officer not in {m["login"] for m in users.members(engine)}


@pytest.mark.parametrize("name, role, opds, message", [
    ("Budi Santoso", "case_officer", [], "lower-case"),
    ("petugas_x", "kepala", [], "no role"),
    ("atasan_x", "supervisor", [], "needs --opd"),
    ("petugas_y", "case_officer", ["DINKES"], "no other role"),
    ("atasan_y", "supervisor", ["TIDAK-ADA"], "no OPD with code"),
])
def test_a_login_that_does_not_fit_is_refused_and_nothing_is_made(engine, name, role, opds, message):
    with pytest.raises(users.UserError, match=message):
        users.add(engine, name, role, PASSWORD, opds=opds)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar() == 0
