"""Quarantine: every row that failed to parse, normalize or validate, with all its reasons and
its bytes, so nothing is lost silently. Re-derived for its batch and window on every run."""
from __future__ import annotations

import json

from netra import warehouse
from netra.extract.fetch import Batch
from netra.normalize.parse import Item
from netra.window import Window

COLUMNS = ("payload_id", "item_no", "source", "platform", "post_id", "stage", "reasons", "record",
           "record_raw", "batch_key", "window_start", "window_end")


def clear(conn, batch: Batch, window: Window) -> None:
    """Remove the batch's quarantine for the window: a run records it again from scratch."""
    warehouse.execute(conn, "load/clear_quarantine",
                      {"window_start": window.start, "window_end": window.end, "batch_key": batch.key})


def record(conn, batch: Batch, window: Window, rejects: list) -> None:
    """Add `rejects`, (normalized row, stage) pairs, to the batch's quarantine for the window."""
    warehouse.copy_rows(conn, "quarantine.record", COLUMNS, rows(batch, window, rejects))


def rows(batch: Batch, window: Window, rejects: list) -> list[tuple]:
    """quarantine.record rows (COLUMNS) of `rejects`."""
    return [(n.payload_id, n.item.item_no, n.source, (n.item.row or {}).get("platform") or _platform_of(n.item),
             (n.item.row or {}).get("post_id"), stage, n.item.problems, _storable_json(n.item.record), n.item.raw(),
             batch.key, window.start, window.end)
            for n, stage in rejects]


def _platform_of(item: Item) -> str | None:
    record = item.record if isinstance(item.record, dict) else {}
    platform = record.get("platform")
    return platform if isinstance(platform, str) and len(platform) < 40 else None


def _storable_json(record) -> str | None:
    """The record as JSON, unless PostgreSQL's jsonb cannot hold it (NUL, unpaired surrogates)."""
    if record is None:
        return None
    text = json.dumps(record, ensure_ascii=False)
    if "\\u0000" in text or any("\ud800" <= ch <= "\udfff" for ch in text):
        return None
    return text
