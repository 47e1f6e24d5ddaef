"""X API v2: an account's posts in the window, with the expansions that name who they share, quote
or reply to.

GET /2/users/by/username/:handle resolves the account (unless its id is known), then
GET /2/users/:id/tweets pages with meta.next_token until it is absent. Connection `netra_x`:
password = app bearer token; host = base URL (default https://api.x.com).
X answers some failures with HTTP 200 and an `errors` list instead of `data`, each error typed
(https://api.x.com/2/problems/<type>): an unknown or suspended user is not_found, a protected one
private, client-forbidden and unsupported-authentication a refused credential, rate-limit-exceeded
and usage-capped a rate limit; any other fails the scope. Errors that come with `data` are partial
(a referenced tweet since deleted, say): the page is data.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

import httpx

from netra.extract.paging import Connector, Page, collect
from netra.extract.http import Client, ConnectorError, Credentials, NotFound, Private, body, default_classify, utc
from netra.extract.fetch import Fetch
from netra.window import Window

TWEET_FIELDS = ("id,text,created_at,author_id,public_metrics,referenced_tweets,edit_history_tweet_ids,"
                "conversation_id,in_reply_to_user_id,lang")
EXPANSIONS = "author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id"
PAGE_SIZE = 100
PROBLEM_STATUS = {"client-forbidden": 403, "unsupported-authentication": 401, "rate-limit-exceeded": 429,
                  "usage-capped": 429}


def classify(response: httpx.Response, credentials: Credentials) -> None:
    """HTTP errors as every platform; then X's HTTP-200 failures: errors and no data."""
    page = body(response)
    errors = page.get("errors")
    if response.status_code >= 400 or "data" in page or not errors or not isinstance(errors, list):
        return default_classify(response, credentials)
    error = errors[0] if isinstance(errors[0], dict) else {}
    kind = str(error.get("type", "")).rsplit("/", 1)[-1]
    detail = str(error.get("detail") or error.get("title") or "error")[:200]
    if kind == "resource-not-found":
        raise NotFound(detail)
    if kind == "not-authorized-for-resource":
        raise (NotFound if "suspended" in detail.lower() else Private)(detail)
    if kind in PROBLEM_STATUS:
        default_classify(response, credentials, PROBLEM_STATUS[kind])
    raise ConnectorError(f"X error: {detail}")


class XConnector(Connector):
    platform = "x"

    def __init__(self, credentials: Credentials, *, now: Callable[[], dt.datetime] | None = None, **client_options):
        self.client = Client(credentials, classify, headers={"Authorization": f"Bearer {credentials.token}"},
                             **client_options)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))

    def user_id(self, handle: str) -> str:
        _, page = self.client.request("GET", f"/2/users/by/username/{handle}")
        user = page.get("data")
        if not isinstance(user, dict) or not user.get("id"):
            raise ConnectorError(f"X named no user id for {handle}")
        return str(user["id"])

    def scopes(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            yield self.timeline(handle, window, (ids or {}).get(handle))

    def timeline(self, handle: str, window: Window, user_id: str | None = None) -> Fetch:
        state = {"id": user_id}

        def request(token: str | None) -> tuple[httpx.Response, dict]:
            if state["id"] is None:
                state["id"] = self.user_id(handle)
            query = {"start_time": utc(window.start), "end_time": utc(window.end), "max_results": PAGE_SIZE,
                     "tweet.fields": TWEET_FIELDS, "expansions": EXPANSIONS, "user.fields": "username,name"}
            if token:
                query["pagination_token"] = token
            return self.client.request("GET", f"/2/users/{state['id']}/tweets", params=query)

        def read(response: httpx.Response, page: dict) -> Page:
            return Page(response.content, len(page.get("data") or []), (page.get("meta") or {}).get("next_token"))

        fetch = collect(self.client, platform="x", scope_kind="timeline", scope_key=handle, account=handle,
                        account_id=user_id, window=window, read=read, request=request, now=self.now)
        return replace(fetch, account_platform_id=state["id"]) if state["id"] else fetch
