"""`make bench-pipeline`: the pipeline's own throughput, without Airflow's per-task overhead.

Runs every window of the sample campaign through every step of netra.steps in one process, on a
fresh database of the embedded cluster, and reports rows per second per step and the peak memory.
Compare with the demo's figure, which adds Airflow's scheduling of 1,152 task instances.
`--one-window` runs the whole campaign as one manual window instead (what a window of that many
rows costs, in time and memory), then runs that window again unchanged with every step
re-deriving (no run id, so nothing is skipped: what re-deriving costs).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import resource
import time
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from netra import registry, schema, settings, steps, warehouse
from netra.dev.cluster import Cluster
from netra.dev.demo import environment
from netra.extract.landing import LandingSource
from netra.window import Window

DATABASE = "netra_bench"
ELECTION_FILE = settings.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"


def run(sample_dir: Path | None = None, days: int | None = None, one_window: bool = False) -> dict:
    sample_dir = sample_dir or settings.state() / "sample"
    if not (sample_dir / "sample.json").exists():
        raise SystemExit(f"no sample under {sample_dir}: run `netra sample generate` (or `make demo`) first")
    cluster, url = fresh_database(DATABASE)
    engine = warehouse.engine(url)
    registry.load_registry(engine, sample_dir / "registry", environment.pseudonym_key())
    election = registry.load_election_file(engine, ELECTION_FILE)
    tz = ZoneInfo(settings.timezone())
    first, last = election.election.periods.campaign[0], election.election.periods.voting_day
    span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)][:days]
    at = lambda day: dt.datetime.combine(day, dt.time(), tz)  # noqa: E731
    windows = ([Window(at(span[0]), at(span[-1] + dt.timedelta(days=1)))] if one_window
               else [Window(at(day), at(day + dt.timedelta(days=1))) for day in span])
    source = LandingSource(sample_dir / "landing", settings.timezone())
    result = {"windows": len(windows), **measure(engine, windows, source)}
    if one_window:
        result["rerun"] = measure(engine, windows, source)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    warehouse._engine(url).dispose()
    cluster.drop_database(DATABASE)
    return result


def fresh_database(name: str) -> tuple[Cluster, str]:
    """An empty, migrated database `name` on the embedded cluster, and its URL. The stage step
    encrypts tips' contacts under the netra_contact_key connection: the demo's, set here."""
    cluster = Cluster(settings.state() / "pg")
    cluster.start()
    cluster.drop_database(name)
    cluster.create_database(name)
    url = warehouse.url_from_airflow_conn(cluster.dsn(name))
    schema.migrate(url)
    os.environ.setdefault("AIRFLOW_CONN_NETRA_CONTACT_KEY", environment.contact_conn())
    return cluster, url


def measure(engine, windows: list[Window], source, run_id: str | None = None, params: dict | None = None) -> dict:
    """Every step of every window, timed: rows, seconds and rows per second per step and in all.
    Without a `run_id` every step runs; with one, an unchanged rerun skips (netra.unchanged)."""
    seconds: dict[str, float] = defaultdict(float)

    @contextlib.contextmanager
    def timed(step: str):
        t = time.perf_counter()
        yield
        seconds[step] += time.perf_counter() - t

    rows = defaultdict(int)
    started = time.perf_counter()
    for w in windows:
        done = steps.run_window(steps.Run(engine, w, source, run_id=run_id, params=params or {}), timed)
        rows["ingest"] += sum(r["rows_in"] for r in done["ingest"])
        rows["upsert"] += done["upsert"].get("rows_in", 0)          # 0 when skipped
        rows["judge"] += done["judge"].get("versions", 0)
    total = time.perf_counter() - started
    return {"rows_collected": rows["ingest"], "seconds": round(total, 1),
            "rows_per_second": round(rows["ingest"] / total),
            "per_step": {k: {"rows": rows.get(k, 0), "seconds": round(seconds[k], 1),
                             "rows_per_second": round(rows[k] / seconds[k]) if rows.get(k) else None}
                         for k in steps.ORDER}}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
