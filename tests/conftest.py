"""Test fixtures: a throwaway PostgreSQL cluster for the session, a migrated template database
cloned for every test that needs one, and a short fictional campaign generated once."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# Airflow reads its settings when first imported, which any test may do (a task callable that
# fails at once raises Airflow's exception): its home and metadata are the tests' from the start.
from tests import airflow_env  # noqa: E402

airflow_env.configure()
# The key reporters' contacts are encrypted under (a fictional one, for the tests' warehouses).
os.environ.setdefault("AIRFLOW_CONN_NETRA_CONTACT_KEY", '{"conn_type": "generic", "password": "' + "k" * 40 + '"}')
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHORT_ELECTION = Path(__file__).parent / "data" / "election-short.yaml"
SAMPLE_ELECTION = ROOT / "include" / "rules" / "elections" / "pilwalkot-puri-segara-2024.yaml"
NO_SHARED = "../shared (real API payloads and labelled posts) is not beside this checkout; a user's clone has none"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=NO_SHARED)


def require_shared() -> None:
    """Skip the calling test module when ../shared is absent (call it before reading from it)."""
    if not SHARED.exists():
        pytest.skip(NO_SHARED, allow_module_level=True)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """PostgreSQL from the machine's server binaries; missing binaries fail the run with the fix."""
    from netra.dev.cluster import Cluster

    c = Cluster(tmp_path_factory.mktemp("pg") / "cluster")
    c.start()
    yield c
    c.destroy()


@pytest.fixture(scope="session")
def template_db(cluster):
    from netra import schema, warehouse

    cluster.create_database("netra_template")
    schema.migrate(warehouse.url_from_airflow_conn(cluster.dsn("netra_template")))
    return "netra_template"


@pytest.fixture(scope="session")
def new_db(cluster, template_db):
    """Makes fresh migrated warehouses (copies of the template database); drops them at the end."""
    import psycopg2

    from netra import warehouse

    made = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        conn = psycopg2.connect(cluster.dsn("postgres"))
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
        conn.close()
        made.append(name)
        return warehouse.url_from_airflow_conn(cluster.dsn(name))

    yield make
    for name in made:
        warehouse._engine(warehouse.url_from_airflow_conn(cluster.dsn(name))).dispose()
        cluster.drop_database(name)


@pytest.fixture
def db_url(new_db):
    """A fresh migrated warehouse for one test."""
    return new_db()


@pytest.fixture
def engine(db_url):
    from netra import warehouse

    return warehouse.engine(db_url)


@pytest.fixture(scope="session")
def short_sample(tmp_path_factory):
    """A fictional city (600 employees) over a ten-day election, as landing files."""
    from netra.dev.sample import generate

    out = tmp_path_factory.mktemp("sample")
    summary = generate(11, out, SHORT_ELECTION, employees=600)
    return out, summary



@pytest.fixture
def login(cluster, db_url):
    """Makes logins for this test's warehouse: login("netra_case_officer") is the URL of a new
    login in that group role (migration 0007 makes the groups), with a password of its own."""
    import secrets

    import psycopg2
    import sqlalchemy as sa

    from netra import warehouse

    made = []

    def make(group: str) -> str:
        name, password = f"u_{uuid.uuid4().hex[:10]}", secrets.token_urlsafe(16)
        conn = psycopg2.connect(cluster.dsn("postgres"))
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'CREATE ROLE "{name}" LOGIN PASSWORD %s IN ROLE "{group}"', (password,))
        conn.close()
        url = sa.engine.make_url(db_url).set(username=name, password=password).render_as_string(hide_password=False)
        made.append((name, url))
        return url

    yield make
    conn = psycopg2.connect(cluster.dsn("postgres"))
    conn.autocommit = True
    with conn.cursor() as cur:
        for name, url in made:
            warehouse._engine(url).dispose()
            cur.execute(f'DROP ROLE "{name}"')
    conn.close()
