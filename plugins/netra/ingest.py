"""One batch of one window: extract → land raw → normalize → validate → quarantine → stage.

Every write is idempotent for (batch, window): raw is keyed by fetch, page and bytes (land.py), and
the batch's staged fetches, rows (stage.py) and quarantine (quarantine.py) are re-derived from
scratch under a lock for (batch, window), so two runs of one batch at once stage it once, and a
window's lock shared with its other batches, so they never change stage while its upsert reads it.
What was staged is recorded in ops.task_metric, which the upsert checks before it reads. A batch
whose quarantined share passes the threshold fails after its results are committed, so operators
can see why.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from netra import land, quarantine, settings, stage, validate, warehouse
from netra.extract.fetch import Batch, Fetch, Source
from netra.extract.http import AuthError
from netra.normalize.parse import Item, api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.window import Window


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


def ingest_batch(engine, source: Source, batch: Batch, window: Window, run_id: str | None = None,
                 dag_id: str | None = None, max_failure_rate: float | None = None) -> dict:
    threshold = settings.max_failure_rate() if max_failure_rate is None else max_failure_rate
    fetches, stopped = extract(source, batch, window)
    with engine.begin() as conn:
        ids = land.land(conn, fetches, batch, window)
    if stopped is not None:
        raise stopped
    normalized = normalize(fetches, ids)
    good, rejects, outcomes = validate.check(normalized)

    params = {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.ingest", f"{batch.key} {window}")
        warehouse.lock(conn, "netra.window", str(window), shared=True)
        staged = stage.stage(conn, batch, window, fetches, good)
        quarantine.record(conn, batch, window, rejects)
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
                              "staged": staged, "failure_rate": round(rate, 4), "threshold": threshold,
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
