"""Deduplicate the window's staged rows into core: posts, versions, sightings, tombstones.

Set-based (one statement per step, files under include/sql/upsert) and idempotent: running a
window again, or windows in any order, leaves core the same. Writers of core take one advisory
lock, so concurrent runs (a backfill) queue instead of deadlocking on the same posts.
"""
from __future__ import annotations

import json

import sqlalchemy as sa

from netra import warehouse
from netra.window import Window

LOCK = "SELECT pg_advisory_xact_lock(hashtext('netra.core'))"


def upsert_window(engine, window: Window, run_id: str | None = None, dag_id: str | None = None) -> dict:
    params = {"window_start": window.start}
    with engine.begin() as conn:
        conn.execute(sa.text(LOCK))
        counts = warehouse.execute(conn, "upsert/06_counts", params).mappings().one()
        warehouse.execute(conn, "upsert/01_seen", params)
        posts = [r.inserted for r in warehouse.execute(conn, "upsert/02_posts")]
        versions = [r.inserted for r in warehouse.execute(conn, "upsert/03_versions")]
        sightings = warehouse.execute(conn, "upsert/04_sightings", params).rowcount
        tombstones = [r.deleted for r in warehouse.execute(conn, "upsert/05_tombstones", params)]
        result = {
            "rows_in": counts["rows_in"], "posts": counts["posts"], "versions": counts["versions"],
            "new_posts": sum(posts), "updated_posts": len(posts) - sum(posts),
            "new_versions": sum(versions), "new_sightings": sightings,
            "duplicates": counts["rows_in"] - counts["versions"],
            "tombstoned": sum(tombstones), "untombstoned": len(tombstones) - sum(tombstones),
        }
        warehouse.execute(conn, "load/record_metric", {
            "task_id": "upsert", "batch_key": "", "window_start": window.start, "window_end": window.end,
            "dag_id": dag_id, "run_id": run_id, "rows_in": result["rows_in"], "rows_out": result["posts"],
            "duplicates": result["duplicates"], "quarantined": 0, "details": json.dumps(result)})
    return result
