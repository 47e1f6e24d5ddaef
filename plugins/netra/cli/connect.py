"""Where the `netra` command's warehouse is: the configured `netra_warehouse` connection, else the
embedded development cluster's (the command line, unlike the runtime, may fall back to it); and
where a command's file goes."""
from __future__ import annotations

import sys
from pathlib import Path

from netra import settings


def cluster():
    from netra.dev.cluster import Cluster

    return Cluster(settings.state() / "pg")


def warehouse_url() -> str:
    """The configured `netra_warehouse` connection, else the embedded development cluster's."""
    from netra import warehouse

    if settings.warehouse_conn():
        return warehouse.connection_url()
    return warehouse.url_from_airflow_conn(cluster().dsn("netra"))


def emit(data: bytes, out: str | None) -> None:
    """Write a command's file to `out` (and name it), else to standard output."""
    if out:
        Path(out).write_bytes(data)
        print(out)
    else:
        sys.stdout.buffer.write(data)
