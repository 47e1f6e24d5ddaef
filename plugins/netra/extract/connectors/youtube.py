"""YouTube Data API v3: a channel's uploads in the window, with statistics, and their comments.

channels.list (forHandle, or id when the registry knows it) gives the uploads playlist;
playlistItems.list (1 quota unit a page, newest first) is read until it reaches videos older than
the window; videos.list with snippet and statistics, 50 ids a call, is what is landed; then
commentThreads.list for each video with comments. search.list would cost 100 units a call, so it
is not used. Connection `netra_youtube`: password = API key; host = base URL (default
https://www.googleapis.com).
Errors come as {"error": {"code", "errors": [{"reason"}]}}, with their HTTP status or with 200 (then
`code` is the status they stand for): rateLimitExceeded and userRateLimitExceeded
are retried; quotaExceeded (the day's quota is spent, until midnight Pacific) fails the scope;
keyInvalid, forbidden and accessNotConfigured stop at once; commentsDisabled makes the comments
of a video `private`; videoNotFound and channelNotFound `not_found`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

import httpx

from netra.extract.paging import Connector, Page, collect, commented
from netra.extract.http import (AuthError, Client, ConnectorError, Credentials, NotFound, Private, Retryable,
                                   body, default_classify)
from netra.extract.fetch import Fetch
from netra.window import Window

API = "/youtube/v3"


def classify(response: httpx.Response, credentials: Credentials) -> None:
    error = body(response).get("error")
    if response.status_code < 400 and not isinstance(error, dict):
        return
    try:
        reasons = {e.get("reason") for e in error.get("errors", [])}
    except (TypeError, AttributeError):
        reasons = set()
    if reasons & {"rateLimitExceeded", "userRateLimitExceeded"}:
        raise Retryable(f"YouTube rate limit ({', '.join(sorted(reasons))})", rate_limited=True)
    if "quotaExceeded" in reasons:
        raise ConnectorError("the YouTube API quota for today is spent (it resets at midnight Pacific time)")
    if reasons & {"keyInvalid", "forbidden", "accessNotConfigured", "ipRefererBlocked"} or response.status_code == 401:
        raise AuthError(f"{credentials.conn_id}: YouTube refused the API key ({', '.join(sorted(reasons)) or response.status_code}); "
                        f"fix it in the Airflow connection {credentials.conn_id!r}")
    if "commentsDisabled" in reasons:
        raise Private("comments are disabled on this video")
    if reasons & {"videoNotFound", "channelNotFound", "playlistNotFound"}:
        raise NotFound(", ".join(sorted(reasons)))
    if response.status_code < 400:
        code = error.get("code")
        default_classify(response, credentials, code if isinstance(code, int) and code >= 400 else 400)
    default_classify(response, credentials)


class YouTubeConnector(Connector):
    platform = "youtube"

    def __init__(self, credentials: Credentials, *, now: Callable[[], dt.datetime] | None = None,
                 comments: bool = True, **client_options):
        self.client = Client(credentials, classify, **client_options)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self.comments = comments

    def _get(self, method: str, **params) -> tuple[httpx.Response, dict]:
        return self.client.request("GET", f"{API}/{method}", params={**params, "key": self.client.credentials.token})

    def scopes(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            timeline = self.timeline(handle, window, (ids or {}).get(handle))
            yield timeline
            if self.comments and timeline.complete:
                for video_id in self._commented(timeline):
                    yield self.comment_threads(video_id, handle, window)

    def _uploads(self, handle: str, channel_id: str | None, window: Window) -> tuple[str, list[str]]:
        """The channel id and the ids of its videos published in the window."""
        query = {"id": channel_id} if channel_id else {"forHandle": handle if handle.startswith("@") else f"@{handle}"}
        _, channels = self._get("channels", part="contentDetails", **query)
        if not channels.get("items"):
            raise NotFound(f"no YouTube channel {handle}")
        channel = channels["items"][0]
        playlist = channel["contentDetails"]["relatedPlaylists"]["uploads"]
        videos, token = [], None
        while True:
            extra = {"pageToken": token} if token else {}
            _, page = self._get("playlistItems", part="contentDetails", playlistId=playlist, maxResults=50, **extra)
            older = False
            for item in page.get("items") or []:
                published = dt.datetime.fromisoformat(item["contentDetails"]["videoPublishedAt"].replace("Z", "+00:00"))
                if window.start <= published < window.end:
                    videos.append(item["contentDetails"]["videoId"])
                older = older or published < window.start
            token = page.get("nextPageToken")
            if older or not token:
                return channel["id"], videos

    def timeline(self, handle: str, window: Window, channel_id: str | None = None) -> Fetch:
        state: dict = {"videos": None, "channel": channel_id, "offset": 0}

        def request(offset: int | None) -> tuple[httpx.Response, dict] | None:
            if state["videos"] is None:
                state["channel"], state["videos"] = self._uploads(handle, channel_id, window)
            state["offset"] = offset or 0
            chunk = state["videos"][state["offset"]:state["offset"] + 50]
            if not chunk:
                return None                   # nothing published in the window: complete, no pages
            return self._get("videos", part="snippet,statistics", id=",".join(chunk), maxResults=50)

        def read(response: httpx.Response, page: dict) -> Page:
            following = state["offset"] + 50
            return Page(response.content, len(page.get("items") or []),
                        following if following < len(state["videos"]) else None)

        fetch = collect(self.client, platform="youtube", scope_kind="timeline", scope_key=handle, account=handle,
                        account_id=channel_id, window=window, read=read, request=request, now=self.now)
        return replace(fetch, account_platform_id=state["channel"]) if state["channel"] else fetch

    def comment_threads(self, video_id: str, handle: str, window: Window) -> Fetch:
        def request(token: str | None) -> tuple[httpx.Response, dict]:
            extra = {"pageToken": token} if token else {}
            return self._get("commentThreads", part="snippet", videoId=video_id, maxResults=100,
                             textFormat="plainText", **extra)

        def read(response: httpx.Response, page: dict) -> Page:
            return Page(response.content, len(page.get("items") or []), page.get("nextPageToken"))

        return collect(self.client, platform="youtube", scope_kind="comments", scope_key=video_id, account=handle,
                       account_id=None, window=window, read=read, request=request, now=self.now)

    @staticmethod
    def _commented(fetch: Fetch) -> list[str]:
        return commented(fetch, "items", lambda v: int((v.get("statistics") or {}).get("commentCount") or 0))
