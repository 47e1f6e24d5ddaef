"""The analysts' marts: views and materialized views over core and findings.

Their definitions live in include/sql/mart/<name>.sql (one file per view, with its indexes), not in
the migrations: `schema.migrate` and `schema.downgrade` drop them before Alembic runs, so a
migration may change any table they read, and create them again from the files afterwards. The
materialized views are refreshed after a window is judged.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from netra import warehouse

# Creation order: a view reads only the views before it.
VIEWS = ("account_owner", "finding_list", "findings_daily", "account_coverage")
# The oldest revision whose schema the files fit (finding_list reads findings.escalation): below it
# the warehouse has no marts. Move it up when a view starts reading what a newer migration adds.
SINCE = "0002_rules_v2"


def drop(conn: Connection) -> None:
    """Drop the marts that exist, dependents first."""
    names = list(reversed(VIEWS))
    for (stmt,) in warehouse.execute(conn, "mart/drop", {"names": names}).all():
        conn.execute(sa.text(stmt))


def create(conn: Connection) -> None:
    """Create the marts from their files (materialized views with their data)."""
    for name in VIEWS:
        warehouse.execute(conn, f"mart/{name}")


def refresh(engine) -> None:
    with engine.begin() as conn:
        warehouse.execute(conn, "mart/refresh")
