"""Fixtures of the evidence and export tests: the short election's first two campaign days run once
through the whole pipeline (cases opened by it), kept as a template, and a fresh copy of it for
each test, with logins of the desk's roles on that copy."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from netra import warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import copy_of, judged_template, load

DAYS = (dt.date(2024, 11, 19), dt.date(2024, 11, 20))      # findings, captures and a tip among them


@pytest.fixture(scope="session")
def cases_template(cluster, new_db, short_sample):
    """A warehouse where two days ran and the pipeline opened cases, to copy."""
    return judged_template(new_db, short_sample[0], SHORT_ELECTION, DAYS)


@pytest.fixture
def cases_db(cluster, cases_template):
    """A copy of the template for one test: its superuser engine and URL."""
    with copy_of(cluster, cases_template, "c") as url:
        yield warehouse.engine(url), url


@pytest.fixture
def desk_login(login, cases_db):
    """desk_login("netra_case_officer") -> (engine, login name) of a new login in that group, on
    this test's copy."""
    made = []

    def make(group: str):
        url = sa.engine.make_url(login(group)).set(database=sa.engine.make_url(cases_db[1]).database)
        made.append(url.render_as_string(hide_password=False))
        return warehouse.engine(made[-1]), url.username
    yield make
    for url in made:
        warehouse._engine(url).dispose()


def q(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def run(engine, sql: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(sql), params)


@pytest.fixture
def flow_loaded(engine, short_sample):
    """A fresh warehouse with the short sample's registry and election and the workflow loaded."""
    from netra.cases import store

    load(engine, short_sample[0], SHORT_ELECTION)
    store.load_workflow(engine, "test")
    return engine


def insert_case(conn, discovered_at=None, supervised: bool = False, state: str = "baru") -> int:
    """A new case of the first employee (with a direct superior, when asked)."""
    return conn.execute(sa.text(
        "INSERT INTO cases.case (election_id, employee_id, state, discovered_at) "
        "SELECT (SELECT min(election_id) FROM registry.election), min(employee_id), :s, coalesce(:t, now()) "
        "FROM registry.employee WHERE :any OR supervisor_id IS NOT NULL RETURNING case_id"),
        {"t": discovered_at, "any": not supervised, "s": state}).scalar()


@pytest.fixture
def officer(desk_login):
    """An engine logged in as a case officer of the copy."""
    return desk_login("netra_case_officer")[0]
