"""The extraction interface shared by every source."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from netra.window import Window

API_PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube")


@dataclass(frozen=True)
class Batch:
    """A unit of mapped work: one source, one platform (or all, for intake files), some accounts."""

    source: str                        # api | intake (monitor captures and public tips)
    platform: str                      # a platform, or "all" for intake
    shard: int = 0
    accounts: tuple[str, ...] = ()     # handles, for API batches

    @property
    def key(self) -> str:
        return f"{self.source}:{self.platform}:{self.shard}"

    def as_dict(self) -> dict:
        return {"source": self.source, "platform": self.platform, "shard": self.shard, "accounts": list(self.accounts)}

    @classmethod
    def from_dict(cls, d: dict) -> Batch:
        return cls(d["source"], d["platform"], int(d.get("shard", 0)), tuple(d.get("accounts") or ()))


@dataclass(frozen=True)
class Fetch:
    """One request scope and the pages it returned, verbatim."""

    fetch_id: str
    source: str
    platform: str | None
    scope_kind: str                    # timeline | comments | capture | tips
    scope_key: str
    account: str | None                # whose content: timeline owner or the commented post's author
    account_platform_id: str | None
    since: dt.datetime | None
    until: dt.datetime | None
    fetched_at: dt.datetime
    complete: bool
    request: dict
    pages: list[bytes] = field(default_factory=list)


class Source(Protocol):
    def fetches(self, batch: Batch, window: Window) -> Iterator[Fetch]: ...
