"""One batch of one window: extract → land raw → normalize → validate → quarantine → stage.

Every write is idempotent for (batch, window): raw is keyed by fetch, page and bytes, and the
batch's staged fetches, rows and quarantine are re-derived from scratch under a lock for (batch,
window), so two runs of one batch at once stage it once, and a window's lock shared with its other
batches, so they never change stage while its upsert reads it. What was staged is recorded in
ops.task_metric, which the upsert checks before it reads. A batch whose quarantined share passes
the threshold fails after its results are committed, so operators can see why.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from netra import config, quality, warehouse
from netra.connectors.http import AuthError
from netra.normalize import COLUMNS, Item, api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.sources.base import Batch, Fetch, Source
from netra.window import Window

log = logging.getLogger(__name__)

FETCH_COLUMNS = ("fetch_id", "source", "platform", "scope_kind", "scope_key", "account", "account_platform_id",
                 "since", "until", "fetched_at", "complete", "request", "batch_key", "window_start", "window_end")
STAGE_COLUMNS = ("batch_key", "window_start", "window_end", "payload_id", "item_no", "seen_at", "source") + COLUMNS + (
    "content_hash", "text_key")
TIP_COLUMNS = ("tip_id", "payload_id", "received_at", "post_url", "platform", "post_ref", "account_handle",
               "unresolved_reason", "reporter_contact", "note", "screenshot_file", "screenshot_sha256")
OUTCOME_COLUMNS = ("batch_key", "window_start", "window_end", "platform", "scope_kind", "scope_key", "account",
                   "status", "items", "pages", "attempts", "rate_limited", "waited_s", "error", "fetch_id", "fetched_at")
QUARANTINE_COLUMNS = ("payload_id", "item_no", "source", "platform", "post_id", "stage", "reasons", "record",
                      "record_raw", "batch_key", "window_start", "window_end")


class QualityGateError(RuntimeError):
    """More of a batch failed its checks than the threshold allows."""


@dataclass
class Normalized:
    payload_id: int
    source: str
    item: Item
    seen_at: object


def land(conn, fetches: list[Fetch], batch: Batch, window: Window) -> dict[tuple[str, int], int]:
    """Write fetches and their pages to raw; return payload ids by (fetch_id, page_no)."""
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_fetch (LIKE raw.fetch) ON COMMIT DROP"))
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_payload "
                         "(fetch_id text, page_no int, body bytea, sha256 char(64), byte_size int) ON COMMIT DROP"))
    warehouse.copy_rows(conn, "pg_temp.land_fetch", FETCH_COLUMNS, (
        (f.fetch_id, f.source, f.platform, f.scope_kind, f.scope_key, f.account, f.account_platform_id,
         f.since, f.until, f.fetched_at, f.complete, f.request, batch.key, window.start, window.end)
        for f in fetches))
    warehouse.copy_rows(conn, "pg_temp.land_payload", ("fetch_id", "page_no", "body", "sha256", "byte_size"), (
        (f.fetch_id, n, body, hashlib.sha256(body).hexdigest(), len(body))
        for f in fetches for n, body in enumerate(f.pages)))
    warehouse.execute(conn, "load/land_fetches")
    warehouse.execute(conn, "load/land_payloads")
    record_outcomes(conn, fetches, batch, window)
    ids, changed = {}, 0
    for payload_id, fetch_id, page_no, was_changed in warehouse.execute(conn, "load/landed_payloads"):
        ids[(fetch_id, page_no)] = payload_id
        changed += bool(was_changed)
    if changed:
        log.warning("%d re-landed pages differ from the bytes landed before; raw keeps both, as separate payloads",
                    changed)
    return ids


def record_outcomes(conn, fetches: list[Fetch], batch: Batch, window: Window) -> None:
    """One ops row per requested scope (connectors give every request an outcome; landing files
    were collected elsewhere and have none)."""
    params = {"batch_key": batch.key, "window_start": window.start, "window_end": window.end}
    warehouse.execute(conn, "load/clear_outcomes", params)
    warehouse.copy_rows(conn, "ops.fetch_outcome", OUTCOME_COLUMNS, (
        (batch.key, window.start, window.end, f.platform, f.scope_kind, f.scope_key, f.account, o.status,
         o.items, o.pages, o.attempts, o.rate_limited, o.waited_s, o.error, f.fetch_id, f.fetched_at)
        for f in fetches if (o := f.outcome) is not None))


def normalize(fetches: list[Fetch], ids: dict[tuple[str, int], int]) -> list[Normalized]:
    out = []
    for f in fetches:
        for n, body in enumerate(f.pages):
            payload_id = ids[(f.fetch_id, n)]
            if f.source == "api":
                items = api_page(f.platform, f.scope_kind, f.scope_key, f.account, f.account_platform_id, body)
            elif f.source == "capture":
                items = capture_lines(body)
            else:
                items = tip_rows(body)
            for item in items:
                out.append(Normalized(payload_id, f.source, item, item.seen_at or f.fetched_at))
    return out


def _frame(rows: list[Normalized], tips: bool):
    if tips:
        return quality.tips_frame([{"row_no": i, "received_at": r.item.row["received_at"],
                                    "post_url": r.item.row["post_url"], "note": r.item.row["note"] or ""}
                                   for i, r in enumerate(rows)])
    return quality.posts_frame([
        {"row_no": i, "platform": r.item.row["platform"], "post_id": r.item.row["post_id"],
         "created_at": r.item.row["created_at"], "seen_at": r.seen_at, "post_type": r.item.row["post_type"],
         "text": r.item.row["text"], "ref_post_id": r.item.row.get("ref_post_id")} for i, r in enumerate(rows)])


def _suite(n: Normalized) -> str:
    """One suite call per batch for its posts (whatever their platforms), one for its tips."""
    return "tips" if n.source == "tips" else "posts"


def ingest_batch(engine, source: Source, batch: Batch, window: Window, run_id: str | None = None,
                 dag_id: str | None = None, max_failure_rate: float | None = None) -> dict:
    threshold = config.max_failure_rate() if max_failure_rate is None else max_failure_rate
    fetches, stopped = extract(source, batch, window)
    with engine.begin() as conn:
        ids = land(conn, fetches, batch, window)
    if stopped is not None:
        raise stopped
    normalized = normalize(fetches, ids)

    # Rows that could be read at all go through their suite; the others are already rejects.
    by_suite: dict[str, list[Normalized]] = {}
    rejects: list[tuple[Normalized, str]] = []
    for n in normalized:
        if n.item.row is None:
            rejects.append((n, "parse"))
        else:
            by_suite.setdefault(_suite(n), []).append(n)
    good: list[Normalized] = []
    outcomes = []
    for suite, rows in sorted(by_suite.items()):
        outcome = quality.validate(_frame(rows, suite == "tips"), suite)
        outcomes.append(outcome)
        for i, n in enumerate(rows):
            reasons = outcome.failures.get(i, [])
            if reasons or n.item.problems:
                n.item.problems = n.item.problems + reasons
                rejects.append((n, "validate" if reasons else "normalize"))
            else:
                good.append(n)

    params = {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
    staged = [n for n in good if n.source != "tips"]
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.ingest", f"{batch.key} {window}")
        warehouse.lock(conn, "netra.window", str(window), shared=True)
        warehouse.execute(conn, "load/clear_batch", params)
        warehouse.execute(conn, "load/stage_fetches", {**params, "fetch_ids": sorted({f.fetch_id for f in fetches})})
        warehouse.execute(conn, "load/clear_quarantine", params)
        tips = [n for n in good if n.source == "tips"]
        if tips:
            conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS land_tip (LIKE core.tip) ON COMMIT DROP"))
            warehouse.copy_rows(conn, "pg_temp.land_tip", TIP_COLUMNS,
                                ([n.item.row["tip_id"], n.payload_id] + [n.item.row[c] for c in TIP_COLUMNS[2:]]
                                 for n in tips))
            warehouse.execute(conn, "load/insert_tips")
        warehouse.copy_rows(conn, "stage.post", STAGE_COLUMNS, (
            (batch.key, window.start, window.end, n.payload_id, n.item.item_no, n.seen_at, n.source)
            + tuple(n.item.row[c] for c in COLUMNS) + (n.item.row["content_hash"], n.item.row["text_key"])
            for n in staged))
        warehouse.copy_rows(conn, "quarantine.record", QUARANTINE_COLUMNS, (
            (n.payload_id, n.item.item_no, n.source, (n.item.row or {}).get("platform") or _platform_of(n.item),
             (n.item.row or {}).get("post_id"), stage, n.item.problems, _storable_json(n.item.record), n.item.record_raw, batch.key, window.start, window.end)
            for n, stage in rejects))
        total = len(normalized)
        rate = len(rejects) / total if total else 0.0
        for o in outcomes:
            warehouse.execute(conn, "load/record_dq", {
                **params, "suite": o.suite, "success": not o.failing, "rows_checked": o.rows,
                "rows_failed": o.failed_rows, "failure_rate": (o.failed_rows / o.rows) if o.rows else 0.0,
                "threshold": threshold, "statistics": json.dumps(o.statistics),
                "failing": json.dumps(o.failing)})
        gate = "failed" if total and rate > threshold else "passed"
        metric = {"rows_in": total, "rows_out": len(good), "duplicates": 0, "quarantined": len(rejects),
                  "details": {"fetches": len({f.fetch_id for f in fetches}), "pages": sum(len(f.pages) for f in fetches),
                              "staged": len(staged), "failure_rate": round(rate, 4), "threshold": threshold,
                              "gate": gate}}
        warehouse.execute(conn, "load/record_metric", {
            **params, "task_id": "ingest", "dag_id": dag_id, "run_id": run_id, **metric,
            "details": json.dumps(metric["details"])})
    if gate == "failed":
        raise QualityGateError(f"batch {batch.key} {window}: {len(rejects)} of {total} rows quarantined "
                               f"({rate:.1%} > {threshold:.1%}); see quarantine.record and ops.dq_result")
    return {"batch": batch.key, "fetches": len(fetches), **{k: v for k, v in metric.items() if k != "details"}}


def extract(source: Source, batch: Batch, window: Window) -> tuple[list[Fetch], Exception | None]:
    """The batch's fetches, and the error that stopped the source if one did: what was fetched
    before a refused credential is still landed (with the failed scope's outcome) before it stops
    the task."""
    fetches: list[Fetch] = []
    try:
        for f in source.fetches(batch, window):
            fetches.append(f)
    except AuthError as exc:
        return fetches, exc
    return fetches, None


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
