"""Worker processes for a task's CPU work, spawned so that they start clean.

Spawned, not forked: a task's process holds open connections, which a fork would share. A spawned
process runs its parent's main script again before any work (Python's "safe importing of main
module"). Inside an Airflow task that script is `airflow`, and importing Airflow fails there: the
task's environment hides the metadata database (ArgumentError: could not parse SQLAlchemy URL),
so every worker died at start. These processes start without the parent's main: the work they
run (ingest's parts, the reports) lives in importable modules, never in a main script.
"""
from __future__ import annotations

import collections
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import context, popen_spawn_posix


class _Popen(popen_spawn_posix.Popen):
    def _launch(self, process_obj) -> None:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")      # nothing for the child to run again
        try:
            super()._launch(process_obj)
        finally:
            sys.modules["__main__"] = main


class _Process(context.SpawnProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


class _Context(context.SpawnContext):
    Process = _Process


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` spawned processes that do not run the parent's main script."""
    return ProcessPoolExecutor(workers, mp_context=_Context())


def ordered(fn: Callable, calls: Iterable[tuple], workers: int) -> Iterator:
    """fn(*args) for each args of `calls`, in their order, each as soon as it and those before it
    are done. The first call runs in this process, so a small job (a city's day) starts no
    process; the others in `workers` spawned processes while this one makes the next call's
    arguments (lands the next part, reads the next versions), with at most `workers` calls
    waiting, so memory holds a few calls' arguments and results, not all of them."""
    running, waiting = None, collections.deque()
    try:
        for n, args in enumerate(calls):
            if n == 0 or workers < 1:
                yield fn(*args)
                continue
            if running is None:
                running = pool(workers)
            waiting.append(running.submit(fn, *args))
            while len(waiting) > workers or (waiting and waiting[0].done()):
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()
    finally:
        if running is not None:
            running.shutdown(wait=True, cancel_futures=True)
