"""Deduplicate the window's staged rows into core: posts, versions, sightings, the window's
posts, tombstones.

Set-based (one statement per step, files under include/sql/upsert) and idempotent: running a
window again, or windows in any order, leaves core the same. Writers of core take one advisory
lock, so concurrent and overlapping runs (a backfill, a manual window over daily ones) queue
instead of deadlocking and give what sequential runs give. Nothing is read before the hand-off
from ingest checks out, and a window that would mark an implausible share of posts deleted
writes nothing.
"""
from __future__ import annotations

import json


from netra import settings, warehouse
from netra.window import Window

class HandOffError(RuntimeError):
    """Stage does not hold what ingest recorded: reading it would write a wrong window."""


class TombstoneGuardError(RuntimeError):
    """The window would mark more posts deleted than the threshold allows."""


def check_handoff(conn, window: Window) -> None:
    params = {"window_start": window.start, "window_end": window.end}
    problems = []
    for r in warehouse.execute(conn, "upsert/01_handoff", params).mappings():
        if r["recorded_rows"] is None:
            problems.append(f"batch {r['batch_key']} has {r['staged_rows']} staged rows that no ingest recorded")
        elif r["gate"] == "failed":
            problems.append(f"batch {r['batch_key']} failed its quality gate")
        elif (r["recorded_rows"], r["recorded_fetches"]) != (r["staged_rows"], r["staged_fetches"]):
            problems.append(f"batch {r['batch_key']}: ingest staged {r['recorded_rows']} rows of "
                            f"{r['recorded_fetches']} fetches, stage holds {r['staged_rows']} rows of {r['staged_fetches']}")
    if problems:
        raise HandOffError(f"window {window}: " + "; ".join(problems) + ". Nothing was upserted: rerun the "
                           "window's ingest tasks (the whole run), then upsert")


def upsert_window(engine, window: Window, run_id: str | None = None, dag_id: str | None = None,
                  max_tombstone_share: tuple[float, int] | None = None) -> dict:
    params = {"window_start": window.start, "window_end": window.end}
    max_share, min_checked = max_tombstone_share or settings.max_tombstone_share()
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.core")
        warehouse.lock(conn, "netra.window", str(window))     # no batch of the window restages meanwhile
        check_handoff(conn, window)
        warehouse.execute(conn, "upsert/02_staged", params)
        warehouse.execute(conn, "upsert/03_seen")
        counts = warehouse.execute(conn, "upsert/04_counts").mappings().one()
        posts = [r.inserted for r in warehouse.execute(conn, "upsert/05_posts")]
        versions = [r.inserted for r in warehouse.execute(conn, "upsert/06_versions")]
        sightings = warehouse.execute(conn, "upsert/07_sightings").rowcount
        warehouse.execute(conn, "upsert/08_clear_window_posts", params)
        warehouse.execute(conn, "upsert/09_window_posts", params)
        warehouse.execute(conn, "upsert/10_apply_fetches", params)
        warehouse.execute(conn, "upsert/11_verdict", params)
        share = warehouse.execute(conn, "upsert/12_tombstone_share").mappings().one()
        if share["newly_deleted"] >= min_checked and share["newly_deleted"] > max_share * share["candidates"]:
            raise TombstoneGuardError(
                f"window {window} would mark {share['newly_deleted']} of the {share['candidates']} posts it covers "
                f"deleted (more than {max_share:.0%}); nothing was written. Check the window's fetches "
                "(ops.fetch_outcome, raw.fetch); if the deletions are real, trigger the window again with the param "
                "max_tombstone_share raised (or raise NETRA_MAX_TOMBSTONE_SHARE for every run)")
        tombstones = [r.deleted for r in warehouse.execute(conn, "upsert/13_tombstones")]
        warehouse.analyze(conn, counts["rows_in"], "core.post", "core.post_version", "core.sighting",
                          "core.window_post")
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
