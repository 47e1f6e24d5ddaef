"""What keeps a connector from running forever or losing work, against a fake X API at the network
boundary (httpx.MockTransport) answering with timeline pages in the shape of X API v2 (fictional
tweets written here, so these tests run in any clone): page and time caps per scope, rate-limit
waits reckoned on the server's clock, and the pages fetched before a refused token."""
from __future__ import annotations

import datetime as dt
import email.utils
import json

import httpx
import pytest

from netra.extract.http import AuthError, Credentials
from netra.extract.connectors.x import XConnector
from netra.window import Window

WINDOW = Window(dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc), dt.datetime(2024, 10, 2, tzinfo=dt.timezone.utc))


def _page(first: int, next_token: str | None) -> dict:
    """A user-timeline page as X API v2 sends it with the author expansion."""
    tweets = [{"id": str(1841000000000000000 + n), "edit_history_tweet_ids": [str(1841000000000000000 + n)],
               "text": f"Pelayanan publik hari ini, kabar nomor {n}", "author_id": "900100",
               "created_at": f"2024-10-01T0{n % 10}:15:00.000Z",
               "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": n, "quote_count": 0}}
              for n in range(first, first + 3)]
    meta = {"result_count": 3, "newest_id": tweets[0]["id"], "oldest_id": tweets[-1]["id"]}
    return {"data": tweets, "includes": {"users": [{"id": "900100", "name": "Dinas Contoh", "username": "dinas_contoh"}]},
            "meta": meta | ({"next_token": next_token} if next_token else {})}


PAGE_1 = _page(1, "7140dibdnow9c7btw3z3aa7pnuc6bhnqhpggxfrhezkd4")
PAGE_2 = _page(4, None)
SECRET = "secret-token-9d1f"
SERVER_NOW = 1_730_000_000                     # the fake platform's clock (epoch seconds)


def _connector(handler, **options) -> XConnector:
    return XConnector(Credentials("netra_x", "https://api.x.test", SECRET), transport=httpx.MockTransport(handler),
                      now=lambda: dt.datetime(2024, 10, 2, 1, tzinfo=dt.timezone.utc), **options)


def _endless(clock: list[float] | None = None, seconds_per_page: float = 0.0):
    """A timeline that never ends: the same tweets, each page with a cursor not seen before. Past
    50 pages the test fails instead of hanging."""
    served = []

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(request)
        assert len(served) <= 50, "the connector kept paging past its caps"
        if clock is not None:
            clock[0] += seconds_per_page
        return httpx.Response(200, json={**PAGE_1, "meta": {**PAGE_1["meta"], "next_token": f"t{len(served)}"}})
    return handler, served


def test_a_server_that_pages_forever_stops_at_the_page_cap_keeping_its_pages():
    handler, served = _endless()
    [fetch] = _connector(handler, max_pages=7).fetches(["dinas_contoh"], WINDOW, {"dinas_contoh": "900100"})
    assert (fetch.outcome.status, fetch.complete, fetch.outcome.pages, len(served)) == ("failed", False, 7, 7)
    assert [json.loads(p) for p in fetch.pages][0]["data"] == PAGE_1["data"]
    assert "page cap" in fetch.outcome.error and "7" in fetch.outcome.error and SECRET not in fetch.outcome.error


def test_a_server_that_pages_forever_stops_at_the_time_cap():
    clock = [1_000.0]                                   # every page takes 400 s of the injected clock
    handler, served = _endless(clock, 400.0)
    [fetch] = _connector(handler, clock=lambda: clock[0], max_seconds=900).fetches(
        ["dinas_contoh"], WINDOW, {"dinas_contoh": "900100"})
    assert (fetch.outcome.status, fetch.complete, fetch.outcome.pages) == ("failed", False, 3)   # at 0, 400, 800 s
    assert "time cap" in fetch.outcome.error and "900" in fetch.outcome.error


def test_defaults_are_500_pages_and_900_seconds():
    c = _connector(lambda r: httpx.Response(200, json={}))
    assert (c.client.max_pages, c.client.max_seconds) == (500, 900.0)


def _limited_once(reset_in: int, dated: bool = True):
    """X's answer when no requests remain (reset in `reset_in` s of the server's clock, with its
    Date header unless not `dated`), then the second page."""
    answers = []

    def handler(request: httpx.Request) -> httpx.Response:
        answers.append(request)
        if len(answers) == 1:
            date = {"date": email.utils.formatdate(SERVER_NOW, usegmt=True)} if dated else {}
            return httpx.Response(429, headers={**date, "x-rate-limit-remaining": "0",
                                                "x-rate-limit-reset": str(SERVER_NOW + reset_in)},
                                  json={"title": "Too Many Requests", "detail": "Too Many Requests",
                                        "type": "about:blank", "status": 429})
        return httpx.Response(200, json=PAGE_2)
    return handler


@pytest.mark.parametrize("skew", [900, -900], ids=["local clock 900 s ahead", "local clock 900 s behind"])
def test_rate_limit_reset_is_reckoned_on_the_server_date_not_our_clock(skew):
    slept = []
    connector = _connector(_limited_once(120), sleep=slept.append, clock=lambda: SERVER_NOW + skew)
    [fetch] = connector.fetches(["dinas_contoh"], WINDOW, {"dinas_contoh": "900100"})
    assert fetch.outcome.status == "rate_limited_then_fetched" and slept == [120]


@pytest.mark.parametrize("skew, wait", [(-60, 180), (900, 0)], ids=["behind", "ahead"])
def test_without_a_date_header_the_reset_is_reckoned_on_our_clock_within_bounds(skew, wait):
    slept = []
    connector = _connector(_limited_once(120, dated=False), sleep=slept.append, clock=lambda: SERVER_NOW + skew)
    connector.client.request("GET", "/2/users/1/tweets")
    assert len(slept) == 1 and (slept[0] == wait if wait else 0 <= slept[0] <= 1)      # 0 s asked: backoff only


def test_a_reset_further_than_max_wait_is_clamped():
    slept = []
    _connector(_limited_once(5_000), sleep=slept.append, max_wait=300).client.request("GET", "/2/users/1/tweets")
    assert slept == [300]


def test_a_token_refused_midway_yields_what_was_fetched_then_raises():
    """The second account's token expires on its page 2: the first account's fetch and the
    second's first page are yielded before the AuthError, so the ingest side can land them."""
    def handler(request: httpx.Request) -> httpx.Response:
        user = request.url.path.split("/")[3]
        if not request.url.params.get("pagination_token"):
            return httpx.Response(200, json=PAGE_1)
        if user == "2":
            return httpx.Response(401, json={"title": "Unauthorized", "type": "about:blank", "status": 401,
                                             "detail": "Unauthorized"})
        return httpx.Response(200, json=PAGE_2)
    got, refused = [], None
    try:
        for fetch in _connector(handler).fetches(["first", "second"], WINDOW, {"first": "1", "second": "2"}):
            got.append(fetch)
    except AuthError as exc:
        refused = exc
    assert refused is not None and "netra_x" in str(refused) and SECRET not in str(refused)
    first, second = got
    assert first.scope_key == "first" and first.complete and first.outcome.pages == 2
    assert (second.scope_key, second.outcome.status, second.complete) == ("second", "failed", False)
    assert [json.loads(p) for p in second.pages] == [PAGE_1] and second.outcome.error == str(refused)
    assert second.account_platform_id == "2"


def test_ingest_lands_what_was_fetched_before_a_refused_token_then_stops(engine, tmp_path):
    import sqlalchemy as sa

    from netra import ingest
    from netra.extract.api import ApiSource
    from netra.extract.fetch import Batch
    from netra.extract.landing import LandingSource

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("pagination_token") and request.url.path.split("/")[3] == "2":
            return httpx.Response(401, json={"title": "Unauthorized", "status": 401, "detail": "Unauthorized"})
        return httpx.Response(200, json=PAGE_1 if not request.url.params.get("pagination_token") else PAGE_2)
    source = ApiSource(LandingSource(tmp_path, "Asia/Makassar"),
                       credentials=lambda platform: Credentials("netra_x", "https://api.x.test", SECRET),
                       transport=httpx.MockTransport(handler))
    batch = Batch("api", "x", 0, ("first", "second"), ("1", "2"))
    with pytest.raises(AuthError, match="netra_x"):
        ingest.ingest_batch(engine, source, batch, WINDOW)
    with engine.connect() as conn:
        outcomes = conn.execute(sa.text("SELECT scope_key, status, pages FROM ops.fetch_outcome ORDER BY 1")).all()
        pages = conn.execute(sa.text("SELECT f.scope_key, count(*) FROM raw.payload JOIN raw.fetch f USING (fetch_id) "
                                     "GROUP BY 1 ORDER BY 1")).all()
    assert outcomes == [("first", "fetched", 2), ("second", "failed", 1)]
    assert pages == [("first", 2), ("second", 1)]
