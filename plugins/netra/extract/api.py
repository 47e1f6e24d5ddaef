"""The platform API connectors behind the pipeline's `Source` interface.

API batches go to the platform's connector, built on first use from its Airflow connection
(`netra_<platform>`: password = token or secret, login = client key, host = base URL). Intake batches
(monitor captures, public tips) still arrive as files, so they come from the landing source.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from netra.extract.fetch import Batch, Fetch, Source
from netra.extract.http import Credentials
from netra.extract.paging import Connector
from netra.platforms import PLATFORMS
from netra.window import Window


def airflow_credentials(platform: str) -> Credentials:
    """The platform's Airflow connection (from the metadata database, a secrets backend or an
    AIRFLOW_CONN_NETRA_<PLATFORM> variable). Only its id is ever printed."""
    from airflow.sdk import BaseHook

    conn_id = f"netra_{platform}"
    conn = BaseHook.get_connection(conn_id)
    if not conn.password:
        raise ValueError(f"the Airflow connection {conn_id!r} has no password (the API token)")
    base = conn.host if conn.host and "://" in conn.host else (PLATFORMS[platform].base_url if platform in PLATFORMS else None)
    if base is None:
        raise ValueError(f"the Airflow connection {conn_id!r} needs a host (the API base URL)")
    return Credentials(conn_id, base.rstrip("/"), conn.password, conn.login or "")


class ApiSource:
    """`lookback` re-reads that much before the window, as the landing collectors do: a post
    deleted the day after it was made is only noticed by a fetch that covers its day again."""

    def __init__(self, intake: Source, credentials: Callable[[str], Credentials] = airflow_credentials,
                 lookback: dt.timedelta = dt.timedelta(days=1), **client_options):
        self.intake, self.credentials, self.client_options = intake, credentials, client_options
        self.lookback = lookback
        self._open: dict[str, Connector] = {}

    def connector(self, platform: str) -> Connector:
        if platform not in self._open:
            if platform not in PLATFORMS:
                raise ValueError(f"no API connector for platform {platform!r}")
            connector = PLATFORMS[platform].connector_class()
            self._open[platform] = connector(self.credentials(platform), **self.client_options)
        return self._open[platform]

    def replayable(self, batch: Batch) -> bool:
        """Intake files can be read back; an API answers a new request each time."""
        return batch.source != "api" and getattr(self.intake, "replayable", lambda _b: False)(batch)

    def fetches(self, batch: Batch, window: Window) -> Iterator[Fetch]:
        if batch.source != "api":
            yield from self.intake.fetches(batch, window)
            return
        covered = Window(window.start - self.lookback, window.end)
        yield from self.connector(batch.platform).fetches(list(batch.accounts), covered, batch.known_ids)
