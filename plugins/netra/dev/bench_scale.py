"""`make bench-scale`: a province's heavy day (about a million posts) as one window through every
step of netra.steps, then the same window again unchanged (which keeps every batch and skips the
steps after ingest, netra.unchanged), then again with the run param `rederive` (every step
re-derives what is already there).

Prints posts per second per step and end to end, each pass's peak memory, its own and its ingest
workers' (each pass runs in a process of its own, so one's peak is not the other's; at most
main + workers x worker peak are resident at once), and a floor measured in the same run:
reading and parsing the same landing files with orjson and nothing else, the least any ingest of
them can cost. The province is generated once under .netra/scale and reused while its arguments
and generator are unchanged.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from netra import settings

DATABASE = "netra_scale"
SEED = 7
# The passes after the first, with their run params.
RERUNS = {"rerun": {}, "rerun_rederived": {"rederive": True}}


def run(regions: int | None = None, employees: int | None = None, activity: int | None = None,
        rerun: bool = True, keep: bool = False) -> dict:
    """`keep` leaves the warehouse database (netra_scale on the embedded cluster) for inspection."""
    from netra import registry, warehouse
    from netra.dev import bench
    from netra.dev.demo import environment
    from netra.dev.sample import province

    election_file = bench.ELECTION_FILE
    sizes = {k: v for k, v in (("regions", regions), ("employees", employees), ("activity", activity)) if v}
    out = settings.state() / "scale"
    started = time.perf_counter()
    summary = province.current(out, SEED, election_file, **sizes)
    generated = summary is None
    if generated:
        summary = _in_child("generate", str(out), json.dumps(sizes))
    result = {"province": {k: summary[k] for k in ("day", "regions", "employees", "accounts", "posts")},
              "generated_s": round(time.perf_counter() - started, 1) if generated else None}

    cluster, url = bench.fresh_database(DATABASE)
    engine = warehouse.engine(url)
    t = time.perf_counter()
    registry.load_registry(engine, out / "registry", environment.pseudonym_key())
    registry.load_election_file(engine, election_file)
    result["registry_s"] = round(time.perf_counter() - t, 1)
    landing = out / "landing"
    result["floor"] = floor(landing, dt.date.fromisoformat(summary["day"]))
    passes = ["first"] + (list(RERUNS) if rerun else [])
    for name in passes:
        result[name] = _in_child("pass", url, str(landing), summary["day"], name)
    for name in passes:
        result[name]["vs_floor"] = round(result["floor"]["posts_per_second"] / result[name]["posts_per_second"], 1)
    with engine.connect() as conn:
        result["warehouse_mb"] = round(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
                                       / 2**20)
    warehouse._engine(url).dispose()
    if not keep:
        cluster.drop_database(DATABASE)
    return result


def floor(landing: Path, day: dt.date) -> dict:
    """Read every landing file of the day and parse every line (manifests and API pages as JSON,
    captures as JSON lines, tips as CSV): items parsed, seconds, and items per second."""
    import orjson

    from netra.extract import layout

    started, items, size = time.perf_counter(), 0, 0
    for path in sorted(landing.glob(f"api/*/{day.isoformat()}/*")) + layout.captures(landing, day):
        data = path.read_bytes()
        size += len(data)
        if path.name == layout.MANIFEST:
            orjson.loads(data)
            continue
        for line in data.splitlines():
            if line.strip():
                try:
                    items += _items(orjson.loads(line))
                except orjson.JSONDecodeError:      # the sample's broken pages: one quarantined row each
                    items += 1
    tips = layout.tips_file(landing, day)
    if tips.exists():
        with tips.open(newline="", encoding="utf-8") as f:
            items += sum(1 for _ in csv.reader(f)) - 1
        size += tips.stat().st_size
    seconds = time.perf_counter() - started
    return {"items": items, "megabytes": round(size / 2**20), "seconds": round(seconds, 2),
            "posts_per_second": round(items / seconds)}


def _items(body) -> int:
    """The posts in one parsed line: an API page's items (each platform's own key) or one capture."""
    if not isinstance(body, dict):
        return 1
    data = body.get("data", body.get("items"))
    if isinstance(data, dict):
        data = data.get("videos")
    return len(data) if isinstance(data, list) else 1


def measure_pass(url: str, landing: Path, day: dt.date, name: str) -> dict:
    """One window of the day through every step, in this process, as the run `bench-<name>`; with
    its peak memory."""
    from zoneinfo import ZoneInfo

    from netra import warehouse
    from netra.dev import bench
    from netra.extract.landing import LandingSource
    from netra.window import Window

    tz = ZoneInfo(settings.timezone())
    start = dt.datetime.combine(day, dt.time(), tz)
    window = Window(start, start + dt.timedelta(days=1))
    measured = bench.measure(warehouse.engine(url), [window], LandingSource(landing, settings.timezone()),
                             run_id=f"bench-{name}", params=RERUNS.get(name, {}))
    return {"posts": measured["rows_collected"], "seconds": measured["seconds"],
            "posts_per_second": measured["rows_per_second"],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            # the worker processes of ingest and judge (netra.spawned.ordered): the largest one's peak
            "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "workers": settings.ingest_workers(),
            "steps": {step: {"seconds": m["seconds"], **({"posts_per_second": m["rows_per_second"]}
                                                          if m["rows_per_second"] else {})}
                      for step, m in measured["per_step"].items()}}


def _in_child(what: str, *args: str) -> dict:
    """Run this module's `what` in a fresh Python process and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-m", __name__, what, *args], stdout=subprocess.PIPE, check=True,
                          env=os.environ.copy())
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def _child(argv: list[str]) -> dict:
    what = argv[0]
    if what == "generate":
        from netra.dev import bench
        from netra.dev.sample import province

        return province.generate(SEED, Path(argv[1]), bench.ELECTION_FILE, **json.loads(argv[2]))
    if what == "pass":
        return measure_pass(argv[1], Path(argv[2]), dt.date.fromisoformat(argv[3]), argv[4])
    raise SystemExit(f"unknown step {what!r}")


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1:])))
