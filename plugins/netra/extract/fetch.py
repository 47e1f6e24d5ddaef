"""The extraction interface shared by every source."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from netra.window import Window


@dataclass(frozen=True)
class Batch:
    """A unit of mapped work: one source, one platform (or all, for intake files), some accounts."""

    source: str                        # api | intake (monitor captures and public tips)
    platform: str                      # a platform, or "all" for intake
    shard: int = 0
    accounts: tuple[str, ...] = ()     # handles, for API batches
    ids: tuple[str | None, ...] = ()   # the platform's ids of those accounts, where known

    @property
    def key(self) -> str:
        return f"{self.source}:{self.platform}:{self.shard}"

    @property
    def known_ids(self) -> dict[str, str]:
        return {h: i for h, i in zip(self.accounts, self.ids, strict=False) if i}

    def as_dict(self) -> dict:
        return {"source": self.source, "platform": self.platform, "shard": self.shard,
                "accounts": list(self.accounts), "ids": list(self.ids)}

    @classmethod
    def from_dict(cls, d: dict) -> Batch:
        return cls(d["source"], d["platform"], int(d.get("shard", 0)), tuple(d.get("accounts") or ()),
                   tuple(d.get("ids") or ()))


OUTCOMES = ("fetched", "rate_limited_then_fetched", "not_found", "deleted", "private", "failed")


@dataclass(frozen=True)
class Outcome:
    """What became of one requested account or post: every request gets one, recorded in ops."""

    status: str                        # one of OUTCOMES
    items: int = 0                     # posts or comments in the landed pages
    pages: int = 0
    attempts: int = 0
    rate_limited: int = 0              # how many times the platform said to slow down
    waited_s: float = 0.0
    error: str | None = None

    def __post_init__(self):
        if self.status not in OUTCOMES:
            raise ValueError(f"outcome {self.status!r} is not one of {OUTCOMES}")


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
    outcome: Outcome | None = None     # None for files: their items are counted when normalized
    first_page: int = 0                # a part of a long file: the number of its first page


class Source(Protocol):
    def fetches(self, batch: Batch, window: Window) -> Iterator[Fetch]: ...
