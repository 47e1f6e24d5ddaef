"""API extraction into a real warehouse: a fake X API (real response shapes from
../shared/fixtures/api/x/python-twitter, MIT) behind the pipeline's ingest task. Every requested
account gets an outcome row, raw keeps the pages, a broken item is quarantined with its reason,
and a rerun of the window duplicates nothing."""
from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from werkzeug import Response

from netra import ingest
from netra.extract.http import Credentials
from netra.extract.api import ApiSource
from netra.extract.fetch import Batch
from netra.extract.landing import LandingSource
from netra.window import Window
from tests.conftest import SHARED, require_shared

require_shared()

X = SHARED / "fixtures" / "api" / "x" / "python-twitter" / "apis"
WINDOW = Window(dt.datetime(2021, 2, 18, tzinfo=dt.timezone.utc), dt.datetime(2021, 2, 25, tzinfo=dt.timezone.utc))
USER = json.loads((X / "user" / "user_resp.json").read_text())


def _serve(httpserver):
    page_1 = json.loads((X / "timeline" / "timeline_tweets.json").read_text())
    page_2 = json.loads((X / "timeline" / "timeline_mentions.json").read_text())
    del page_2["meta"]["next_token"]
    del page_2["data"][0]["created_at"]                       # a field that disappears
    token = page_1["meta"]["next_token"]
    httpserver.expect_request("/2/users/by/username/TwitterDev").respond_with_json(USER)
    httpserver.expect_request(f"/2/users/{USER['data']['id']}/tweets").respond_with_handler(
        lambda request: Response(json.dumps(page_2 if request.args.get("pagination_token") == token else page_1),
                                 content_type="application/json"))
    httpserver.expect_request("/2/users/by/username/ghost").respond_with_json({"errors": [{
        "detail": "Could not find user with username: [ghost].", "title": "Not Found Error",
        "type": "https://api.twitter.com/2/problems/resource-not-found"}]})
    return len(page_1["data"]) + len(page_2["data"]), page_2["data"][0]["id"]


def _rows(engine, sql):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def test_api_batch_lands_outcomes_pages_and_quarantine_and_reruns_cleanly(engine, httpserver, tmp_path):
    total, broken = _serve(httpserver)
    source = ApiSource(LandingSource(tmp_path, "Asia/Makassar"),
                       credentials=lambda platform: Credentials(f"netra_{platform}", httpserver.url_for("/"), "tok"),
                       sleep=lambda s: None)
    batch = Batch("api", "x", 0, ("TwitterDev", "ghost"))
    first = ingest.ingest_batch(engine, source, batch, WINDOW, max_failure_rate=1.0)
    second = ingest.ingest_batch(engine, source, batch, WINDOW, max_failure_rate=1.0)

    outcomes = _rows(engine, "SELECT scope_key, status, items, pages, error IS NULL FROM ops.fetch_outcome ORDER BY 1")
    assert outcomes == [("TwitterDev", "fetched", total, 2, True), ("ghost", "not_found", 0, 0, False)]
    reasons = _rows(engine, "SELECT record->>'id', reasons::text FROM quarantine.record")
    assert first["rows_in"] == second["rows_in"] == total and first["quarantined"] == 1, reasons
    staged = _rows(engine, "SELECT post_id FROM stage.post")
    assert len(staged) == len(set(staged)) == total - 1                  # rerun: re-derived, not doubled
    assert _rows(engine, "SELECT reasons::text LIKE '%created_at%' FROM quarantine.record "
                         f"WHERE record->>'id' = '{broken}'") == [(True,)]
    # each run is an observation of its own in raw: two complete fetches of the timeline, four pages
    assert _rows(engine, "SELECT count(*), bool_and(complete) FROM raw.fetch WHERE scope_key = 'TwitterDev'") == [(2, True)]
    assert _rows(engine, "SELECT count(*) FROM raw.payload") == [(4,)]
    assert _rows(engine, "SELECT count(*) FROM raw.fetch WHERE request::text LIKE '%tok%'") == [(0,)]
    # the connectors re-read a day before the window (edits and deletions of recent posts show)
    assert _rows(engine, "SELECT DISTINCT since, until FROM raw.fetch") == [(WINDOW.start - dt.timedelta(days=1), WINDOW.end)]
