"""The desk's fixtures: one warehouse per test module with two campaign days of the short
fictional sample through the whole pipeline (cases opened by it), logins in the desk's groups,
and the desk app on that warehouse."""
from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid

import psycopg2
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from netra import warehouse
from netra.desk.app import create_app
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load, run_window

DAYS = (dt.date(2024, 11, 19), dt.date(2024, 11, 20))


@pytest.fixture(scope="module")
def desk_db(new_db, short_sample):
    """A warehouse URL (superuser) whose cases the pipeline opened from two days of findings."""
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, short_sample[0], SHORT_ELECTION)
    for day in DAYS:
        run_window(engine, short_sample[0], day)
    return url


@pytest.fixture(scope="module")
def admin(desk_db):
    return warehouse.engine(desk_db)


@pytest.fixture(scope="module")
def logins(cluster):
    """Makes logins in a group role: make("netra_case_officer") -> (name, password)."""
    made = []

    def make(group: str) -> tuple[str, str]:
        name, password = f"u_{uuid.uuid4().hex[:10]}", secrets.token_urlsafe(16)
        _as_superuser(cluster, f'CREATE ROLE "{name}" LOGIN PASSWORD %s IN ROLE "{group}"', (password,))
        made.append(name)
        return name, password

    yield make
    for name in made:
        _as_superuser(cluster, f'DROP ROLE "{name}"')


def _as_superuser(cluster, stmt: str, params: tuple = ()) -> None:
    conn = psycopg2.connect(cluster.dsn("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(stmt, params)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def app(desk_db, logins):
    """The desk on the module's warehouse (its sessions' engines closed before the logins go)."""
    desk = create_app(lambda: desk_db)
    yield desk
    desk.state.sessions.close_all()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def log_in(client: TestClient, name: str, password: str, prefix: str = "") -> None:
    r = client.post(f"{prefix}/masuk", data={"nama": name, "sandi": password}, follow_redirects=False)
    assert r.status_code == 303, r.text


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def q(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


@pytest.fixture(scope="module")
def fresh_cases(admin):
    """Hands out cases still in the workflow's first state, each once per module, so tests that
    move cases stay apart whatever their order."""
    ids = iter([r.case_id for r in q(admin, "SELECT case_id FROM cases.case WHERE state = 'baru' ORDER BY case_id")])
    return lambda: next(ids)


def as_login(desk_db: str, name: str, password: str) -> sa.Engine:
    """An engine logged in as a desk user, outside the desk (to set a case up); no pool, so no
    connection outlives its use."""
    url = sa.engine.make_url(desk_db).set(username=name, password=password)
    return sa.create_engine(url, poolclass=sa.pool.NullPool)
