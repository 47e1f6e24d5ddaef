"""Where the `netra` command's warehouse is: the configured `netra_warehouse` connection, else the
embedded development cluster's (the command line, unlike the runtime, may fall back to it)."""
from __future__ import annotations

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
