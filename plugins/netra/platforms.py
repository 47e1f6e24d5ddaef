"""The platforms Netra collects from: the one table the rest of the package reads.

Each row says how a platform's posts are parsed (a module under netra.normalize), fetched (a
connector class under netra.extract.connectors, at a default API address), checked (the shape of
its post ids, the longest text it accepts) and scheduled (the Airflow pool that every run's
batches share, because the rate limit is the API's, not the run's). Modules are named, not
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

    @property
    def pool(self) -> str:
        return f"netra_api_{self.name}"

    def parse_module(self):
        return importlib.import_module(f"netra.normalize.{self.parser}")

    def connector_class(self):
        module, cls = self.connector.split(":")
        return getattr(importlib.import_module(f"netra.extract.connectors.{module}"), cls)


# Text limits: Facebook 63,206; Instagram captions 2,200; X long posts 25,000; TikTok descriptions
# 4,000; YouTube title + description or a 10,000-character comment.
PLATFORMS: dict[str, Platform] = {p.name: p for p in (
    Platform("facebook", "Facebook", "facebook", "meta:FacebookConnector", "https://graph.facebook.com",
             r"^\d+(?:_\d+)?$", 63206, 2, "one app's rate limit is shared by every run"),
    Platform("instagram", "Instagram", "instagram", "meta:InstagramConnector", "https://graph.facebook.com",
             r"^\d+$", 2200, 2, "the same app limit as Facebook"),
    Platform("x", "X", "x", "x:XConnector", "https://api.x.com",
             r"^\d+$", 25000, 1, "the user-timeline limit is per app and per 15 minutes"),
    Platform("tiktok", "TikTok", "tiktok", "tiktok:TikTokConnector", "https://open.tiktokapis.com",
             r"^\d+$", 4000, 1, "a daily request limit per client"),
    Platform("youtube", "YouTube", "youtube", "youtube:YouTubeConnector", "https://www.googleapis.com",
             r"^[A-Za-z0-9_-]+$", 10000, 2, "one daily quota for the key"),
)}
NAMES = tuple(PLATFORMS)

# Monitor captures and public tips arrive as files for every platform at once: one more lane of
# a run, in a pool of its own.
INTAKE = "intake"
INTAKE_POOL, INTAKE_SLOTS = "netra_ingest", 6


def lanes() -> dict[str, str]:
    """The ingest lanes of a run (each platform, then intake) and the pool of each."""
    return {**{p.name: p.pool for p in PLATFORMS.values()}, INTAKE: INTAKE_POOL}


def pools() -> dict[str, dict]:
    """Every pool, in the form `airflow pools import` reads."""
    described = {INTAKE_POOL: (INTAKE_SLOTS, "Concurrent intake batches (monitor captures and public tips) "
                                             "across all runs")}
    described |= {p.pool: (p.pool_slots, f"Concurrent {p.label} API batches: {p.pool_note}")
                  for p in PLATFORMS.values()}
    return {name: {"slots": slots, "description": text, "include_deferred": False}
            for name, (slots, text) in described.items()}
