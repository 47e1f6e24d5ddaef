"""The reports' warehouse: the short election's first campaign days run once through the whole
pipeline (findings, cases) into a template, and a fresh copy of it for each test."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from netra import warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load, run_window

DAYS = (dt.date(2024, 11, 19), dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 22))


@pytest.fixture(scope="session")
def reports_template(cluster, new_db, short_sample):
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, short_sample[0], SHORT_ELECTION)
    for day in DAYS:
        run_window(engine, short_sample[0], day)
    engine.dispose()
    return sa.engine.make_url(url).database


@pytest.fixture
def reports_db(cluster, reports_template):
    """A superuser engine on a copy of the template for one test."""
    import psycopg2

    name = f"r_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(cluster.dsn("postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{reports_template}"')
    url = warehouse.url_from_airflow_conn(cluster.dsn(name))
    yield warehouse.engine(url)
    warehouse._engine(url).dispose()
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


def q(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()
