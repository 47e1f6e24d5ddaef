"""One batch of one window: extract → land raw → normalize → validate → quarantine → stage.

A batch streams through in parts of about PART_BYTES of landed pages (a province's intake batch
is a million rows): each part is landed and committed, then normalized, validated and added to
the batch's stage and quarantine, so memory holds one part, not the batch.

Every write is idempotent for (batch, window): raw is keyed by fetch, page and bytes (land.py), and
the batch's staged fetches, rows (stage.py) and quarantine (quarantine.py) are re-derived from
scratch in one transaction under a lock for (batch, window), so two runs of one batch at once stage
it once, and a window's lock shared with its other batches, so they never change stage while its
upsert reads it. What was staged is recorded in ops.task_metric, which the upsert checks before it
reads. A batch whose quarantined share passes the threshold fails after its results are
committed, so operators can see why.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from netra import land, partitions, quarantine, settings, stage, validate, warehouse
from netra.extract.fetch import Batch, Fetch, Source
from netra.extract.http import AuthError
from netra.normalize.parse import Item, api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.window import Window

# A part's landed pages: about 75,000 capture lines, a few hundred MB once parsed and normalized.
PART_BYTES = 48 << 20


class QualityGateError(RuntimeError):
    """More of a batch failed its checks than the threshold allows."""


@dataclass
class Normalized:
    payload_id: int
    source: str
    item: Item
    seen_at: object


def normalize(fetches: list[Fetch], ids: dict[tuple[str, int], int]) -> list[Normalized]:
    out = []
    for f in fetches:
        for n, body in enumerate(f.pages, start=f.first_page):
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


def ingest_batch(engine, source: Source, batch: Batch, window: Window, run_id: str | None = None,
                 dag_id: str | None = None, max_failure_rate: float | None = None) -> dict:
    threshold = settings.max_failure_rate() if max_failure_rate is None else max_failure_rate
    params = {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
    total = staged = rejected = pages = 0
    fetch_ids: set[str] = set()
    outcomes: list[validate.Outcome] = []
    partitions.ensure(engine, window)      # before any lock of this batch: it locks the tables
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.ingest", f"{batch.key} {window}")
        warehouse.lock(conn, "netra.window", str(window), shared=True)
        stage.clear(conn, batch, window)
        quarantine.clear(conn, batch, window)
        for n, (fetches, stopped) in enumerate(parts(source, batch, window)):
            with engine.begin() as landing:        # raw is kept, whatever becomes of the stage
                ids = land.land(landing, fetches, batch, window, first=n == 0)
            if stopped is not None:
                raise stopped
            normalized = normalize(fetches, ids)
            good, rejects, checked = validate.check(normalized)
            staged += stage.stage(conn, batch, window, good)
            quarantine.record(conn, batch, window, rejects)
            outcomes += checked
            total, rejected = total + len(normalized), rejected + len(rejects)
            fetch_ids.update(f.fetch_id for f in fetches)
            pages += sum(len(f.pages) for f in fetches)
        stage.stage_fetches(conn, batch, window, fetch_ids)
        rate = rejected / total if total else 0.0
        for o in validate.combined(outcomes):
            warehouse.execute(conn, "load/record_dq", {
                **params, "suite": o.suite, "success": not o.failing, "rows_checked": o.rows,
                "rows_failed": o.failed_rows, "failure_rate": (o.failed_rows / o.rows) if o.rows else 0.0,
                "threshold": threshold, "statistics": json.dumps(o.statistics),
                "failing": json.dumps(o.failing)})
        gate = "failed" if total and rate > threshold else "passed"
        metric = {"rows_in": total, "rows_out": total - rejected, "duplicates": 0, "quarantined": rejected,
                  "details": {"fetches": len(fetch_ids), "pages": pages, "staged": staged,
                              "failure_rate": round(rate, 4), "threshold": threshold, "gate": gate}}
        warehouse.execute(conn, "load/record_metric", {
            **params, "task_id": "ingest", "dag_id": dag_id, "run_id": run_id, **metric,
            "details": json.dumps(metric["details"])})
    if gate == "failed":
        raise QualityGateError(f"batch {batch.key} {window}: {rejected} of {total} rows quarantined "
                               f"({rate:.1%} > {threshold:.1%}); see quarantine.record and ops.dq_result")
    return {"batch": batch.key, "fetches": len(fetch_ids), **{k: v for k, v in metric.items() if k != "details"}}


def parts(source: Source, batch: Batch, window: Window) -> Iterator[tuple[list[Fetch], Exception | None]]:
    """The batch's fetches in parts of about PART_BYTES of pages (at least one part, empty when
    nothing was fetched), each with the error that stopped the source after it, if one did: what
    was fetched before a refused credential is still landed (with the failed scope's outcome)
    before it stops the task."""
    part: list[Fetch] = []
    size = 0
    try:
        for f in source.fetches(batch, window):
            part.append(f)
            size += sum(len(p) for p in f.pages)
            if size >= PART_BYTES:
                yield part, None
                part, size = [], 0
    except AuthError as exc:
        yield part, exc
        return
    yield part, None


