"""netra.spawned: worker processes that start without running the parent's main script again, as
inside an Airflow task, whose main script (`airflow`) cannot be imported there."""
from __future__ import annotations

import subprocess
import sys
import textwrap

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
