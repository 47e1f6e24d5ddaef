"""The X connector against a fake X API on localhost (pytest-httpserver) that replays the real
response shapes of ../shared/fixtures/api/x/python-twitter (MIT, sns-sdks/python-twitter): paging,
429 with Retry-After, a 500 then success, a truncated body, an expired token, an empty page, an
unknown and a protected account, and a field that disappears."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from werkzeug import Response

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.x import XConnector
from netra.normalize.parse import api_page
from netra.window import Window
from tests.conftest import SHARED, require_shared

require_shared()

X = SHARED / "fixtures" / "api" / "x" / "python-twitter" / "apis"
WINDOW = Window(dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc), dt.datetime(2024, 10, 2, tzinfo=dt.timezone.utc))
USER = json.loads((X / "user" / "user_resp.json").read_text())
PAGE_1 = json.loads((X / "timeline" / "timeline_tweets.json").read_text())          # has meta.next_token
PAGE_2 = json.loads((X / "timeline" / "timeline_reverse_chronological.json").read_text())
del PAGE_2["meta"]["next_token"]                                                     # the last page
TOKEN = PAGE_1["meta"]["next_token"]
TIMELINE = f"/2/users/{USER['data']['id']}/tweets"


@pytest.fixture
def slept():
    return []


@pytest.fixture
def connector(httpserver, slept):
    creds = Credentials("netra_x", httpserver.url_for("/"), "secret-token")
    c = XConnector(creds, sleep=slept.append, now=lambda: dt.datetime(2024, 10, 2, 1, tzinfo=dt.timezone.utc))
    yield c
    c.client.close()


def _serve_timeline(httpserver, page_1=PAGE_1, page_2=PAGE_2):
    def handler(request):
        assert request.headers["Authorization"] == "Bearer secret-token"
        assert request.args["start_time"] == "2024-10-01T00:00:00Z" and request.args["end_time"] == "2024-10-02T00:00:00Z"
        page = page_2 if request.args.get("pagination_token") == TOKEN else page_1
        return Response(json.dumps(page), content_type="application/json")
    httpserver.expect_request("/2/users/by/username/TwitterDev").respond_with_json(USER)
    httpserver.expect_request(TIMELINE).respond_with_handler(handler)


def test_pages_to_the_end_with_expansions(httpserver, connector):
    _serve_timeline(httpserver)
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.complete and fetch.outcome.status == "fetched"
    assert fetch.outcome.items == len(PAGE_1["data"]) + len(PAGE_2["data"]) and fetch.outcome.pages == 2
    assert fetch.account_platform_id == USER["data"]["id"]
    assert [json.loads(p) for p in fetch.pages] == [PAGE_1, PAGE_2]              # landed verbatim
    assert "secret-token" not in json.dumps(fetch.request) and fetch.request["params"]["expansions"]
    rows = [i.row for p in fetch.pages for i in api_page("x", "timeline", "TwitterDev", "TwitterDev", None, p)]
    assert [r["post_id"] for r in rows] == [t["id"] for t in PAGE_1["data"] + PAGE_2["data"]]


def test_rate_limit_waits_as_told_then_fetches(httpserver, connector, slept):
    httpserver.expect_oneshot_request(TIMELINE).respond_with_data("", status=429, headers={"Retry-After": "7"})
    _serve_timeline(httpserver)
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.outcome.status == "rate_limited_then_fetched" and fetch.complete
    assert fetch.outcome.rate_limited == 1 and slept and slept[0] >= 7
    assert fetch.outcome.items == len(PAGE_1["data"]) + len(PAGE_2["data"])


def test_server_error_then_success_and_a_truncated_body_retried(httpserver, connector, slept):
    httpserver.expect_oneshot_request(TIMELINE).respond_with_data("oops", status=500)
    httpserver.expect_oneshot_request(TIMELINE).respond_with_data(json.dumps(PAGE_1)[:150], content_type="application/json")
    _serve_timeline(httpserver)
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.outcome.status == "fetched" and fetch.outcome.attempts == 5     # user, 500, truncated, 2 pages
    assert len(slept) == 2 and all(0 <= s <= 60 for s in slept)                  # backoff with jitter


def test_a_body_that_stays_truncated_is_landed_for_quarantine_and_the_fetch_is_incomplete(httpserver, connector):
    httpserver.expect_request("/2/users/by/username/TwitterDev").respond_with_json(USER)
    httpserver.expect_request(TIMELINE).respond_with_data(json.dumps(PAGE_1)[:150], content_type="application/json")
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.outcome.status == "failed" and not fetch.complete and "truncated" in fetch.outcome.error
    assert fetch.outcome.attempts == 1 + 6
    [item] = list(api_page("x", "timeline", "TwitterDev", "TwitterDev", None, fetch.pages[-1]))
    assert item.problems[0]["check"] == "invalid_json"


def test_an_expired_token_fails_at_once_naming_the_connection(httpserver, connector, slept):
    httpserver.expect_request("/2/users/by/username/TwitterDev").respond_with_json(
        {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, status=401)
    with pytest.raises(AuthError, match="netra_x") as err:
        list(connector.fetches(["TwitterDev"], WINDOW))
    assert "secret-token" not in str(err.value) and not slept and connector.client.stats.attempts == 1


def test_an_empty_window_is_a_complete_fetch_of_nothing(httpserver, connector):
    _serve_timeline(httpserver, page_1={"meta": {"result_count": 0}})
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.complete and fetch.outcome.status == "fetched" and fetch.outcome.items == 0


def test_unknown_and_protected_accounts_get_their_outcome(httpserver, connector):
    httpserver.expect_request("/2/users/by/username/gone").respond_with_json({"errors": [{
        "value": "gone", "detail": "Could not find user with username: [gone].", "title": "Not Found Error",
        "resource_type": "user", "parameter": "username", "resource_id": "gone",
        "type": "https://api.twitter.com/2/problems/resource-not-found"}]})
    httpserver.expect_request("/2/users/by/username/locked").respond_with_json({"data": {"id": "77", "username": "locked"}})
    httpserver.expect_request("/2/users/77/tweets").respond_with_json({"errors": [{
        "detail": "Sorry, you are not authorized to see the user with id: [77].", "title": "Authorization Error",
        "resource_type": "user", "type": "https://api.twitter.com/2/problems/not-authorized-for-resource"}]})
    gone, locked = connector.fetches(["gone", "locked"], WINDOW)
    assert (gone.outcome.status, locked.outcome.status) == ("not_found", "private")
    assert not gone.complete and not locked.complete and gone.pages == [] and locked.pages == []


def test_a_field_that_disappears_is_quarantined_not_lost(httpserver, connector):
    page = json.loads(json.dumps(PAGE_1))
    del page["data"][1]["created_at"]
    _serve_timeline(httpserver, page_1=page)
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    items = [i for p in fetch.pages for i in api_page("x", "timeline", "TwitterDev", "TwitterDev", None, p)]
    assert fetch.complete and len(items) == fetch.outcome.items
    bad = [i for i in items if not i.ok]
    assert [i.row["post_id"] for i in bad] == [page["data"][1]["id"]]
    assert "created_at_missing" in {p["check"] for p in bad[0].problems}


def test_a_cursor_that_repeats_stops_the_fetch_instead_of_looping(httpserver, connector):
    _serve_timeline(httpserver, page_2=PAGE_1)                 # page 2 points back at itself
    [fetch] = list(connector.fetches(["TwitterDev"], WINDOW))
    assert fetch.outcome.status == "failed" and "same next-page cursor" in fetch.outcome.error
    assert not fetch.complete and fetch.outcome.pages == 2
