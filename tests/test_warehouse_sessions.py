"""Netra's sessions run without PostgreSQL's JIT (its compiling cost more than the short
statements of a window gained: make bench-pipeline, 131 s with it, 110 s without)."""
from __future__ import annotations

import pytest

from netra import warehouse

pytestmark = pytest.mark.db


def test_the_pipelines_sessions_have_jit_off(db_url):
    import sqlalchemy as sa

    with sa.create_engine(db_url, poolclass=sa.pool.NullPool).connect() as plain:    # the server's default
        assert plain.exec_driver_sql("SHOW jit").scalar() == "on"
    with warehouse.engine(db_url).connect() as conn:
        assert conn.exec_driver_sql("SHOW jit").scalar() == "off"
        assert conn.exec_driver_sql("SELECT current_setting('jit', true)").scalar() == "off"
