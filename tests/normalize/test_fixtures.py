"""Contract tests: the normalizers read real API responses (../shared/fixtures/api, from the
public SDK test suites named in its SOURCES.md) and agree with the fixtures themselves."""
from __future__ import annotations

import json

import pytest

from netra.normalize.parse import api_page
from tests.conftest import SHARED, require_shared

require_shared()

API = SHARED / "fixtures" / "api"


def _items(platform, path, scope_kind="timeline", scope_key="scope", account=None, account_id=None):
    return list(api_page(platform, scope_kind, scope_key, account, account_id, (API / path).read_bytes()))


@pytest.mark.parametrize("path", ["meta/facebook/apidata/posts/feed_fields_p1.json",
                                  "meta/facebook/apidata/posts/feeds_default_fields_p1.json"])
def test_facebook_page_posts(path):
    raw = json.loads((API / path).read_text())["data"]
    items = _items("facebook", path, account="zuck", account_id="4")
    assert [i.row["post_id"] for i in items] == [p["id"] for p in raw]
    assert all(i.row["post_type"] == "original" for i in items)
    assert [i.row["text"] for i in items] == [p.get("message", "") for p in raw]
    assert all(i.row["created_at"].tzinfo is not None for i in items)


def test_facebook_comments_point_at_their_post():
    path = "meta/facebook/apidata/comments/comments_p1.json"
    raw = json.loads((API / path).read_text())["data"]
    items = _items("facebook", path, "comments", "19292868552_10158407654328553", "facebook", "19292868552")
    assert len(items) == len(raw)
    assert {i.row["post_type"] for i in items} == {"comment"}
    assert {i.row["ref_post_id"] for i in items} == {"19292868552_10158407654328553"}
    # These comments come without `id` or `from`: every one must say so, none may pass silently.
    assert all({"id_missing", "author_missing"} <= {p["check"] for p in i.problems} for i in items)


def test_instagram_media():
    path = "meta/instagram/apidata/users/medias_p1.json"
    raw = json.loads((API / path).read_text())["data"]
    items = _items("instagram", path, account="someone", account_id="17841406338772941")
    assert [i.row["post_id"] for i in items] == [m["id"] for m in raw]
    assert [i.row["permalink"] for i in items] == [m.get("permalink") for m in raw]
    assert all(i.ok for i in items)


def test_x_timeline():
    path = "x/python-twitter/apis/timeline/timeline_tweets.json"
    raw = json.loads((API / path).read_text())["data"]
    items = _items("x", path, account="TwitterDev", account_id="2244994945")
    assert [i.row["post_id"] for i in items] == [t["id"] for t in raw]
    assert [i.row["metrics"]["like_count"] for i in items] == [t["public_metrics"]["like_count"] for t in raw]


def test_x_retweet_resolves_the_original_author_from_expansions():
    line = (API / "x/twarc/two_tweets.jsonl").read_bytes().splitlines()[0]
    page = json.loads(line)
    [item] = list(api_page("x", "timeline", "s", None, None, line))
    original = page["includes"]["tweets"][0]
    author = next(u for u in page["includes"]["users"] if u["id"] == original["author_id"])
    assert item.row["post_type"] == "share"
    assert item.row["ref_post_id"] == original["id"]
    assert item.row["ref_account"] == author["username"]
    assert item.row["account_handle"] == next(u["username"] for u in page["includes"]["users"]
                                              if u["id"] == page["data"][0]["author_id"])


def test_x_quote_and_reply_from_stream():
    kinds = []
    for line in (API / "x/twarc/streaming_output_with_error.jsonl").read_bytes().splitlines():
        [item] = list(api_page("x", "timeline", "s", None, None, line)) or [None]
        try:
            page = json.loads(line)
        except ValueError:          # the recorded stream holds a broken line: it must be rejected
            assert item.item_no == -1 and item.problems[0]["check"] == "invalid_json"
            continue
        if "data" not in page:
            continue
        refs = page["data"].get("referenced_tweets") or []
        want = {"quoted": "quote", "replied_to": "reply", "retweeted": "share"}.get(
            next((r["type"] for r in refs if r["type"] == "replied_to"), refs[0]["type"]) if refs else None, "original")
        kinds.append((item.row["post_type"], want))
    assert kinds and all(got == want for got, want in kinds)
    assert {"quote", "reply"} <= {got for got, _ in kinds}


def test_x_edit_keeps_the_original_identity():
    line = (API / "x/twarc/edited.jsonl").read_bytes().splitlines()[0]
    [tweet] = json.loads(line)["data"]
    [item] = list(api_page("x", "timeline", "s", None, None, line))
    assert tweet["id"] != tweet["edit_history_tweet_ids"][0]
    assert item.row["post_id"] == tweet["edit_history_tweet_ids"][0]


@pytest.mark.parametrize("path", ["youtube/apidata/videos/videos_info_multi.json",
                                  "youtube/apidata/videos/videos_chart_paged_1.json"])
def test_youtube_videos(path):
    vids = json.loads((API / path).read_text())["items"]
    items = _items("youtube", path)
    assert [i.row["post_id"] for i in items] == [v["id"] for v in vids]
    assert [i.row["metrics"].get("views") for i in items] == [
        int(v["statistics"]["viewCount"]) if "statistics" in v else None for v in vids]
    assert [i.row["created_at"].isoformat()[:19] for i in items] == [v["snippet"]["publishedAt"][:19] for v in vids]


def test_youtube_comment_threads():
    path = "youtube/apidata/comment_threads/comment_threads_by_video_paged_1.json"
    threads = json.loads((API / path).read_text())["items"]
    items = _items("youtube", path, "comments", threads[0]["snippet"]["videoId"], "GoogleDevelopers")
    assert [i.row["text"] for i in items] == [t["snippet"]["topLevelComment"]["snippet"]["textOriginal"] for t in threads]
    assert {i.row["post_type"] for i in items} == {"comment"}
    assert all(i.ok for i in items)


def test_tiktok_research_videos():
    path = "tiktok/example_resp_q_videos.json"
    raw = json.loads((API / path).read_text())["data"]["videos"]
    items = _items("tiktok", path, account="someone")
    assert [i.row["post_id"] for i in items] == [str(v["video_id"]) for v in raw]
    assert [i.row["text"] for i in items] == [v["video_description"] for v in raw]


@pytest.mark.parametrize("platform, path", [("facebook", "meta/error.json"),
                                            ("youtube", "youtube/apidata/error_permission_resp.json")])
def test_error_bodies_are_one_rejected_page(platform, path):
    [item] = _items(platform, path)
    assert item.item_no == -1 and item.row is None
    assert item.problems[0]["check"] in {"page_shape", "api_error"}


def test_truncated_body():
    body = (API / "meta/facebook/apidata/posts/feed_fields_p1.json").read_bytes()[:200]
    [item] = list(api_page("facebook", "timeline", "s", None, None, body))
    assert item.problems[0]["check"] == "invalid_json" and item.record_raw == body
