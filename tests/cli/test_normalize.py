"""`netra normalize` over every file of ../shared/fixtures/api (real API responses from the public
SDK test suites named in its SOURCES.md): counts and post types are checked against the fixtures
themselves, and whatever is not a post page is reported with a reason, never dropped silently."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from netra.cli.normalize import normalize_file
from tests.conftest import SHARED, require_shared

require_shared()

API = SHARED / "fixtures" / "api"
NETRA = str(Path(sys.executable).with_name("netra"))
PLATFORM = {"meta/facebook": "facebook", "meta/instagram": "instagram", "meta/instagram_basic": "instagram",
            "meta/base": "facebook", "meta/error.json": "facebook", "x": "x", "youtube": "youtube", "tiktok": "tiktok"}
FIXTURES = sorted(p for p in API.rglob("*.json*") if p.is_file())


def _platform(path: Path) -> str:
    rel = path.relative_to(API).as_posix()
    return next(v for k, v in sorted(PLATFORM.items(), key=lambda kv: -len(kv[0])) if rel.startswith(k))


def _pages(path: Path) -> list:
    """The fixture's pages as the fixture itself has them: one document, or one per line."""
    body = path.read_bytes()
    try:
        return [json.loads(body)]
    except ValueError:
        out = []
        for line in body.splitlines():
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError:
                    out.append(None)                # a broken line: one rejected page
        return out


def _items_of(platform: str, page) -> list | None:
    """Where each platform's documentation puts the list of posts; None when there is none."""
    if not isinstance(page, dict):
        return None
    if platform == "x":
        if "data" not in page:
            return None if page.get("errors") else []
        return [page["data"]] if isinstance(page["data"], dict) else page["data"]
    if platform == "tiktok":
        data = page.get("data") if isinstance(page.get("data"), dict) else {}
        found = data.get("videos", data.get("comments"))
        return found if isinstance(found, list) else None
    found = page.get("items" if platform == "youtube" else "data")
    return found if isinstance(found, list) else None


def _want_type(platform: str, item: dict, comments: bool) -> str:
    if comments or item.get("kind") in ("youtube#commentThread", "youtube#comment"):
        return "comment"
    if platform == "x":
        refs = {r["type"] for r in item.get("referenced_tweets") or []}
        return next((t for r, t in (("replied_to", "reply"), ("quoted", "quote"), ("retweeted", "share")) if r in refs),
                    "original")
    if platform == "tiktok" and "video_description" not in item and "text" in item:
        return "comment"
    return "share" if platform == "facebook" and item.get("parent_id") else "original"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.relative_to(API).as_posix())
def test_every_fixture_file_is_normalized_or_reported(path):
    platform = _platform(path)
    comments = "comment" in path.name and platform in ("facebook", "instagram")
    out, err = io.StringIO(), io.StringIO()
    counts = normalize_file(platform, path, out, err, comments_of="P1" if comments else None, account="acct")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    pages = _pages(path)
    lists = [_items_of(platform, p) for p in pages]
    # every item of every post list is either written or reported; any other page is one report
    assert counts["posts"] + counts["quarantined"] == sum(len(x) if x is not None else 1 for x in lists)
    assert counts["posts"] == len(rows)
    assert len(err.getvalue().splitlines()) == counts["quarantined"]
    assert all(": " in line for line in err.getvalue().splitlines())          # each report gives a reason
    items = {str(i.get("id") or i.get("video_id") or ""): i for x in lists if x for i in x if isinstance(i, dict)}
    for row in rows:
        assert set(row) >= {"platform", "post_id", "account_handle", "owner_type", "created_at", "post_type",
                            "referenced_account", "text"}
        assert row["platform"] == platform and row["created_at"]
        original = items.get(row["post_id"]) or next(
            (i for i in items.values() if row["post_id"] in (i.get("edit_history_tweet_ids") or [])), None)
        assert original is not None, row["post_id"]
        assert row["post_type"] == _want_type(platform, original, comments)


def test_x_shares_quotes_and_replies_name_the_referenced_author():
    out = io.StringIO()
    normalize_file("x", API / "x" / "twarc" / "streaming_output_with_error.jsonl", out, io.StringIO())
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    referencing = [r for r in rows if r["post_type"] != "original"]
    assert {"quote", "reply"} <= {r["post_type"] for r in referencing}
    assert all(r["referenced_account"] and r["ref_post_id"] for r in referencing)


def test_the_command_line_contract(tmp_path):
    """The CLI as analysts call it, with owner_type from a registry's account.csv."""
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "account.csv").write_text(
        "platform,handle,platform_user_id,owner_type,opd_code,employee_code,official,declared_on\n"
        "x,LachiVeronica,1379899464345923590,employee,,E1,false,2024-09-01\n")
    out = tmp_path / "posts.jsonl"
    proc = subprocess.run([NETRA, "normalize", "--platform", "x", "--in", str(API / "x" / "twarc" / "two_tweets.jsonl"),
                           "--out", str(out), "--registry", str(registry)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert json.loads(proc.stderr.strip().splitlines()[-1]) == {"posts": len(rows), "quarantined": 0}
    assert [r["owner_type"] for r in rows] == ["asn"] and rows[0]["account_handle"] == "LachiVeronica"
    unregistered = io.StringIO()                   # without the registry the owner is unknown
    normalize_file("x", API / "x" / "twarc" / "two_tweets.jsonl", unregistered, io.StringIO())
    assert [json.loads(line)["owner_type"] for line in unregistered.getvalue().splitlines()] == [None]
