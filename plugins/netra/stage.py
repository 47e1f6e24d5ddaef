"""Staging: the hand-off from a batch's ingest to its window's upsert.

The batch's staged fetches and rows are re-derived from scratch on every run, in stage tables that
survive a crash (logged); tips go straight to core, keyed by tip id, their reporters' contacts
encrypted (pgcrypto) under the key of the netra_contact_key connection.
"""
from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from netra import secrets, warehouse
from netra.extract.fetch import Batch
from netra.normalize.parse import COLUMNS
from netra.window import Window

STAGE_COLUMNS = ("batch_key", "window_start", "window_end", "payload_id", "item_no", "seen_at", "source") + COLUMNS + (
    "content_hash", "text_key")
# The contact is staged in the clear in a temporary table and encrypted as it reaches core.
TIP_COLUMNS = ("tip_id", "payload_id", "received_at", "post_url", "platform", "post_ref", "account_handle",
               "unresolved_reason", "reporter_contact_plain", "note", "screenshot_file", "screenshot_sha256")


def clear(conn, batch: Batch, window: Window) -> None:
    """Remove the batch's stage for the window: a run stages it again from scratch."""
    warehouse.execute(conn, "load/clear_batch", _params(batch, window))


def stage_fetches(conn, batch: Batch, window: Window, fetch_ids: set[str]) -> None:
    """The fetches the batch read (empty ones too): what the upsert applies as evidence."""
    warehouse.execute(conn, "load/stage_fetches", {**_params(batch, window), "fetch_ids": sorted(fetch_ids)})


def post_text(batch: Batch, window: Window, good: list, limit: int = 8 << 20) -> Iterator[tuple[str, int]]:
    """stage.post rows (STAGE_COLUMNS) of the posts that passed, as COPY text in chunks of about
    `limit` characters (warehouse.copy_chunks' format), the batch's and window's values written
    once per part: 10 µs a post, where copy_chunks takes 14."""
    escape, value = warehouse.copy_escape, warehouse.copy_value
    prefix = "\t".join(escape(str(v)) for v in (batch.key, window.start, window.end))

    def line(n) -> str:
        r = n.item.row
        return "\t".join((prefix, str(n.payload_id), str(n.item.item_no), value(n.seen_at), escape(n.source),
                          *[escape(r[c]) if type(r[c]) is str else value(r[c]) for c in _ROW_COLUMNS]))

    return warehouse.copy_lines((line(n) for n in good if n.source != "tips"), limit)


_ROW_COLUMNS = COLUMNS + ("content_hash", "text_key")


def tip_rows(good: list) -> list[list]:
    """pg_temp.land_tip rows (TIP_COLUMNS) of the tips that passed."""
    return [[n.item.row["tip_id"], n.payload_id] + [n.item.row[c.removesuffix("_plain")] for c in TIP_COLUMNS[2:]]
            for n in good if n.source == "tips"]


def write_tips(conn, tips: list[list]) -> None:
    """Tips to core, their contacts encrypted on the way."""
    if not tips:
        return
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_tip (LIKE core.tip) ON COMMIT DROP"))
    conn.execute(sa.text("TRUNCATE pg_temp.land_tip"))
    warehouse.copy_rows(conn, "pg_temp.land_tip", TIP_COLUMNS, tips)
    contact_key = secrets.key(secrets.CONTACT_KEY).decode()
    warehouse.execute(conn, "load/insert_tips", {"key": contact_key})
    warehouse.execute(conn, "load/encrypt_contacts", {"key": contact_key})


def _params(batch: Batch, window: Window) -> dict:
    return {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
