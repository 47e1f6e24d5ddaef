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

from netra.extract.connectors import graph
from netra.extract.paging import Connector, Page, collect, commented
from netra.extract.http import Client, ConnectorError, Credentials
from netra.extract.fetch import Fetch
from netra.window import Window

FACEBOOK_POST_FIELDS = ("id,message,created_time,permalink_url,from,parent_id,shares,"
                        "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)")
FACEBOOK_COMMENT_FIELDS = "id,message,created_time,from,permalink_url,like_count,parent"
INSTAGRAM_MEDIA_FIELDS = "id,caption,timestamp,permalink,like_count,comments_count,media_type,username"
INSTAGRAM_COMMENT_FIELDS = "id,text,timestamp,username,like_count"


class _GraphConnector(Connector):
    """Both platforms page an account's edge for the window, then the comments of each post that
    has some; they differ in the edge, the fields and how a post counts its comments."""

    edge: str
    fields: str
    comment_params: dict
    needs_id = False

    def __init__(self, credentials: Credentials, *, now: Callable[[], dt.datetime] | None = None,
                 comments: bool = True, **client_options):
        self.client = Client(credentials, graph.classify, **client_options)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self.comments = comments

    def scopes(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            node = (ids or {}).get(handle)
            timeline = self._scope("timeline", handle, handle, node, window, f"{node or handle}/{self.edge}", {
                "fields": self.fields, "since": int(window.start.timestamp()),
                "until": int(window.end.timestamp()), "limit": 100})
            yield timeline
            if self.comments:
                for post_id in commented(timeline, "data", self._comment_count):
                    yield self._scope("comments", post_id, handle, node, window, f"{post_id}/comments",
                                      {**self.comment_params, "limit": 100})

    def _scope(self, scope_kind: str, scope_key: str, account: str, account_id: str | None, window: Window,
               node_edge: str, params: dict) -> Fetch:
        token = self.client.credentials.token

        def request(cursor: tuple[str, dict] | None) -> tuple[httpx.Response, dict]:
            if self.needs_id and account_id is None:
                raise ConnectorError(f"the {self.platform} API addresses accounts by id: declare this account's "
                                     "platform_user_id in the registry")
            where, query = cursor or (f"/{graph.VERSION}/{node_edge}", params)
            return self.client.request("GET", where, params={**query, "access_token": token})

        def read(response: httpx.Response, page: dict) -> Page:
            return Page(response.content, len(graph.items(page)), graph.next_request(page))

        return collect(self.client, platform=self.platform, scope_kind=scope_kind, scope_key=scope_key,
                       account=account, account_id=account_id, window=window, read=read, request=request, now=self.now)

    @staticmethod
    def _comment_count(post: dict) -> int:
        raise NotImplementedError


class FacebookConnector(_GraphConnector):
    platform, edge, fields = "facebook", "posts", FACEBOOK_POST_FIELDS
    comment_params = {"fields": FACEBOOK_COMMENT_FIELDS, "filter": "stream"}

    @staticmethod
    def _comment_count(post: dict) -> int:
        return int(((post.get("comments") or {}).get("summary") or {}).get("total_count") or 0)


class InstagramConnector(_GraphConnector):
    platform, edge, fields, needs_id = "instagram", "media", INSTAGRAM_MEDIA_FIELDS, True
    comment_params = {"fields": INSTAGRAM_COMMENT_FIELDS}

    @staticmethod
    def _comment_count(post: dict) -> int:
        return int(post.get("comments_count") or 0)
