"""One batch of one window: extract → land raw → normalize → validate → quarantine → stage.

A batch streams through in parts of about PART_BYTES of landed pages (a province's intake batch
is a million rows): each part is landed and committed, then normalized, validated and added to
the batch's stage and quarantine, so memory holds a few parts, not the batch. Parts after the
first are normalized and validated in worker processes (NETRA_INGEST_WORKERS) while this process
lands the next and stages the last: the second core works too.

Every write is idempotent for (batch, window): raw is keyed by fetch, page and bytes (land.py), and
the batch's staged fetches, rows (stage.py) and quarantine (quarantine.py) are re-derived from
scratch in one transaction under a lock for (batch, window), so two runs of one batch at once stage
it once, and a window's lock shared with its other batches, so they never change stage while its
upsert reads it. What was staged is recorded in ops.task_metric, which the upsert checks before it
reads. A batch whose quarantined share passes the threshold fails after its results are
committed, so operators can see why.

A rerun that reads back the very fetches the batch's last ingest read, under the same code and
settings, keeps what that ingest staged while stage, quarantine, raw and core's tips still hold
it (netra.unchanged): it records the metric again and stages nothing.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from netra import collector, land, partitions, quarantine, settings, spawned, stage, unchanged, validate, warehouse
from netra.extract.fetch import Batch, Fetch, Source
from netra.extract.http import AuthError
from netra.normalize.parse import Item, api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.window import Window

# A part's landed pages; None: NETRA_INGEST_PART_MB (12 MB: about 18,000 capture lines, some
# 200 MB once parsed and normalized).
PART_BYTES: int | None = None


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
                 dag_id: str | None = None, max_failure_rate: float | None = None,
                 run_params: Mapping | None = None) -> dict:
    threshold = settings.max_failure_rate() if max_failure_rate is None else max_failure_rate
    params = {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
    config = unchanged.config(run_params)
    kept = _keep(engine, source, batch, window, config, threshold, run_params, run_id, dag_id)
    if kept is not None:
        return kept
    total = staged = rejected = pages = 0
    fetch_ids: set[str] = set()
    outcomes: list[validate.Outcome] = []
    digest = unchanged.Digest()
    partitions.ensure(engine, window)      # before any lock of this batch: it locks the tables
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.ingest", f"{batch.key} {window}")
        warehouse.lock(conn, "netra.window", str(window), shared=True)
        stage.clear(conn, batch, window)
        quarantine.clear(conn, batch, window)
        landings = landed(engine, source, batch, window, fetch_ids, digest)
        calls = ((fetches, ids, batch, window) for fetches, ids in landings)
        with contextlib.closing(spawned.ordered(prepare, calls, settings.ingest_workers())) as prepared:
            for part in prepared:
                staged += part.write(conn)
                outcomes += part.outcomes
                total, rejected, pages = total + part.rows_in, rejected + part.rejected, pages + part.pages
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
                              "failure_rate": round(rate, 4), "threshold": threshold, "gate": gate,
                              "digest": digest.hexdigest(), "config": config,
                              "held": unchanged.held(conn, batch, window)}}
        warehouse.execute(conn, "load/record_metric", {
            **params, "task_id": "ingest", "dag_id": dag_id, "run_id": run_id, **metric,
            "details": json.dumps(metric["details"])})
    if gate == "failed":
        raise QualityGateError(f"batch {batch.key} {window}: {rejected} of {total} rows quarantined "
                               f"({rate:.1%} > {threshold:.1%}); see quarantine.record and ops.dq_result")
    return {"batch": batch.key, "fetches": len(fetch_ids), **{k: v for k, v in metric.items() if k != "details"}}


def _keep(engine, source: Source, batch: Batch, window: Window, config: str, threshold: float,
          run_params: Mapping | None, run_id: str | None, dag_id: str | None) -> dict | None:
    """Keep the batch's last ingest when this one may (netra.unchanged): its metric recorded again
    for this run, and its result. The files are read back and hashed only when that ingest ran
    under this config."""
    if unchanged.rederive(run_params) or not unchanged.replayable(source, batch):
        return None
    key = {"window_start": window.start, "window_end": window.end, "batch_key": batch.key}
    with engine.connect() as conn:
        last = warehouse.execute(conn, "unchanged/last_ingest", key).mappings().one_or_none()
    if last is None or last["details"].get("config") != config:
        return None
    batch_digest = unchanged.digest(source.fetches(batch, window))
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.ingest", f"{batch.key} {window}")
        warehouse.lock(conn, "netra.window", str(window), shared=True)
        kept = unchanged.kept_ingest(conn, batch, window, batch_digest, config, threshold)
        if kept is None:
            return None
        counts = {k: kept[k] for k in ("rows_in", "rows_out", "duplicates", "quarantined")}
        warehouse.execute(conn, "load/record_metric", {
            **key, "task_id": "ingest", "dag_id": dag_id, "run_id": run_id, **counts,
            "details": json.dumps({**kept["details"], "unchanged": True})})
    return {"batch": batch.key, "fetches": kept["details"]["fetches"], **counts, "unchanged": True}


@dataclass
class Prepared:
    """A part normalized, validated and written as COPY text: what staging it takes."""

    rows_in: int
    rejected: int
    pages: int
    posts: list[tuple[str, int]]            # stage.post as COPY text chunks
    tips: list[list]
    quarantined: list[tuple]
    outcomes: list[validate.Outcome]

    def write(self, conn) -> int:
        """Add the part to its batch's stage and quarantine; the posts staged."""
        stage.write_tips(conn, self.tips)
        warehouse.copy_rows(conn, "quarantine.record", quarantine.COLUMNS, self.quarantined)
        return warehouse.copy_text(conn, "stage.post", stage.STAGE_COLUMNS, self.posts)


def prepare(fetches: list[Fetch], ids: dict[tuple[str, int], int], batch: Batch, window: Window) -> Prepared:
    """Normalize and validate a landed part: pure work, done in a worker process when there is one."""
    with collector.paused():
        normalized = normalize(fetches, ids)
        good, rejects, outcomes = validate.check(normalized)
        return Prepared(len(normalized), len(rejects), sum(len(f.pages) for f in fetches),
                        list(stage.post_text(batch, window, good)),
                        stage.tip_rows(good), quarantine.rows(batch, window, rejects), outcomes)


def landed(engine, source: Source, batch: Batch, window: Window, fetch_ids: set[str], digest: unchanged.Digest
           ) -> Iterator[tuple[list[Fetch], dict]]:
    """The batch's parts, each landed and committed (raw is kept, whatever becomes of the stage),
    with its payload ids; their fetch ids added to `fetch_ids`, their fetches to `digest`."""
    for n, (fetches, stopped) in enumerate(parts(source, batch, window)):
        for f in fetches:
            digest.add(f)
        with engine.begin() as conn:
            ids = land.land(conn, fetches, batch, window, first=n == 0)
        if stopped is not None:
            raise stopped
        fetch_ids.update(f.fetch_id for f in fetches)
        yield fetches, ids


def parts(source: Source, batch: Batch, window: Window) -> Iterator[tuple[list[Fetch], Exception | None]]:
    """The batch's fetches in parts of about PART_BYTES of pages (at least one part, empty when
    nothing was fetched), each with the error that stopped the source after it, if one did: what
    was fetched before a refused credential is still landed (with the failed scope's outcome)
    before it stops the task."""
    part: list[Fetch] = []
    size, limit = 0, PART_BYTES or settings.ingest_part_bytes()
    try:
        for f in source.fetches(batch, window):
            part.append(f)
            size += sum(len(p) for p in f.pages)
            if size >= limit:
                yield part, None
                part, size = [], 0
    except AuthError as exc:
        yield part, exc
        return
    yield part, None


