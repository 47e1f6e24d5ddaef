"""The processes the demo owns, under .netra/: Airflow's scheduler, dag-processor, triggerer and
api-server; for `--executor celery`, Redis and a Celery worker; for `--source api`, the fake
platform APIs (pids in .netra/run, logs in .netra/logs). Each component leads a session of its
own, and everything it forks stays in that session (executor workers, task processes in process
groups of their own): `netra demo stop` stops exactly those sessions' processes, even when a
component died and left its children behind. The scheduler, triggerer and Celery worker serve no
logs over HTTP (the api-server reads the task logs from .netra/airflow/logs), so nothing listens
beyond the loopback ports of the api-server, PostgreSQL and Redis.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from netra import platforms, settings
from netra.dev.demo import say
from netra.dev.demo.environment import OWNER, fake_api, redis, secrets

COMPONENTS = ("scheduler", "dag-processor", "triggerer", "api-server")
# On Celery: the broker, and one worker that consumes every queue (netra.platforms names them).
CELERY = ("redis", "celery-worker")
OWNED = (*COMPONENTS, *CELERY, "fake-api")


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
    sessions = {rec["pid"] for name in OWNED if (rec := _recorded(name))}
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


def stop_session(pid: int, grace: float = 30.0) -> None:
    """Stop a process that leads a session of its own, and everything in that session."""
    terminate(_session_members({pid}), grace)


def stop_processes(grace: float = 30.0) -> tuple[int, int]:
    """Stop every process the demo started and whatever they forked. Returns how many there were,
    and how many of them had to be killed."""
    pids = demo_processes()
    killed = terminate(pids, grace)
    for name in OWNED:
        _pid_file(name).unlink(missing_ok=True)
    return len(pids), len(killed)


def _stop_leftovers(name: str) -> None:
    """Stop what a dead component left running in its session, before its record is overwritten."""
    if (rec := _recorded(name)) and (left := _session_members({rec["pid"]})):
        say(f"stopping {len(left)} processes the last {name} left behind")
        terminate(left)


def _launch(name: str, command: list[str], env: dict, **extra) -> int:
    """Start a process in a session of its own, its output in .netra/logs/<name>.log; record its pid."""
    _stop_leftovers(name)
    (settings.state() / "run").mkdir(parents=True, exist_ok=True)
    (settings.state() / "logs").mkdir(parents=True, exist_ok=True)
    log = open(settings.state() / "logs" / f"{name}.log", "ab")
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    _record(name, proc.pid, **extra)
    return proc.pid


def _airflow_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("airflow")), *args]


def _start(name: str, env: dict, *args: str, **extra) -> None:
    skip_log_server = ["--skip-serve-logs"] if name in ("scheduler", "triggerer") else []
    pid = _launch(name, _airflow_command(*(args or (name,)), *skip_log_server), env, **extra)
    say(f"started airflow {' '.join(args or (name,))} (pid {pid}, log .netra/logs/{name}.log)")


def start_components(env: dict, schedules: bool, executor: str = "local") -> None:
    """Start what is not running; restart the scheduler when it runs with the other schedule mode,
    and every component started for the other executor. On Celery, Redis first and a worker last;
    on the LocalExecutor, stop them if an earlier run left them."""
    if executor == "celery":
        start_redis(env)
    else:
        for name in CELERY:
            if pid := _alive(name):
                say(f"stopping the {name} of an earlier run on Celery")
                stop_session(pid)
    for name in COMPONENTS:
        pid = _alive(name)
        rec = _recorded(name) or {}
        if pid and (rec.get("executor", "local") != executor or
                    (name == "scheduler" and rec.get("schedules") != schedules)):
            say(f"restarting the {name} (executor {executor}" + (f", schedules {'on' if schedules else 'off'})"
                                                                 if name == "scheduler" else ")"))
            stop_session(pid)
            pid = None
        if pid:
            continue
        if name == "scheduler":
            _start(name, {**env, "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": str(schedules)}, schedules=schedules,
                   executor=executor)
        else:
            _start(name, env, executor=executor)
    if executor == "celery":
        start_worker(env)


def redis_binary() -> str | None:
    """Debian's redis-server (package redis-server, /usr/bin), if the machine has it."""
    return shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin")


def redis_conf(home: Path, port: int, password: str) -> Path:
    """A redis-server configuration (0600: it holds the password): loopback only, nothing kept on
    disk, since the broker holds only queued tasks and their states are in Airflow's database."""
    home.mkdir(parents=True, exist_ok=True)
    conf = home / "redis.conf"
    conf.touch(mode=0o600)
    os.chmod(conf, 0o600)
    conf.write_text(f"bind 127.0.0.1\nport {port}\nprotected-mode yes\nrequirepass {password}\n"
                    f"save \"\"\nappendonly no\ndir {home}\ndaemonize no\nlogfile \"\"\n")
    return conf


def start_redis(env: dict) -> None:
    if _alive("redis"):
        return
    if (binary := redis_binary()) is None:
        raise RuntimeError("--executor celery needs Redis: apt-get install redis-server")
    r = redis()
    pid = _launch("redis", [binary, str(redis_conf(settings.state() / "redis", r["port"], r["password"]))], env)
    wait_for_redis(r["port"], r["password"])
    say(f"started redis-server on 127.0.0.1:{r['port']} (pid {pid}, log .netra/logs/redis.log)")


def wait_for_redis(port: int, password: str, seconds: float = 30.0) -> None:
    import redis as client

    deadline = time.monotonic() + seconds
    while True:
        try:
            client.Redis(host="127.0.0.1", port=port, password=password, socket_timeout=2).ping()
            return
        except client.exceptions.ConnectionError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis did not answer on 127.0.0.1:{port}; see .netra/logs/redis.log") from None
            time.sleep(0.2)


def worker_command(concurrency: str, hostname: str) -> list[str]:
    """`airflow celery worker` consuming every queue of the pipeline, serving no logs over HTTP
    (the api-server reads them from the shared log folder)."""
    return ["celery", "worker", "--skip-serve-logs", "--concurrency", concurrency,
            "--queues", ",".join(platforms.worker_queues()), "--celery-hostname", hostname]


def start_worker(env: dict) -> None:
    if _alive("celery-worker"):
        return
    _start("celery-worker", env, *worker_command(settings.demo_parallelism(), "netra-demo@%h"), executor="celery")


def start_fake_api(env: dict) -> None:
    """The fake platform APIs over the sample's landing files, in a process of their own."""
    if _alive("fake-api"):
        return
    s = fake_api(secrets())
    pid = _launch("fake-api", [str(Path(sys.executable).with_name("netra")), "sample", "serve-api",
                               "--port", str(s["fake_api_port"])], {**env, "NETRA_FAKE_API_TOKEN": s["fake_api_token"]})
    say(f"started the fake platform APIs on 127.0.0.1:{s['fake_api_port']} (pid {pid}, log .netra/logs/fake-api.log)")
