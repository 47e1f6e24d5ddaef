"""The Facebook Pages and Instagram connectors against a fake Graph API on localhost replaying the
real response shapes of ../shared/fixtures/api/meta (Apache-2.0, sns-sdks/python-facebook): paging
by `paging.next`, comments under posts that have them, Graph error codes for rate limits, expired
tokens and missing objects, and access tokens kept out of what is landed."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from werkzeug import Response

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.meta import FacebookConnector, InstagramConnector
from netra.normalize.parse import api_page
from netra.window import Window
from tests.conftest import SHARED, needs_shared

META = SHARED / "fixtures" / "api" / "meta"
WINDOW = Window(dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc), dt.datetime(2021, 7, 6, tzinfo=dt.timezone.utc))
TOKEN = "tok-123"


def _load(path: str) -> dict:
    return json.loads((META / path).read_text())


def _relink(page: dict, base: str) -> dict:
    """Point a fixture's next link at the fake server, carrying the token as Graph API does."""
    page = json.loads(json.dumps(page))
    if page.get("paging", {}).get("next"):
        page["paging"]["next"] = page["paging"]["next"].replace("https://graph.facebook.com", base.rstrip("/")) \
            .replace("access_token=access_token", f"access_token={TOKEN}")
    return page


def _paged(first: dict, second: dict, marker: str):
    """A handler that serves `second` when the request carries the next link's marker parameter."""
    def handler(request):
        assert request.args["access_token"] == TOKEN
        return Response(json.dumps(second if marker in request.args else first), content_type="application/json")
    return handler


@pytest.fixture
def creds(httpserver):
    return Credentials("netra_facebook", httpserver.url_for("/"), TOKEN)


def _connector(cls, creds, slept=None):
    return cls(creds, sleep=(slept if slept is not None else []).append,
               now=lambda: dt.datetime(2021, 7, 6, 1, tzinfo=dt.timezone.utc))


@needs_shared
def test_facebook_posts_then_comments_of_the_posts_that_have_them(httpserver, creds):
    base = httpserver.url_for("/")
    posts_1 = _relink(_load("facebook/apidata/posts/feed_fields_p1.json"), base)
    posts_2 = _load("facebook/apidata/posts/feed_fields_p2.json")
    commented = posts_1["data"][0]
    commented["comments"] = {"data": [], "summary": {"total_count": 15}}
    comments_1 = _relink(_load("facebook/apidata/comments/comments_p1.json"), base)
    comments_2 = _load("facebook/apidata/comments/comments_p2.json")
    httpserver.expect_request("/v21.0/Kominfo/posts").respond_with_handler(_paged(posts_1, posts_2, "__paging_token"))
    httpserver.expect_request("/v10.0/4/posts").respond_with_handler(_paged(posts_1, posts_2, "__paging_token"))
    httpserver.expect_request(f"/v21.0/{commented['id']}/comments").respond_with_handler(_paged(comments_1, comments_2, "after"))
    httpserver.expect_request("/v11.0/19292868552_10158407654328553/comments").respond_with_handler(
        _paged(comments_1, comments_2, "after"))

    timeline, comments = _connector(FacebookConnector, creds).fetches(["Kominfo"], WINDOW)
    assert (timeline.scope_kind, comments.scope_kind, comments.scope_key) == ("timeline", "comments", commented["id"])
    assert timeline.outcome.items == len(posts_1["data"]) + len(posts_2["data"]) and timeline.complete
    assert comments.outcome.items == len(comments_1["data"]) + len(comments_2["data"]) and comments.complete
    assert all(TOKEN.encode() not in p for f in (timeline, comments) for p in f.pages)     # redacted before landing
    assert TOKEN not in json.dumps(timeline.request)
    rows = [i.row for p in comments.pages for i in api_page("facebook", "comments", commented["id"], "Kominfo", None, p)]
    assert {r["post_type"] for r in rows} == {"comment"} and {r["ref_post_id"] for r in rows} == {commented["id"]}


@needs_shared
def test_graph_rate_limit_is_waited_out(httpserver, creds):
    slept = []
    httpserver.expect_oneshot_request("/v21.0/Kominfo/posts").respond_with_json(
        {"error": {"message": "(#17) User request limit reached", "type": "OAuthException", "code": 17}}, status=400,
        headers={"X-Business-Use-Case-Usage": json.dumps({"1": [{"type": "pages", "estimated_time_to_regain_access": 2}]})})
    httpserver.expect_request("/v21.0/Kominfo/posts").respond_with_json(_load("facebook/apidata/posts/feed_fields_p2.json"))
    [timeline] = _connector(FacebookConnector, creds, slept).fetches(["Kominfo"], WINDOW)
    assert timeline.outcome.status == "rate_limited_then_fetched" and slept[0] >= 120


def test_expired_token_fails_at_once_and_missing_page_is_not_found(httpserver, creds):
    httpserver.expect_request("/v21.0/Gone/posts").respond_with_json({"error": {
        "message": "Unsupported get request. Object with ID 'Gone' does not exist", "type": "GraphMethodException",
        "code": 100, "error_subcode": 33}}, status=400)
    httpserver.expect_request("/v21.0/Kominfo/posts").respond_with_json({"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190,
        "error_subcode": 463}}, status=400)
    connector = _connector(FacebookConnector, creds)
    [gone] = connector.fetches(["Gone"], WINDOW)
    assert gone.outcome.status == "not_found" and not gone.complete
    with pytest.raises(AuthError, match="netra_facebook"):
        list(connector.fetches(["Kominfo"], WINDOW))


@needs_shared
def test_instagram_media_and_comments_by_account_id(httpserver):
    base = httpserver.url_for("/")
    creds = Credentials("netra_instagram", base, TOKEN)
    media_1 = _relink(_load("instagram/apidata/users/medias_p1.json"), base)
    media_2 = _load("instagram/apidata/users/medias_p2.json")
    comments_1 = _relink(_load("instagram/apidata/medias/comments_p1.json"), base)
    comments_2 = _load("instagram/apidata/medias/comments_p2.json")
    with_comments = [m["id"] for m in media_1["data"] + media_2["data"] if m.get("comments_count")]
    httpserver.expect_request("/v21.0/17841406338772941/media").respond_with_handler(_paged(media_1, media_2, "after"))
    httpserver.expect_request("/v6.0/17841406338772941/media").respond_with_handler(_paged(media_1, media_2, "after"))
    for media_id in with_comments:
        httpserver.expect_request(f"/v21.0/{media_id}/comments").respond_with_handler(_paged(comments_1, comments_2, "after"))
    httpserver.expect_request("/v11.0/17846368219941692/comments").respond_with_handler(_paged(comments_1, comments_2, "after"))

    fetches = list(_connector(InstagramConnector, creds).fetches(
        ["kominfo.kota", "no.id"], WINDOW, {"kominfo.kota": "17841406338772941"}))
    timeline, *comments, unaddressable = fetches
    assert timeline.outcome.items == len(media_1["data"]) + len(media_2["data"]) and timeline.complete
    assert [c.scope_key for c in comments] == with_comments
    assert all(c.outcome.items == len(comments_1["data"]) + len(comments_2["data"]) for c in comments)
    assert unaddressable.outcome.status == "failed" and "platform_user_id" in unaddressable.outcome.error


@needs_shared
def test_comments_of_a_post_deleted_since_its_timeline_listed_it(httpserver, creds):
    posts = _load("facebook/apidata/posts/feed_fields_p2.json")
    gone = posts["data"][0]
    gone["comments"] = {"data": [], "summary": {"total_count": 3}}
    httpserver.expect_request("/v21.0/Kominfo/posts").respond_with_json(posts)
    httpserver.expect_request(f"/v21.0/{gone['id']}/comments").respond_with_json({"error": {
        "message": f"Unsupported get request. Object with ID '{gone['id']}' does not exist",
        "type": "GraphMethodException", "code": 100, "error_subcode": 33}}, status=400)
    timeline, comments = _connector(FacebookConnector, creds).fetches(["Kominfo"], WINDOW)
    assert timeline.outcome.status == "fetched"
    assert (comments.scope_key, comments.outcome.status, comments.complete) == (gone["id"], "deleted", False)
