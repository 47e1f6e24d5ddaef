"""Reruns of an unchanged window skip their work.

A backfill, a cleared run or a retried DAG run often runs a window again with nothing changed:
the same landed files, the same code, rules and settings, the same warehouse. Every step is
idempotent, so re-deriving such a window writes exactly what is there; at a province's size it
still takes minutes. So a rerun checks first, and skips when it can prove nothing changed:

- **ingest, per batch**: the batch's fetches, read back from their files (`digest`), hash to
  what the batch's last ingest recorded, under the same `config`, and stage, quarantine, raw and
  core's tips still hold what that ingest left (`held`; a batch with tips is ingested again
  while a contact is in the clear, which its ingest encrypts). Sources that cannot be read back
  without fetching again (the platform APIs) are always ingested.
- **the window's steps** (upsert to refresh_marts): every batch of this run skipped its ingest,
  and the warehouse's write count (ops.write_count, moved by every statement that writes a table
  the steps read, whoever runs it) stands where it stood when the window's last complete run
  ended (ops.window_memo), under the same config. Any write anywhere since then (another window,
  the case desk, retention, a registry load) re-derives the window. The memo is taken only if
  every write counted while the window's steps ran was their own (their transactions count
  themselves in ops.run_write), so a write someone else committed meanwhile, which a step may
  not have seen, re-derives the window too.

`config` covers the netra package's code, include/ (SQL, rules, elections), the settings that
change what a step computes and the run's params. The run param `rederive` (or
`netra bench scale`'s third pass) re-derives everything regardless.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import sqlalchemy as sa

from netra import settings, warehouse
from netra.extract.fetch import Batch, Fetch
from netra.window import Window

# netra.schema gives tables added by later migrations their write counter from this revision on.
SINCE = "0010_unchanged_reruns"
REDERIVE = "rederive"


class Digest:
    """A batch's fetches hashed as they stream: what was asked, when, and every page's bytes."""

    def __init__(self):
        self._hash = hashlib.sha256()

    def add(self, f: Fetch) -> None:
        outcome = None if f.outcome is None else [f.outcome.status, f.outcome.error]
        head = [f.fetch_id, f.source, f.platform, f.scope_kind, f.scope_key, f.account, f.account_platform_id,
                str(f.since), str(f.until), str(f.fetched_at), f.complete, f.request, outcome, f.first_page,
                len(f.pages)]
        self._hash.update(json.dumps(head, sort_keys=True, default=str).encode())
        for page in f.pages:
            self._hash.update(len(page).to_bytes(8, "big"))
            self._hash.update(page)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def digest(fetches: Iterable[Fetch]) -> str:
    d = Digest()
    for f in fetches:
        d.add(f)
    return d.hexdigest()


def replayable(source, batch: Batch) -> bool:
    """Whether the source reads `batch` back from files (landing), so a rerun can hash it first."""
    check = getattr(source, "replayable", None)
    return bool(check and check(batch))


def config(params: Mapping | None = None, elections_dir: Path | None = None) -> str:
    """What the steps compute with besides the data: code, include/, settings, the run's params and
    election files (a run's own `elections_dir`, when it has one)."""
    files = [_code(), _tree(Path(elections_dir or settings.elections_dir()), "*")]
    return hashlib.sha256(json.dumps([files, settings.step_settings(), _params(params)], sort_keys=True,
                                     default=str).encode()).hexdigest()


@functools.cache
def _code() -> str:
    """The package's modules and include/ (SQL, rules), hashed once per process."""
    return _tree(Path(__file__).parent, "*.py") + _tree(settings.include(), "*")


def _tree(root: Path, pattern: str) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _params(params: Mapping | None) -> dict:
    return {k: v for k, v in (params or {}).items() if k != REDERIVE}


def rederive(params: Mapping | None) -> bool:
    value = (params or {}).get(REDERIVE)
    return value is True or str(value).lower() in ("1", "true", "yes")


def held(conn, batch: Batch, window: Window) -> dict:
    """What the warehouse holds of the batch's ingest of the window (unchanged/held.sql): an
    ingest records it when it ends, a rerun compares."""
    return dict(warehouse.execute(conn, "unchanged/held", {
        "batch_key": batch.key, "window_start": window.start, "window_end": window.end}).mappings().one())


def kept_ingest(conn, batch: Batch, window: Window, batch_digest: str, cfg: str, threshold: float) -> dict | None:
    """The batch's last ingest metric when it read these very fetches under this config, passed its
    gate, and the warehouse still holds what it left; None otherwise."""
    last = warehouse.execute(conn, "unchanged/last_ingest", {
        "batch_key": batch.key, "window_start": window.start, "window_end": window.end}).mappings().one_or_none()
    if last is None:
        return None
    d, now = last["details"], held(conn, batch, window)
    same = (d.get("digest") == batch_digest and d.get("config") == cfg and d.get("gate") == "passed"
            and d.get("threshold") == threshold)
    still = _counts(d.get("held") or {}) == _counts(now) and not (now["tips"] and now["clear_contacts"])
    return dict(last) if same and still else None


def _counts(held_now: Mapping) -> dict:
    return {k: v for k, v in held_now.items() if k != "clear_contacts"}


def write_count(conn) -> int:
    return warehouse.execute(conn, "unchanged/write_count").scalar_one()


_RUN: contextvars.ContextVar[str | None] = contextvars.ContextVar("netra_window_run", default=None)


def run_key(window: Window, run_id: str | None) -> str:
    return f"{window.start.isoformat()}/{window.end.isoformat()}/{run_id or ''}"


def begin(engine, window: Window, run_id: str | None) -> None:
    """The window's steps start: their own writes are counted from the write count now (or not at
    all, and no memo taken, when another transaction's write is in flight)."""
    with engine.begin() as conn:
        warehouse.execute(conn, "unchanged/begin", {"run_key": run_key(window, run_id)})


@contextlib.contextmanager
def counted_as(window: Window, run_id: str | None) -> Iterator[None]:
    """Every transaction begun in this context, on any engine, counts its writes as the run's."""
    if not sa.event.contains(sa.engine.Engine, "begin", _tag):
        sa.event.listen(sa.engine.Engine, "begin", _tag)
    token = _RUN.set(run_key(window, run_id))
    try:
        yield
    finally:
        _RUN.reset(token)


def _tag(conn) -> None:
    key = _RUN.get()
    if key:
        conn.exec_driver_sql("SELECT set_config('netra.window_run', %(k)s, true)", {"k": key})


def window_unchanged(engine, window: Window, run_id: str | None, params: Mapping | None,
                     elections_dir: Path | None = None) -> dict | None:
    """The window's memo when this run may skip the window's steps: every batch of the window was
    ingested by this run and skipped as unchanged, with the inputs the memo names, under the same
    config, and nothing has written since the memo was taken. None otherwise."""
    if run_id is None or rederive(params):
        return None
    with engine.connect() as conn:
        key = {"window_start": window.start, "window_end": window.end}
        memo = warehouse.execute(conn, "unchanged/memo", key).mappings().one_or_none()
        if memo is None or memo["write_count"] != write_count(conn) or memo["config"] != config(params, elections_dir):
            return None
        ingests = warehouse.execute(conn, "unchanged/ingests", key).mappings().all()
    if not ingests or any(r["run_id"] != run_id or not r["details"].get("unchanged") for r in ingests):
        return None
    return dict(memo) if _inputs(ingests) == memo["inputs"] else None


def record(engine, window: Window, run_id: str | None, params: Mapping | None,
           elections_dir: Path | None = None) -> bool:
    """Take the window's memo at the end of a complete run: its batches' digests and the write
    count. Not taken (the next rerun re-derives) while another transaction's write is in flight,
    or when a write counted since the steps began was not theirs."""
    with engine.begin() as conn:
        key = {"window_start": window.start, "window_end": window.end}
        # First the lock, so that a run row a writer in flight still holds is not waited for.
        quiet = warehouse.execute(conn, "unchanged/quiet").scalar()
        run = quiet and warehouse.execute(conn, "unchanged/end",
                                          {"run_key": run_key(window, run_id)}).mappings().one_or_none()
        count = write_count(conn)
        ingests = warehouse.execute(conn, "unchanged/ingests", key).mappings().all()
        if (not run or run["since"] is None or count - run["since"] != run["writes"]
                or not ingests or any(r["details"].get("digest") is None for r in ingests)):
            warehouse.execute(conn, "unchanged/forget", key)
            return False
        warehouse.execute(conn, "unchanged/record", {
            **key, "write_count": count, "config": config(params, elections_dir),
            "inputs": json.dumps(_inputs(ingests)), "run_id": run_id})
    return True


def _inputs(ingests) -> dict[str, str]:
    return {r["batch_key"]: r["details"].get("digest") for r in ingests}
