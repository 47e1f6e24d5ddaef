"""The YouTube connector against a fake Data API v3 on localhost. channels, videos and
commentThreads replay ../shared/fixtures/api/youtube (MIT, sns-sdks/python-youtube); the fixtures
have no playlistItems response, so that one is built to the API reference's shape (items with
contentDetails.videoId and videoPublishedAt, nextPageToken)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from werkzeug import Response

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.youtube import YouTubeConnector
from netra.normalize.parse import api_page
from netra.window import Window
from tests.conftest import SHARED, require_shared

require_shared()

YT = SHARED / "fixtures" / "api" / "youtube" / "apidata"
WINDOW = Window(dt.datetime(2019, 3, 1, tzinfo=dt.timezone.utc), dt.datetime(2019, 10, 1, tzinfo=dt.timezone.utc))
KEY = "key-123"


def _load(path: str) -> dict:
    return json.loads((YT / path).read_text())


def _error(reason: str, code: int = 403) -> dict:
    return {"error": {"code": code, "message": reason, "errors": [{"message": reason, "domain": "youtube.quota",
                                                                   "reason": reason}]}}


@pytest.fixture
def channel():
    info = _load("channels/info.json")
    info["items"][0]["contentDetails"] = {"relatedPlaylists": {"uploads": "UU_x5XG1OV2P6uZZ5FSM9Ttw"}}
    return info


@pytest.fixture
def videos():
    page = _load("videos/videos_info_multi.json")
    page["items"][0].setdefault("statistics", {})["commentCount"] = "10"
    return page


def _uploads(videos: dict) -> list[dict]:
    """Two playlist pages, newest first, ending with a video older than the window."""
    items = [{"kind": "youtube#playlistItem", "contentDetails": {"videoId": v["id"],
              "videoPublishedAt": v["snippet"]["publishedAt"]}} for v in reversed(videos["items"])]
    old = {"kind": "youtube#playlistItem", "contentDetails": {"videoId": "old", "videoPublishedAt": "2018-01-01T00:00:00Z"}}
    return [{"kind": "youtube#playlistItemListResponse", "items": items[:1], "nextPageToken": "P2"},
            {"kind": "youtube#playlistItemListResponse", "items": items[1:] + [old], "nextPageToken": "P3"}]


def _serve(httpserver, channel, videos, threads=True):
    pages = _uploads(videos)
    threads_1, threads_2 = _load("comment_threads/comment_threads_by_video_paged_1.json"), \
        _load("comment_threads/comment_threads_by_video_paged_2.json")

    def by_token(first, second, token):
        def handler(request):
            assert request.args["key"] == KEY
            return Response(json.dumps(second if request.args.get("pageToken") == token else first),
                            content_type="application/json")
        return handler
    httpserver.expect_request("/youtube/v3/channels", query_string={"part": "contentDetails", "forHandle": "@GoogleDevelopers",
                                                                    "key": KEY}).respond_with_json(channel)
    httpserver.expect_request("/youtube/v3/playlistItems").respond_with_handler(by_token(pages[0], pages[1], "P2"))
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(videos)
    if threads:
        httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(
            by_token(threads_1, threads_2, threads_1["nextPageToken"]))
    return threads_1, threads_2


def _connector(httpserver, slept=None):
    return YouTubeConnector(Credentials("netra_youtube", httpserver.url_for("/"), KEY),
                            sleep=(slept if slept is not None else []).append,
                            now=lambda: dt.datetime(2019, 10, 1, 1, tzinfo=dt.timezone.utc))


def test_uploads_in_the_window_with_statistics_then_comment_threads(httpserver, channel, videos):
    threads_1, threads_2 = _serve(httpserver, channel, videos)
    timeline, comments = _connector(httpserver).fetches(["GoogleDevelopers"], WINDOW)
    assert timeline.complete and timeline.outcome.items == len(videos["items"]) and timeline.outcome.pages == 1
    assert timeline.account_platform_id == channel["items"][0]["id"]
    assert comments.scope_key == videos["items"][0]["id"] and comments.complete
    assert comments.outcome.items == len(threads_1["items"]) + len(threads_2["items"])
    assert all(KEY.encode() not in p for p in timeline.pages + comments.pages) and KEY not in json.dumps(timeline.request)
    rows = [i.row for p in timeline.pages for i in api_page("youtube", "timeline", "GoogleDevelopers", "GoogleDevelopers", None, p)]
    assert [r["post_id"] for r in rows] == [v["id"] for v in videos["items"]]


def test_a_window_without_uploads_is_complete_with_no_pages(httpserver, channel, videos):
    _serve(httpserver, channel, videos, threads=False)
    empty = Window(dt.datetime(2019, 11, 1, tzinfo=dt.timezone.utc), dt.datetime(2019, 11, 2, tzinfo=dt.timezone.utc))
    [timeline] = _connector(httpserver).fetches(["GoogleDevelopers"], empty)
    assert timeline.complete and timeline.outcome.status == "fetched" and timeline.pages == []


def test_rate_limit_retried_quota_spent_fails_comments_disabled_is_private(httpserver, channel, videos):
    slept = []
    httpserver.expect_oneshot_request("/youtube/v3/channels").respond_with_json(_error("rateLimitExceeded"), status=403)
    _serve(httpserver, channel, videos, threads=False)
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json(_error("commentsDisabled"), status=403)
    timeline, comments = _connector(httpserver, slept).fetches(["GoogleDevelopers"], WINDOW)
    assert timeline.outcome.status == "rate_limited_then_fetched" and len(slept) == 1
    assert comments.outcome.status == "private" and "disabled" in comments.outcome.error


def test_quota_spent_fails_the_scope_and_a_bad_key_stops_everything(httpserver):
    httpserver.expect_oneshot_request("/youtube/v3/channels").respond_with_json(_error("quotaExceeded"), status=403)
    httpserver.expect_request("/youtube/v3/channels").respond_with_json(_error("keyInvalid", 400), status=400)
    connector = _connector(httpserver)
    [spent] = connector.fetches(["GoogleDevelopers"], WINDOW)
    assert spent.outcome.status == "failed" and "quota" in spent.outcome.error and spent.outcome.attempts == 1
    with pytest.raises(AuthError, match="netra_youtube"):
        list(connector.fetches(["GoogleDevelopers"], WINDOW))
