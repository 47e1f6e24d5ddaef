"""X items whose page has no `includes` still name whom they share or quote, from the item itself,
and agree with what the expansions say when they are there (the referenced account is part of a
version's content hash). Real pages of ../shared/fixtures/api/x: python-twitter (MIT,
sns-sdks/python-twitter; its search page comes without includes) and twarc (MIT, DocNow/twarc-csv)."""
from __future__ import annotations

import json
import re

from netra.normalize.parse import api_page
from tests.conftest import SHARED, require_shared

require_shared()

X = SHARED / "fixtures" / "api" / "x"


def _rows(page: dict) -> list:
    return list(api_page("x", "timeline", "s", None, None, json.dumps(page).encode()))


def _without_includes(page: dict) -> dict:
    return {k: v for k, v in page.items() if k != "includes"}


def test_a_retweet_without_includes_names_the_handle_after_rt():
    page = json.loads((X / "python-twitter" / "apis" / "searches" / "search_tweets_for_nyc.json").read_text())
    assert "includes" not in page                                     # as recorded
    retweets = {t["id"]: re.match(r"RT @(\w+):", t["text"]).group(1) for t in page["data"]
                if [r["type"] for r in t.get("referenced_tweets") or []] == ["retweeted"]}
    rows = {i.row["post_id"]: i.row for i in _rows(page)}
    assert len(retweets) >= 5
    assert {k: (rows[k]["post_type"], rows[k]["ref_account"]) for k in retweets} == {
        k: ("share", handle) for k, handle in retweets.items()}


def test_a_retweet_has_the_same_content_hash_with_or_without_includes():
    page = json.loads((X / "twarc" / "two_tweets.jsonl").read_text().splitlines()[0])
    [full] = _rows(page)
    [bare] = _rows(_without_includes(page))
    assert full.row["post_type"] == "share" and full.row["ref_account"]
    assert bare.row["ref_account"] == full.row["ref_account"] and bare.row["content_hash"] == full.row["content_hash"]


def _quote_page() -> dict:
    for line in (X / "twarc" / "streaming_output_with_error.jsonl").read_text().splitlines():
        try:
            page = json.loads(line)
        except ValueError:
            continue
        refs = (page.get("data") or {}).get("referenced_tweets") or []
        if [r["type"] for r in refs] == ["quoted"]:
            return page
    raise AssertionError("the stream fixture holds a quote")


def test_a_quote_without_includes_names_the_author_in_the_quoted_tweets_link():
    page = _quote_page()
    [full] = _rows(page)
    assert full.row["post_type"] == "quote" and full.row["ref_account"]
    for host in ("twitter.com", "x.com"):            # X links to x.com now; recorded pages say twitter.com
        bare = json.loads(json.dumps(_without_includes(page)).replace("https://twitter.com/", f"https://{host}/"))
        [item] = _rows(bare)
        assert (item.row["ref_post_id"], item.row["ref_account"]) == (full.row["ref_post_id"], full.row["ref_account"])


def test_a_quote_whose_link_is_not_there_stays_without_a_referenced_account():
    """Only the link to the quoted tweet itself names its author; a photo link in the same text
    names the quoting author, and mentions name whoever the quote addresses."""
    page = _without_includes(_quote_page())
    page["data"]["entities"]["urls"] = [u for u in page["data"]["entities"]["urls"]
                                        if page["data"]["referenced_tweets"][0]["id"] not in u["expanded_url"]]
    page["data"]["entities"]["mentions"] = [{"start": 0, "end": 5, "username": "other"}]
    [item] = _rows(page)
    assert item.row["post_type"] == "quote" and item.row["ref_account"] is None


def test_two_versions_of_one_tweet_in_a_page_are_both_kept_in_page_order():
    """An edited tweet's versions share their first id: both are items, numbered by position, with
    their own content hash; which one is current is the upsert's choice, not the normalizer's."""
    page = json.loads((X / "twarc" / "edited.jsonl").read_text().splitlines()[0])
    versions = page["includes"]["tweets"]
    assert len({tuple(t["edit_history_tweet_ids"]) for t in versions}) == 1 and len({t["text"] for t in versions}) == 2
    items = _rows({**page, "data": versions})
    assert [i.item_no for i in items] == [0, 1] and all(i.ok for i in items)
    assert len({i.row["post_id"] for i in items}) == 1 and [i.row["text"] for i in items] == [t["text"] for t in versions]
    assert len({i.row["content_hash"] for i in items}) == 2
