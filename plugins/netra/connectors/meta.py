"""Facebook Pages and Instagram professional accounts through Meta's Graph API.

Facebook: GET /{page}/posts (message, created_time, permalink_url, shares, reaction and comment
summaries) for the window, then GET /{post}/comments for every post whose summary counts comments:
comments under candidates' pages are where employees' comments show up. Connection
`netra_facebook`: password = a Page Public Content Access token; host = base URL (default
https://graph.facebook.com).
Instagram: GET /{ig-user-id}/media (caption, timestamp, permalink, like_count, comments_count),
then GET /{media}/comments where comments_count > 0. The API addresses accounts by id only, so
the registry must declare each account's platform_user_id; an account without one gets the
outcome `failed` saying so. Connection `netra_instagram`, as for Facebook.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import httpx

from netra.connectors import graph
from netra.connectors.base import Connector, Page, collect, commented, fetch_id
from netra.connectors.http import Client, Credentials
from netra.sources.base import Fetch, Outcome
from netra.window import Window

FACEBOOK_POST_FIELDS = ("id,message,created_time,permalink_url,from,parent_id,shares,"
                        "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)")
FACEBOOK_COMMENT_FIELDS = "id,message,created_time,from,permalink_url,like_count,parent"
INSTAGRAM_MEDIA_FIELDS = "id,caption,timestamp,permalink,like_count,comments_count,media_type,username"
INSTAGRAM_COMMENT_FIELDS = "id,text,timestamp,username,like_count"


class _GraphConnector(Connector):
    def __init__(self, credentials: Credentials, *, now: Callable[[], dt.datetime] | None = None,
                 comments: bool = True, **client_options):
        self.client = Client(credentials, graph.classify, **client_options)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self.comments = comments

    def _scope(self, scope_kind: str, scope_key: str, account: str, account_id: str | None, window: Window,
               path: str, params: dict) -> Fetch:
        token = self.client.credentials.token

        def request(cursor: tuple[str, dict] | None) -> tuple[httpx.Response, dict]:
            where, query = cursor or (path, params)
            return self.client.request("GET", where, params={**query, "access_token": token})

        def read(response: httpx.Response, page: dict) -> Page:
            return Page(response.content, len(graph.items(page)), graph.next_request(page))

        return collect(self.client, platform=self.platform, scope_kind=scope_kind, scope_key=scope_key,
                       account=account, account_id=account_id, window=window, read=read, request=request, now=self.now)

    def _commented(self, fetch: Fetch) -> list[str]:
        return commented(fetch, "data", self._comment_count)

    @staticmethod
    def _comment_count(post: dict) -> int:
        raise NotImplementedError


class FacebookConnector(_GraphConnector):
    platform = "facebook"

    def fetches(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            page_id = (ids or {}).get(handle)
            timeline = self._scope("timeline", handle, handle, page_id, window, f"/{graph.VERSION}/{page_id or handle}/posts", {
                "fields": FACEBOOK_POST_FIELDS, "since": int(window.start.timestamp()),
                "until": int(window.end.timestamp()), "limit": 100})
            yield timeline
            if self.comments:
                for post_id in self._commented(timeline):
                    yield self._scope("comments", post_id, handle, page_id, window, f"/{graph.VERSION}/{post_id}/comments",
                                      {"fields": FACEBOOK_COMMENT_FIELDS, "filter": "stream", "limit": 100})

    @staticmethod
    def _comment_count(post: dict) -> int:
        return int(((post.get("comments") or {}).get("summary") or {}).get("total_count") or 0)


class InstagramConnector(_GraphConnector):
    platform = "instagram"

    def fetches(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            user_id = (ids or {}).get(handle)
            if not user_id:
                yield self._unaddressable(handle, window)
                continue
            timeline = self._scope("timeline", handle, handle, user_id, window, f"/{graph.VERSION}/{user_id}/media", {
                "fields": INSTAGRAM_MEDIA_FIELDS, "since": int(window.start.timestamp()),
                "until": int(window.end.timestamp()), "limit": 100})
            yield timeline
            if self.comments:
                for media_id in self._commented(timeline):
                    yield self._scope("comments", media_id, handle, user_id, window, f"/{graph.VERSION}/{media_id}/comments",
                                      {"fields": INSTAGRAM_COMMENT_FIELDS, "limit": 100})

    @staticmethod
    def _comment_count(post: dict) -> int:
        return int(post.get("comments_count") or 0)

    def _unaddressable(self, handle: str, window: Window) -> Fetch:
        started = self.now()
        return Fetch(fetch_id=fetch_id("instagram", "timeline", handle, window, started), source="api",
                     platform="instagram", scope_kind="timeline", scope_key=handle, account=handle,
                     account_platform_id=None, since=window.start, until=window.end, fetched_at=started,
                     complete=False, request={"scope": "timeline", "key": handle}, pages=[],
                     outcome=Outcome("failed", error="the Instagram API addresses accounts by id: declare this "
                                                     "account's platform_user_id in the registry"))
