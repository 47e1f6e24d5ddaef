"""Landing: a batch's fetches into raw, verbatim, with an outcome per requested scope in ops.

raw is keyed by fetch, page and bytes: landing a fetch again is a no-op, and a page re-landed with
other bytes becomes a new payload beside the first, so every version cites bytes that contain it.
"""
from __future__ import annotations

import hashlib
import logging

import sqlalchemy as sa

from netra import partitions, warehouse
from netra.extract.fetch import Batch, Fetch
from netra.window import Window

log = logging.getLogger(__name__)

FETCH_COLUMNS = ("fetch_id", "source", "platform", "scope_kind", "scope_key", "account", "account_platform_id",
                 "since", "until", "fetched_at", "complete", "request", "batch_key", "window_start", "window_end")
OUTCOME_COLUMNS = ("batch_key", "window_start", "window_end", "platform", "scope_kind", "scope_key", "account",
                   "status", "items", "pages", "attempts", "rate_limited", "waited_s", "error", "fetch_id", "fetched_at")


def land(conn, fetches: list[Fetch], batch: Batch, window: Window, first: bool = True) -> dict[tuple[str, int], int]:
    """Write fetches and their pages to raw; return payload ids by (fetch_id, page_no). A batch
    lands in parts: the `first` replaces the outcomes an earlier run of its window recorded."""
    if first:
        clear_outcomes(conn, batch, window)
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_fetch (LIKE raw.fetch) ON COMMIT DROP"))
    # Pages are compressed once, with lz4 (migration 0012), here; raw.payload takes them as they are.
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_payload "
                         "(fetch_id text, page_no int, body bytea COMPRESSION lz4, sha256 char(64), byte_size int) "
                         "ON COMMIT DROP"))
    warehouse.copy_rows(conn, "pg_temp.land_fetch", FETCH_COLUMNS, (
        (f.fetch_id, f.source, f.platform, f.scope_kind, f.scope_key, f.account, f.account_platform_id,
         f.since, f.until, f.fetched_at, f.complete, f.request, batch.key, window.start, window.end)
        for f in fetches))
    warehouse.copy_rows(conn, "pg_temp.land_payload", ("fetch_id", "page_no", "body", "sha256", "byte_size"), (
        (f.fetch_id, n, body, hashlib.sha256(body).hexdigest(), len(body))
        for f in fetches for n, body in enumerate(f.pages, start=f.first_page)))
    warehouse.execute(conn, "load/land_fetches")
    warehouse.execute(conn, "load/land_payloads", {"month": partitions.month(window)})
    record_outcomes(conn, fetches, batch, window)
    ids, changed = {}, 0
    for payload_id, fetch_id, page_no, was_changed in warehouse.execute(conn, "load/landed_payloads"):
        ids[(fetch_id, page_no)] = payload_id
        changed += bool(was_changed)
    if changed:
        log.warning("%d re-landed pages differ from the bytes landed before; raw keeps both, as separate payloads",
                    changed)
    return ids


def clear_outcomes(conn, batch: Batch, window: Window) -> None:
    """A rerun of the batch's window replaces its outcomes: cleared before its first part lands."""
    warehouse.execute(conn, "load/clear_outcomes",
                      {"batch_key": batch.key, "window_start": window.start, "window_end": window.end})


def record_outcomes(conn, fetches: list[Fetch], batch: Batch, window: Window) -> None:
    """One ops row per requested scope (connectors give every request an outcome; landing files
    were collected elsewhere and have none)."""
    warehouse.copy_rows(conn, "ops.fetch_outcome", OUTCOME_COLUMNS, (
        (batch.key, window.start, window.end, f.platform, f.scope_kind, f.scope_key, f.account, o.status,
         o.items, o.pages, o.attempts, o.rate_limited, o.waited_s, o.error, f.fetch_id, f.fetched_at)
        for f in fetches if (o := f.outcome) is not None))
