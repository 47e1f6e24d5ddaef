"""The views readers use, made from files after the migrations: the analysts' marts and the desk's.

Their definitions live in include/sql/<schema>/<name>.sql (one file per view, with its indexes),
not in the migrations: `schema.migrate` and `schema.downgrade` drop them before Alembic runs, so a
migration may change any table they read, and create them again from the files afterwards. The
materialized marts are refreshed after a window is judged.
"""
from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from netra import warehouse

# Creation order: a view reads only the views before it.
VIEWS = ("opd", "account_owner", "opd_account", "finding_list", "findings_daily", "account_coverage", "opd_scorecard_daily")
# The oldest revision whose schema the files fit (the marts read the pseudonyms 0007 adds): below it
# the warehouse has no marts. Move it up when a view starts reading what a newer migration adds.
SINCE = "0007_case_desk"
# The desk's views (schema desk) read cases, which 0007 completes.
DESK_VIEWS: tuple[str, ...] = ("case_subject", "queue", "case_post", "case_event", "case_deadline")
DESK_SINCE = "0007_case_desk"
# The operators' health views (schema ops, beside its tables), read by netra.health.
OPS_VIEWS: tuple[str, ...] = ("freshness", "volume_daily", "fetch_problems", "quarantine_rate", "dq_failures",
                              "findings_volume", "running_deadlines")

GROUPS = (("mart", VIEWS, SINCE), ("desk", DESK_VIEWS, DESK_SINCE), ("ops", OPS_VIEWS, SINCE))


def drop(conn: Connection) -> None:
    """Drop the views that exist, the desk's first, dependents first."""
    for schema, names, _ in reversed(GROUPS):
        for (stmt,) in warehouse.execute(conn, "mart/drop", {"schema": schema, "names": list(reversed(names))}).all():
            conn.execute(sa.text(stmt))


def create(conn: Connection, applied: Collection[str]) -> None:
    """Create, from their files, the views whose schema the applied revisions have (materialized
    views with their data)."""
    for schema, names, since in GROUPS:
        if since in applied:
            for name in names:
                warehouse.execute(conn, f"{schema}/{name}")


def refresh(engine) -> None:
    with engine.begin() as conn:
        warehouse.execute(conn, "mart/refresh")
