"""`make bench-pipeline`: the pipeline's own throughput, without Airflow's per-task overhead.

Runs every window of the sample campaign through the task functions in one process (ingest
each batch, upsert, cross-post links, findings), on a fresh database of the embedded cluster,
and reports rows per second per step and the peak memory. Compare with the demo's figure,
which adds Airflow's scheduling of about 700 task instances.
"""
from __future__ import annotations

import datetime as dt
import json
import resource
import time
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from netra import config, dedup, findings, ingest, paths, plan, registry, upsert, warehouse
from netra.cluster import Cluster
from netra.sources.landing import LandingSource
from netra.window import Window

DATABASE = "netra_bench"


def run(sample_dir: Path | None = None, days: int | None = None) -> dict:
    sample_dir = sample_dir or paths.state() / "sample"
    if not (sample_dir / "sample.json").exists():
        raise SystemExit(f"no sample under {sample_dir}: run `netra sample generate` (or `make demo`) first")
    cluster = Cluster(paths.state() / "pg")
    cluster.start()
    cluster.drop_database(DATABASE)
    cluster.create_database(DATABASE)
    url = warehouse.url_from_airflow_conn(cluster.dsn(DATABASE))
    warehouse.migrate(url)
    engine = warehouse.engine(url)
    election_file = paths.rules_dir() / "elections" / "pilwalkot-puri-segara-2024.yaml"
    registry.load_registry(engine, sample_dir / "registry")
    election = registry.load_election_file(engine, election_file)
    tz = ZoneInfo(config.timezone())
    first, last = election.election.periods.campaign[0], election.election.periods.voting_day
    span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)][:days]
    source = LandingSource(sample_dir / "landing", config.timezone())
    seconds, rows = defaultdict(float), defaultdict(int)
    started = time.perf_counter()
    for day in span:
        w = Window(dt.datetime.combine(day, dt.time(), tz), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz))
        t = time.perf_counter()
        for b in plan.plan_batches(engine, w):
            rows["ingest"] += ingest.ingest_batch(engine, source, b, w)["rows_in"]
        seconds["ingest"] += time.perf_counter() - t
        t = time.perf_counter()
        rows["upsert"] += upsert.upsert_window(engine, w)["rows_in"]
        dedup.link_cross_posts(engine, w)
        seconds["upsert"] += time.perf_counter() - t
        t = time.perf_counter()
        rows["findings"] += findings.evaluate_window(engine, w)["versions"]
        seconds["findings"] += time.perf_counter() - t
    t = time.perf_counter()
    findings.refresh_marts(engine)
    seconds["marts"] = time.perf_counter() - t
    total = time.perf_counter() - started
    result = {"windows": len(span), "rows_collected": rows["ingest"], "seconds": round(total, 1),
              "rows_per_second": round(rows["ingest"] / total),
              "per_step": {k: {"rows": rows.get(k, 0), "seconds": round(v, 1),
                               "rows_per_second": round(rows[k] / v) if rows.get(k) else None}
                           for k, v in seconds.items()},
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    warehouse._engine(url).dispose()
    cluster.drop_database(DATABASE)
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
