"""Which batches a window is split into: per platform and account batch for the APIs, and one
intake batch for the monitor captures and public tips. The mapped tasks of a run are these."""
from __future__ import annotations

from itertools import groupby

from netra import settings, warehouse
from netra.extract.fetch import Batch
from netra.window import Window


def plan_batches(engine, window: Window, batch_size: int | None = None) -> list[Batch]:
    size = batch_size or settings.account_batch_size()
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "plan_accounts", {"window_start": window.start, "window_end": window.end}).all()
    batches = []
    for platform, group in groupby(rows, key=lambda r: r.platform):
        accounts = [(r.handle, r.platform_user_id) for r in group]
        for shard, i in enumerate(range(0, len(accounts), size)):
            part = accounts[i:i + size]
            batches.append(Batch("api", platform, shard, tuple(h for h, _ in part), tuple(x for _, x in part)))
    return batches + [Batch("intake", "all")]
