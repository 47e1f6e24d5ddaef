"""The TikTok connector against a fake Research API on localhost replaying
../shared/fixtures/api/tiktok (TikTok's documentation examples, via JBGruber/traktok): the client
credentials grant, paging by cursor, has_more and search_id, an expired token renewed once, a
refused renewal, and a rate limit."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from werkzeug import Response

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.tiktok import TikTokConnector
from netra.window import Window
from tests.conftest import SHARED, require_shared

require_shared()

TT = SHARED / "fixtures" / "api" / "tiktok"
WINDOW = Window(dt.datetime(2021, 10, 9, 16, tzinfo=dt.timezone.utc), dt.datetime(2021, 10, 10, 16, tzinfo=dt.timezone.utc))
PAGE_1 = json.loads((TT / "example_resp_q_videos.json").read_text())                 # has_more, cursor 100
PAGE_2 = json.loads(json.dumps(PAGE_1))
PAGE_2["data"].update(has_more=False, cursor=200)


def _token(value):
    return {"access_token": value, "expires_in": 7200, "token_type": "Bearer"}


def _connector(httpserver, slept=None):
    return TikTokConnector(Credentials("netra_tiktok", httpserver.url_for("/"), "client-secret", login="client-key"),
                           sleep=(slept if slept is not None else []).append,
                           now=lambda: dt.datetime(2021, 10, 11, tzinfo=dt.timezone.utc))


def test_query_pages_with_cursor_and_search_id(httpserver):
    bodies = []

    def videos(request):
        assert request.headers["Authorization"] == "Bearer t1"
        body = json.loads(request.data)
        bodies.append(body)
        return Response(json.dumps(PAGE_2 if body.get("cursor") == 100 else PAGE_1), content_type="application/json")
    httpserver.expect_request("/v2/oauth/token/", method="POST").respond_with_json(_token("t1"))
    httpserver.expect_request("/v2/research/video/query/", method="POST").respond_with_handler(videos)
    [fetch] = _connector(httpserver).fetches(["kominfo.kota"], WINDOW)
    assert fetch.complete and fetch.outcome.items == 2 * len(PAGE_1["data"]["videos"]) and fetch.outcome.pages == 2
    assert bodies[0]["query"]["and"][0] == {"operation": "EQ", "field_name": "username", "field_values": ["kominfo.kota"]}
    assert (bodies[0]["start_date"], bodies[0]["end_date"]) == ("20211009", "20211010")
    assert bodies[1]["search_id"] == PAGE_1["data"]["search_id"] and bodies[1]["cursor"] == 100
    assert "client-secret" not in json.dumps(fetch.request) and fetch.request["body"]["max_count"] == 100


def test_an_expired_token_is_renewed_once_and_a_rate_limit_waited_out(httpserver):
    slept = []
    httpserver.expect_ordered_request("/v2/oauth/token/", method="POST").respond_with_json(_token("old"))
    httpserver.expect_ordered_request("/v2/research/video/query/", method="POST").respond_with_json(
        {"error": {"code": "access_token_invalid", "message": "The access token is invalid or not found"}}, status=401)
    httpserver.expect_ordered_request("/v2/oauth/token/", method="POST").respond_with_json(_token("new"))
    httpserver.expect_ordered_request("/v2/research/video/query/", method="POST").respond_with_json(
        {"error": {"code": "rate_limit_exceeded", "message": "slow down"}}, status=429)
    httpserver.expect_ordered_request("/v2/research/video/query/", method="POST").respond_with_json(PAGE_2)
    [fetch] = _connector(httpserver, slept).fetches(["kominfo.kota"], WINDOW)
    assert fetch.outcome.status == "rate_limited_then_fetched" and len(slept) == 1


def test_refused_client_credentials_stop_everything(httpserver):
    httpserver.expect_request("/v2/oauth/token/", method="POST").respond_with_json(
        {"error": "invalid_client", "error_description": "Client key or secret is incorrect."}, status=401)
    with pytest.raises(AuthError, match="netra_tiktok") as err:
        list(_connector(httpserver).fetches(["kominfo.kota"], WINDOW))
    assert "client-secret" not in str(err.value)
