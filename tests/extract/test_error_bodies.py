"""An error sent with HTTP 200 is an error: each platform's error body is classified as the error
status it stands for (a refused credential stops, a rate limit is waited out, a missing object is
not_found, anything else fails the scope), never taken for a complete fetch of nothing. Fakes at
the network boundary (httpx.MockTransport) serve the real shapes of ../shared/fixtures/api:
YouTube (MIT, sns-sdks/python-youtube), Graph API (Apache-2.0, sns-sdks/python-facebook), X (MIT,
sns-sdks/python-twitter; error objects as X documents them) and TikTok (documentation examples via
JBGruber/traktok; error codes as TikTok documents them)."""
from __future__ import annotations

import datetime as dt
import json
import logging

import httpx
import pytest

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.meta import FacebookConnector
from netra.extract.connectors.tiktok import TikTokConnector
from netra.extract.connectors.x import XConnector
from netra.extract.connectors.youtube import YouTubeConnector
from netra.window import Window
from tests.conftest import SHARED, require_shared

require_shared()

API = SHARED / "fixtures" / "api"
WINDOW = Window(dt.datetime(2021, 10, 1, tzinfo=dt.timezone.utc), dt.datetime(2021, 10, 2, tzinfo=dt.timezone.utc))
SECRET = "secret-4e2b"


def _load(path: str) -> dict:
    return json.loads((API / path).read_text())


def _youtube_error(reason: str, code: int) -> dict:
    return {"error": {"code": code, "message": reason, "errors": [{"message": reason, "domain": "youtube.api",
                                                                   "reason": reason}]}}


def _graph_error(code: int, subcode: int | None = None) -> dict:
    return {"error": {"message": f"error {code}", "type": "OAuthException", "code": code, "error_subcode": subcode,
                      "fbtrace_id": "A1m6KK6iBqvjzPeQd4DYbKM"}}


def _x_error(kind: str) -> dict:
    return {"errors": [{"title": kind, "detail": f"{kind} detail", "type": f"https://api.x.com/2/problems/{kind}"}]}


def _tiktok_error(code: str) -> dict:
    return {"data": {}, "error": {"code": code, "message": f"{code} message", "log_id": "202207280326050102231031430C7E754E"}}


PLATFORMS = {
    # platform: (connector, the endpoint that answers with the error, the good answer it gives instead)
    "youtube": (lambda t: YouTubeConnector(Credentials("netra_youtube", "https://yt.test", SECRET), transport=t),
                "/youtube/v3/channels", lambda: {**_load("youtube/apidata/channels/info.json"), "items": [{
                    **_load("youtube/apidata/channels/info.json")["items"][0],
                    "contentDetails": {"relatedPlaylists": {"uploads": "UU1"}}}]}),
    "facebook": (lambda t: FacebookConnector(Credentials("netra_facebook", "https://graph.test", SECRET), transport=t),
                 "/v21.0/Kominfo/posts", lambda: _load("meta/facebook/apidata/posts/feed_fields_p2.json")),
    "x": (lambda t: XConnector(Credentials("netra_x", "https://x.test", SECRET), transport=t),
          "/2/users/2244994945/tweets", lambda: {k: v for k, v in _load(
              "x/python-twitter/apis/timeline/timeline_reverse_chronological.json").items() if k != "meta"}),
    "tiktok": (lambda t: TikTokConnector(Credentials("netra_tiktok", "https://tt.test", SECRET, login="key"), transport=t),
               "/v2/research/video/query/", lambda: {**_load("tiktok/example_resp_q_videos.json"), "data": {
                   **_load("tiktok/example_resp_q_videos.json")["data"], "has_more": False}}),
}
HANDLE = {"youtube": "GoogleDevelopers", "facebook": "Kominfo", "x": "TwitterDev", "tiktok": "kominfo.kota"}


def _run(platform: str, error: dict, times: int):
    """The platform's fetch of one account when its main endpoint answers 200 with `error` for
    the first `times` calls; returns the fetch (or the AuthError) and what was slept."""
    make, endpoint, good = PLATFORMS[platform]
    calls, slept = [], []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == endpoint:
            calls.append(request)
            return httpx.Response(200, json=error if len(calls) <= times else good())
        if request.url.path == "/v2/oauth/token/":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 7200, "token_type": "Bearer"})
        if request.url.path == "/youtube/v3/playlistItems":      # no uploads: a complete, empty timeline
            return httpx.Response(200, json={"kind": "youtube#playlistItemListResponse", "items": []})
        return httpx.Response(404, json={})
    connector = make(httpx.MockTransport(handler))
    connector.client.sleep = slept.append
    try:
        [fetch] = connector.fetches([HANDLE[platform]], WINDOW, {"TwitterDev": "2244994945"})
    except AuthError as exc:
        return exc, slept
    return fetch, slept


CASES = [
    ("youtube", _youtube_error("keyInvalid", 400), "auth"),
    ("youtube", _load("youtube/apidata/error_permission_resp.json"), "auth"),      # 403 PERMISSION_DENIED
    ("youtube", _youtube_error("rateLimitExceeded", 403), "rate_limited_then_fetched"),
    ("youtube", _youtube_error("channelNotFound", 404), "not_found"),
    ("youtube", _youtube_error("quotaExceeded", 403), "failed"),
    ("youtube", _youtube_error("badRequest", 400), "failed"),
    ("facebook", _graph_error(190, 463), "auth"),
    ("facebook", _graph_error(17), "rate_limited_then_fetched"),
    ("facebook", _graph_error(100, 33), "not_found"),
    ("facebook", _load("meta/error.json"), "failed"),
    ("x", _x_error("client-forbidden"), "auth"),
    ("x", _x_error("rate-limit-exceeded"), "rate_limited_then_fetched"),
    ("x", _x_error("resource-not-found"), "not_found"),
    ("x", _x_error("invalid-request"), "failed"),
    ("tiktok", _tiktok_error("access_token_invalid"), "auth"),
    ("tiktok", _tiktok_error("scope_not_authorized"), "auth"),
    ("tiktok", _tiktok_error("rate_limit_exceeded"), "rate_limited_then_fetched"),
    ("tiktok", _tiktok_error("internal_error"), "fetched after a retry"),
    ("tiktok", _tiktok_error("invalid_params"), "failed"),
]


@pytest.mark.parametrize("platform, error, expected", CASES,
                         ids=[f"{p}-{n}-{x}" for n, (p, _, x) in enumerate(CASES)])
def test_an_error_sent_with_200_is_classified_as_its_status(platform, error, expected):
    retried = expected in ("rate_limited_then_fetched", "fetched after a retry")
    got, slept = _run(platform, error, times=1 if retried else 10)
    if expected == "auth":
        assert isinstance(got, AuthError) and f"netra_{platform}" in str(got) and SECRET not in str(got)
        return
    assert not isinstance(got, AuthError), got
    if retried:                 # waited out, then the good answer: a fetch like any other
        assert got.outcome.status == expected.split()[0] and got.complete and len(slept) == 1
        return
    assert (got.outcome.status, got.complete) == (expected, False) and got.outcome.error
    assert SECRET not in got.outcome.error


def test_x_partial_errors_alongside_data_are_data():
    page = PLATFORMS["x"][2]()
    page["errors"] = _x_error("resource-not-found")["errors"]          # e.g. a referenced tweet since deleted
    got, _ = _run("x", page, times=10)
    assert got.complete and got.outcome.status == "fetched" and got.outcome.items == len(page["data"])


def test_an_error_body_that_echoes_the_key_reaches_no_outcome_and_no_log(caplog):
    """YouTube's key travels in the query; an error text that repeats it must not be recorded."""
    echo = _youtube_error("badRequest", 400)
    echo["error"]["message"] = f"API key not valid: key={SECRET}"
    with caplog.at_level(logging.DEBUG):
        got, _ = _run("youtube", echo, times=10)
    assert got.outcome.status == "failed" and "REDACTED" in got.outcome.error
    assert SECRET not in got.outcome.error and not any(SECRET in r.getMessage() for r in caplog.records)
