"""netra.spawned: worker processes that start without running the parent's main script again, as
inside an Airflow task, whose main script (`airflow`) cannot be imported there; and the ordered
map over them that ingest's parts and judge's versions go through."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from netra import spawned

MAIN = textwrap.dedent("""
    import os, sys
    if __name__ == "__mp_main__":
        raise SystemExit("the parent's main script ran again in a worker")
    if __name__ == "__main__":
        if sys.argv[1] == "spawned":
            from netra import spawned
            pool = spawned.pool(2)
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
        with pool:
            pids = {f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}
        print("worker pids", len(pids), "parent among them", os.getpid() in pids)
""")


def _run(tmp_path, how: str) -> subprocess.CompletedProcess:
    script = tmp_path / "main_script.py"
    script.write_text(MAIN)
    return subprocess.run([sys.executable, str(script), how], capture_output=True, text=True, timeout=120)


def test_workers_do_not_run_the_parents_main_script(tmp_path):
    done = _run(tmp_path, "spawned")
    assert done.returncode == 0, done.stderr[-2000:]
    *_, count, _, _, _, parent_among = done.stdout.split()
    assert int(count) in (1, 2) and parent_among == "False"


def test_a_plain_spawned_pool_would_have_run_it(tmp_path):
    done = _run(tmp_path, "plain")
    assert done.returncode != 0 and "BrokenProcessPool" in done.stderr


def _pid_of(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_ordered_runs_the_first_call_here_the_rest_in_workers_and_yields_them_in_order():
    results = list(spawned.ordered(_pid_of, [(n,) for n in range(12)], 2))
    assert [n for n, _ in results] == list(range(12))
    assert results[0][1] == os.getpid()
    assert {pid for _, pid in results[1:]} and os.getpid() not in {pid for _, pid in results[1:]}


def test_ordered_without_workers_runs_every_call_here():
    assert {pid for _, pid in spawned.ordered(_pid_of, [(n,) for n in range(3)], 0)} == {os.getpid()}
