"""`make bench-rules`: `netra score` throughput and memory on a million posts, on one core.

The input is the fictional sample campaign's watched posts (OPD and employee accounts, about 3.5%
partisan, with interactions, traps and neutral election posts), generated with successive seeds
until there are enough, and cached under .netra/bench/. The score runs as its own process
(`netra score`), so its wall time, CPU time and peak memory are its own.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import orjson

from netra import paths
from netra.sample import scoring_posts

ELECTION = "pilwalkot-puri-segara-2024.yaml"


def posts_file(count: int) -> Path:
    out = paths.state() / "bench" / f"rules-posts-{count}.jsonl"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp, written, seed = out.with_suffix(".tmp"), 0, 1
    with tmp.open("wb") as f:
        while written < count:
            for row in scoring_posts(seed, paths.rules_dir() / "elections" / ELECTION):
                row["post_id"] = f"{seed}-{row['post_id']}"
                f.write(orjson.dumps(row) + b"\n")
                written += 1
                if written == count:
                    break
            seed += 1
    tmp.rename(out)
    return out


def run(count: int = 1_000_000) -> dict:
    src = posts_file(count)
    out = src.with_name(f"rules-findings-{count}.jsonl")
    cmd = [str(Path(sys.executable).with_name("netra")), "score", "--election",
           str(paths.rules_dir() / "elections" / ELECTION), "--in", str(src), "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    counts = orjson.loads(proc.stderr.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"posts": counts["posts"], "flagged": counts["flagged"], "malformed": counts["malformed"],
            "input_mb": round(src.stat().st_size / 2**20, 1), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "posts_per_s": round(counts["posts"] / wall), "posts_per_cpu_s": round(counts["posts"] / cpu),
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1)}
