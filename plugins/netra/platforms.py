"""The platforms Netra collects from: the one table the rest of the package reads.

Each row says how a platform's posts are parsed (a module under netra.normalize, which also reads
post references out of the URLs on its hosts), fetched (a connector class under
netra.extract.connectors, at a default API address), checked (the shape of its post ids, the
longest text it accepts) and scheduled (the Airflow pool that every run's batches share, because
the rate limit is the API's, not the run's; and the Celery queue its batches wait in, so that
workers can run per platform: queues are named here and nowhere else). Modules are named, not
imported, so that a DAG file can read the table without loading anything heavy.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    name: str
    label: str                 # as people write it
    parser: str                # module under netra.normalize
    connector: str             # "module:Class" under netra.extract.connectors
    base_url: str              # the API's address when the connection names none
    post_id: str               # regular expression of a valid post id
    max_text: int              # longest text the platform accepts, in characters
    pool_slots: int            # concurrent batches across all runs
    pool_note: str             # why that many
    hosts: tuple[str, ...]     # of its post URLs, without www., m. and the like

    @property
    def pool(self) -> str:
        return f"netra_api_{self.name}"

    @property
    def queue(self) -> str:
        return f"netra_ingest_{self.name}"

    def parse_module(self):
        return importlib.import_module(f"netra.normalize.{self.parser}")

    def connector_class(self):
        module, cls = self.connector.split(":")
        return getattr(importlib.import_module(f"netra.extract.connectors.{module}"), cls)


# Text limits: Facebook 63,206; Instagram captions 2,200; X long posts 25,000; TikTok descriptions
# 4,000; YouTube title + description or a 10,000-character comment.
PLATFORMS: dict[str, Platform] = {p.name: p for p in (
    Platform(name="facebook", label="Facebook", parser="facebook", connector="meta:FacebookConnector",
             base_url="https://graph.facebook.com", post_id=r"^\d+(?:_\d+)?$", max_text=63206,
             pool_slots=2, pool_note="one app's rate limit is shared by every run", hosts=("facebook.com", "fb.com")),
    Platform(name="instagram", label="Instagram", parser="instagram", connector="meta:InstagramConnector",
             base_url="https://graph.facebook.com", post_id=r"^\d+$", max_text=2200,
             pool_slots=2, pool_note="the same app limit as Facebook", hosts=("instagram.com",)),
    Platform(name="x", label="X", parser="x", connector="x:XConnector",
             base_url="https://api.x.com", post_id=r"^\d+$", max_text=25000,
             pool_slots=1, pool_note="the user-timeline limit is per app and per 15 minutes",
             hosts=("x.com", "twitter.com")),
    Platform(name="tiktok", label="TikTok", parser="tiktok", connector="tiktok:TikTokConnector",
             base_url="https://open.tiktokapis.com", post_id=r"^\d+$", max_text=4000,
             pool_slots=1, pool_note="a daily request limit per client", hosts=("tiktok.com",)),
    Platform(name="youtube", label="YouTube", parser="youtube", connector="youtube:YouTubeConnector",
             base_url="https://www.googleapis.com", post_id=r"^[A-Za-z0-9_-]+$", max_text=10000,
             pool_slots=2, pool_note="one daily quota for the key", hosts=("youtube.com", "youtu.be")),
)}
NAMES = tuple(PLATFORMS)

# Monitor captures and public tips arrive as files for every platform at once: one more lane of
# a run, in a pool of its own.
INTAKE = "intake"
INTAKE_POOL, INTAKE_SLOTS = "netra_ingest", 6
INTAKE_QUEUE = "netra_ingest_intake"
# Every other task waits in Airflow's default queue ([operators] default_queue, "default").
DEFAULT_QUEUE = "default"


def lanes() -> dict[str, str]:
    """The ingest lanes of a run (each platform, then intake) and the pool of each."""
    return {**{p.name: p.pool for p in PLATFORMS.values()}, INTAKE: INTAKE_POOL}


def queues() -> dict[str, str]:
    """The Celery queue of each ingest lane (ignored by the LocalExecutor)."""
    return {**{p.name: p.queue for p in PLATFORMS.values()}, INTAKE: INTAKE_QUEUE}


def worker_queues() -> tuple[str, ...]:
    """Every queue the pipeline's tasks wait in: what a worker that does all the work consumes."""
    return (DEFAULT_QUEUE, *queues().values())


def pools() -> dict[str, dict]:
    """Every pool, in the form `airflow pools import` reads."""
    described = {INTAKE_POOL: (INTAKE_SLOTS, "Concurrent intake batches (monitor captures and public tips) "
                                             "across all runs")}
    described |= {p.pool: (p.pool_slots, f"Concurrent {p.label} API batches: {p.pool_note}")
                  for p in PLATFORMS.values()}
    return {name: {"slots": slots, "description": text, "include_deferred": False}
            for name, (slots, text) in described.items()}
