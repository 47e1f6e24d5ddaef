"""The sample-backed fake APIs (`make demo SOURCE=api`) against the landing files they are built
from: through the real connectors, HTTP and paging, a window collects the same posts as the
landing source, and every requested account gets an outcome."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from netra import ingest, plan
from netra.extract.http import Credentials
from netra.extract.api import ApiSource
from netra.dev.sample.fakeapi import SampleApi, serve
from netra.extract.landing import LandingSource
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import day_window, load

TOKEN = "demo-token"


def _posts(engine, comments: bool) -> set:
    op = "=" if comments else "<>"
    with engine.connect() as conn:
        return set(conn.execute(sa.text(f"SELECT platform, post_id FROM stage.post WHERE source = 'api' AND post_type {op} 'comment'")).all())


def test_a_window_through_the_fake_apis_collects_what_the_landing_files_hold(short_sample, new_db):
    from netra import warehouse

    sample_dir, _ = short_sample
    landing = LandingSource(sample_dir / "landing", "Asia/Makassar")
    server = serve(SampleApi(sample_dir / "landing", "Asia/Makassar", TOKEN))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    api = ApiSource(landing, credentials=lambda p: Credentials(f"netra_{p}", base, TOKEN, login="demo"),
                    sleep=lambda s: None)
    window = day_window(dt.date(2024, 11, 21))             # a campaign day of the short election
    results = {}
    try:
        for name, source in (("landing", landing), ("api", api)):
            engine = warehouse.engine(new_db())
            load(engine, sample_dir, SHORT_ELECTION)
            batches = [b for b in plan.plan_batches(engine, window) if b.source == "api"]
            for b in batches:
                ingest.ingest_batch(engine, source, b, window)
            with engine.connect() as conn:
                outcomes = conn.execute(sa.text("SELECT platform, scope_key, status FROM ops.fetch_outcome "
                                                "WHERE scope_kind = 'timeline'")).all()
            results[name] = (_posts(engine, False), _posts(engine, True), outcomes, batches)
    finally:
        server.shutdown()
    (land_posts, land_comments, _, batches), (api_posts, api_comments, outcomes, _) = results["landing"], results["api"]
    assert api_posts == land_posts and len(api_posts) > 50
    assert api_comments >= land_comments                  # a live API also shows comments made later
    requested = {(b.platform, h) for b in batches for h in b.accounts}
    assert {(p, h) for p, h, _ in outcomes} == requested
    # Instagram accounts without a declared id cannot be addressed; everything else is fetched
    assert {s for p, _, s in outcomes if p != "instagram"} == {"fetched"}
