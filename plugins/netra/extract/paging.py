"""What every platform connector shares: paging one scope to its end and turning what happened
into a `Fetch` with an `Outcome`, so no requested account or post goes unaccounted for."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from netra.extract.http import AuthError, Client, ConnectorError, Retryable, describe
from netra.extract.fetch import Fetch, Outcome
from netra.window import Window


@dataclass(frozen=True)
class Page:
    body: bytes
    items: int
    next: object | None = None     # what `request` needs for the next page (a cursor); None at the end


def fetch_id(platform: str, scope_kind: str, scope_key: str, window: Window, fetched_at: dt.datetime) -> str:
    """One per scope, window and fetch time: a rerun is a new observation in raw (posts may have
    changed or gone since), while staging and core stay idempotent for the window."""
    key = f"{platform}:{scope_kind}:{scope_key}:{window.start.isoformat()}:{window.end.isoformat()}:{fetched_at.isoformat()}"
    return f"{platform}-{hashlib.sha256(key.encode()).hexdigest()[:24]}"


def collect(client: Client, *, platform: str, scope_kind: str, scope_key: str, account: str | None,
            account_id: str | None, window: Window, read: Callable[[httpx.Response, dict], Page],
            request: Callable[[object | None], tuple[httpx.Response, dict] | None],
            now: Callable[[], dt.datetime]) -> Fetch:
    """Page a scope to its end. `request(cursor)` makes one call (cursor None for the first page);
    `read` says how many items a page holds and the next cursor. Complete only when the last page
    said it was last: a partial fetch never tombstones a post. A refused credential ends the scope
    like any failure, keeping its pages, and is left in `client.refused` for `Connector.fetches`."""
    started = now()
    client.new_scope()
    pages: list[bytes] = []
    items, status, error = 0, "fetched", None
    cursor: object | None = None
    asked: set[str] = set()
    described: dict = {}
    before = (client.stats.attempts, client.stats.rate_limited, client.stats.waited_s)
    try:
        while True:
            answer = request(cursor)
            if answer is None:          # the connector knows there is nothing (more) to ask for
                break
            response, body = answer
            described = described or describe(response.request)
            page = read(response, body)
            pages.append(client.redact(page.body))
            items += page.items
            if page.next is None:
                break
            if repr(page.next) in asked:
                raise ConnectorError(f"the platform sent the same next-page cursor twice after {len(pages)} pages")
            cursor = page.next
            asked.add(repr(cursor))
    except Retryable as exc:        # retries spent; land what a broken body held, so it is quarantined
        if exc.response is not None:
            pages.append(client.redact(exc.response.content))
        status, error = "failed", str(exc)
    except AuthError as exc:        # the whole batch stops once this fetch is out: a person must fix the connection
        status, error, client.refused = "failed", str(exc), exc
    except ConnectorError as exc:
        status, error = exc.status, str(exc)
        if status == "not_found" and scope_kind == "comments":
            status = "deleted"          # the post was listed by its timeline, so it existed: now it is gone
    attempts = client.stats.attempts - before[0]
    rate_limited = client.stats.rate_limited - before[1]
    if status == "fetched" and rate_limited:
        status = "rate_limited_then_fetched"
    outcome = Outcome(status, items, len(pages), attempts, rate_limited, round(client.stats.waited_s - before[2], 3),
                      error and client.redact_text(error))
    return Fetch(fetch_id=fetch_id(platform, scope_kind, scope_key, window, started), source="api",
                 platform=platform, scope_kind=scope_kind, scope_key=scope_key, account=account,
                 account_platform_id=account_id, since=window.start, until=window.end, fetched_at=started,
                 complete=status in ("fetched", "rate_limited_then_fetched"),
                 request=described or {"scope": scope_kind, "key": scope_key}, pages=pages, outcome=outcome)


def commented(fetch: Fetch, items_key: str, comments: Callable[[dict], int]) -> list[str]:
    """Ids of the posts in a fetch's pages that have comments (`comments(post)` counts them),
    each once even when listed twice; a page that does not parse has none to offer."""
    found = []
    for body in fetch.pages:
        try:
            items = json.loads(body).get(items_key) or []
        except (ValueError, AttributeError):
            continue
        found += [str(p["id"]) for p in items if isinstance(p, dict) and p.get("id") and comments(p)]
    return list(dict.fromkeys(found))


class Connector:
    """One platform: `fetches(accounts, window)` yields a Fetch for every scope it was asked for."""

    platform: str
    client: Client

    def fetches(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        """The Fetches of `scopes`, until the platform refuses the credential: then the fetch of the
        scope it refused (failed, with its pages so far) is the last yielded and the AuthError is
        raised, so nothing fetched before it is lost and no further scope is asked for."""
        for fetch in self.scopes(accounts, window, ids):
            yield fetch
            refused, self.client.refused = self.client.refused, None
            if refused is not None:
                raise refused

    def scopes(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        """A Fetch for every scope asked for: each account's timeline, and the comments under its
        posts where the platform gives them. `ids` are the platform's ids the registry knows."""
        raise NotImplementedError
