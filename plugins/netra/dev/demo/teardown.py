"""`make demo-stop` and `make clean`: stop what the demo started, check that nothing listens on its
ports any more, and delete what it left."""
from __future__ import annotations

import shutil
from pathlib import Path

from netra import settings
from netra.dev.cluster import sweep_orphans
from netra.dev.demo import say
from netra.dev.demo.environment import cluster, has_secrets, secrets
from netra.dev.demo.processes import stop_processes

# Airflow's default log-server ports, all interfaces: the demo starts no log server, and checks.
WORKER_LOG_SERVER_PORT, TRIGGER_LOG_SERVER_PORT = 8793, 8794


def _listening(port: int) -> bool:
    """Whether any socket listens on the TCP port, on any address (the kernel's own tables)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                return True
    return False


def _ports() -> dict[str, int]:
    """The ports a demo of this checkout listens on, and Airflow's default log-server ports."""
    s = secrets() if has_secrets() else {}
    ports = {"Airflow api-server": s.get("api_port"), "fake APIs": s.get("fake_api_port"),
             "Redis (Celery broker)": s.get("redis_port"), "Airflow log server": WORKER_LOG_SERVER_PORT,
             "triggerer log server": TRIGGER_LOG_SERVER_PORT,
             "PostgreSQL": cluster().meta()["port"] if cluster().meta_file.exists() else None}
    return {name: port for name, port in ports.items() if port}


def stop() -> None:
    n, killed = stop_processes()
    say(f"stopped {n} processes (Airflow's components, their workers and tasks, Redis, the fake APIs)"
        + (f"; {killed} ignored SIGTERM and were killed" if killed else "") if n else "no demo process was running")
    say("PostgreSQL stopped" if cluster().stop() else "PostgreSQL was not running")
    busy = {name: port for name, port in _ports().items() if _listening(port)}
    if busy:
        say("still listening, in processes this demo did not start: "
            + ", ".join(f"port {port} ({name})" for name, port in busy.items()))
    else:
        say("nothing listens on its ports: " + ", ".join(str(p) for p in sorted(set(_ports().values()))))


def clean() -> None:
    """`make clean`: stop everything, delete the demo's cluster wherever its data lives, the data
    directories killed test sessions left in /var/tmp, and the state directory (.netra)."""
    stop()
    cluster().destroy()
    for d in sweep_orphans():
        say(f"removed {d}, the data of a cluster that no longer exists")
    shutil.rmtree(settings.state(), ignore_errors=True)
    say(f"removed {settings.state()}")
