"""The warehouse schema migrates up, down and up again on a real PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from netra import warehouse

pytestmark = pytest.mark.db
SCHEMAS = {"registry", "raw", "stage", "core", "quarantine", "findings", "mart", "ops"}


def _schemas(url):
    with warehouse.engine(url).connect() as conn:
        return {r[0] for r in conn.execute(sa.text("SELECT nspname FROM pg_namespace"))} & SCHEMAS


def test_down_and_up_again(db_url):
    assert _schemas(db_url) == SCHEMAS
    warehouse.downgrade(db_url, "base")
    assert _schemas(db_url) == set()
    warehouse.migrate(db_url)
    assert _schemas(db_url) == SCHEMAS
    with warehouse.engine(db_url).connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0005_evidence"
