"""The processes the demo owns, under .netra/: Airflow's scheduler, dag-processor, triggerer and
api-server and, for `--source api`, the fake platform APIs (pids in .netra/run, logs in
.netra/logs). Each component leads a session of its own, and everything it forks stays in that
session (executor workers, task processes in process groups of their own): `netra demo stop`
stops exactly those sessions' processes, even when a component died and left its children behind.
The scheduler and triggerer serve no logs over HTTP (the api-server reads the task logs from
.netra/airflow/logs), so nothing listens beyond the api-server's and PostgreSQL's loopback ports.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from netra import settings
from netra.dev.demo import say
from netra.dev.demo.environment import OWNER, fake_api, secrets

COMPONENTS = ("scheduler", "dag-processor", "triggerer", "api-server")


def _pid_file(name: str) -> Path:
    return settings.state() / "run" / f"{name}.pid"


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat from the state on (state, ppid, pgrp, session, ...); None when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for its parent."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _boot_id() -> str:
    return Path("/proc/sys/kernel/random/boot_id").read_text().strip()


def _record(name: str, pid: int, **extra) -> None:
    """The component's pid, with its start time and this boot's id, so that a pid the system has
    since given to another process is never taken for it."""
    _pid_file(name).write_text(json.dumps({"pid": pid, "start": _stat(pid)[19], "boot": _boot_id(), **extra}))


def _recorded(name: str) -> dict | None:
    """The component's record, unless its pid now belongs to another process."""
    try:
        rec = json.loads(_pid_file(name).read_text())
        fields, boot, start = _stat(rec["pid"]), rec["boot"], rec["start"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if boot != _boot_id() or (fields is not None and fields[19] != start) else rec


def _alive(name: str) -> int | None:
    rec = _recorded(name)
    return rec["pid"] if rec and _running(rec["pid"]) else None


def _environ(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return []


def _pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def _session_members(sessions: set[int]) -> list[int]:
    return [pid for pid in _pids() if (fields := _stat(pid)) and fields[0] != "Z" and int(fields[3]) in sessions]


def demo_processes() -> list[int]:
    """Every live process of this checkout's demo. Each component leads a session of its own, which
    its workers and tasks keep (a task's process group is its own, not its session); Linux gives a
    session's id to no other process while one of its members lives, so that holds even after the
    component died. The mark in the environment finds any that started a session of its own (but
    not a process that retitled itself, which overwrites its environment as /proc shows it)."""
    sessions = {rec["pid"] for name in (*COMPONENTS, "fake-api") if (rec := _recorded(name))}
    mark = f"{OWNER}={settings.state()}".encode()
    return sorted(set(_session_members(sessions)) | {pid for pid in _pids() if mark in _environ(pid)})


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (pids := [p for p in pids if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return pids


def terminate(pids: Iterable[int], grace: float = 30.0) -> list[int]:
    """SIGTERM the processes, then SIGKILL those still running after `grace` seconds; returns those."""
    stubborn = list(pids)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in stubborn:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        if sig == signal.SIGTERM and not (stubborn := _wait_gone(stubborn, grace)):
            break
    if left := _wait_gone(stubborn, grace):
        raise RuntimeError(f"processes {left} of this demo survived SIGKILL")
    return stubborn


def stop_processes(grace: float = 30.0) -> tuple[int, int]:
    """Stop every process the demo started and whatever they forked. Returns how many there were,
    and how many of them had to be killed."""
    pids = demo_processes()
    killed = terminate(pids, grace)
    for name in (*COMPONENTS, "fake-api"):
        _pid_file(name).unlink(missing_ok=True)
    return len(pids), len(killed)


def _stop_leftovers(name: str) -> None:
    """Stop what a dead component left running in its session, before its record is overwritten."""
    if (rec := _recorded(name)) and (left := _session_members({rec["pid"]})):
        say(f"stopping {len(left)} processes the last {name} left behind")
        terminate(left)


def _start(name: str, env: dict, **extra) -> None:
    _stop_leftovers(name)
    (settings.state() / "run").mkdir(parents=True, exist_ok=True)
    (settings.state() / "logs").mkdir(parents=True, exist_ok=True)
    skip_log_server = ["--skip-serve-logs"] if name in ("scheduler", "triggerer") else []
    log = open(settings.state() / "logs" / f"{name}.log", "ab")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("airflow")), name, *skip_log_server], env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _record(name, proc.pid, **extra)
    say(f"started airflow {name} (pid {proc.pid}, log .netra/logs/{name}.log)")


def start_components(env: dict, schedules: bool) -> None:
    """Start what is not running; restart the scheduler when it runs with the other schedule mode."""
    for name in COMPONENTS:
        pid = _alive(name)
        if name == "scheduler" and pid and _recorded(name).get("schedules") != schedules:
            say(f"restarting the scheduler with schedules {'on' if schedules else 'off'}")
            terminate(_session_members({pid}))
            pid = None
        if pid:
            continue
        if name == "scheduler":
            _start(name, {**env, "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": str(schedules)}, schedules=schedules)
        else:
            _start(name, env)


def start_fake_api(env: dict) -> None:
    """The fake platform APIs over the sample's landing files, in a process of their own."""
    if _alive("fake-api"):
        return
    _stop_leftovers("fake-api")
    s = fake_api(secrets())
    log = open(settings.state() / "logs" / "fake-api.log", "ab")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("netra")), "sample", "serve-api",
                             "--port", str(s["fake_api_port"])], env={**env, "NETRA_FAKE_API_TOKEN": s["fake_api_token"]},
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _record("fake-api", proc.pid)
    say(f"started the fake platform APIs on 127.0.0.1:{s['fake_api_port']} (pid {proc.pid}, log .netra/logs/fake-api.log)")
