"""Faults the sample lands on purpose, each of which the pipeline must quarantine or refuse with its
reason instead of stopping: corrupt API pages, broken capture lines, a tip that names no post."""
from __future__ import annotations

import datetime as dt
import json

from netra.dev.sample import shapes
from netra.dev.sample.campaign import UTC, Campaign, Post


def corrupt_pages(campaign: Campaign, platform: str, lines: list[str]) -> list[str]:
    """Now and then an item without a readable time or with a list for its id, more rarely a page
    cut off halfway; each is recorded in campaign.malformed."""
    r = campaign.rng
    if r.random() < 0.004 and lines:
        body = json.loads(lines[0])
        items = body.get("data") if isinstance(body.get("data"), list) else body.get("items") or \
            (body.get("data") or {}).get("videos") or []
        if items:
            victim = r.choice(items)
            kind = r.choice(["missing_time", "bad_id", "bad_time"])
            for key in ("created_time", "timestamp", "created_at", "create_time"):
                if key in victim:
                    if kind == "missing_time":
                        del victim[key]
                    elif kind == "bad_time":
                        victim[key] = "kemarin sore"
                    break
            if kind == "bad_id":
                victim["id"] = [victim.get("id")]
            campaign.malformed.append((platform, kind))
            lines[0] = json.dumps(body, ensure_ascii=False)
    if r.random() < 0.0008 and len(lines) > 1:
        lines[-1] = lines[-1][: len(lines[-1]) // 2]            # truncated response body
        campaign.malformed.append((platform, "truncated_page"))
    return lines


def bad_captures(campaign: Campaign, day: dt.date, monitor: str) -> list[bytes]:
    """A few deliberately broken capture lines per week: each must end in quarantine with a reason."""
    r = campaign.rng
    if day.toordinal() % 7:
        return []
    acc = r.choice(campaign.personal)
    when = dt.datetime.combine(day, dt.time(12), campaign.tz).astimezone(UTC)
    base = Post(acc.platform, campaign.new_id(acc.platform, acc), acc, when, "original", "", "capture")
    base.metrics = campaign.metrics(10)

    def good(text: str, kind: str) -> dict:
        post = Post(**{**base.__dict__, "text": text, "post_id": campaign.new_id(acc.platform, acc),
                       "category": kind, "landed": True})
        campaign.posts.append(post)    # in the truth file too, so every landed item is accounted for
        return shapes.capture(post, monitor, when)

    bad = []
    bad.append(json.dumps(good("ada byte \u0000 NUL di sini", "malformed:nul")).encode())
    bad.append(json.dumps(good("caption raksasa " + "x" * 1_000_000, "malformed:huge_caption")).encode())
    unknown = good("posting di platform lain", "malformed:unknown_platform")
    unknown["platform"] = "friendster"
    bad.append(json.dumps(unknown).encode())
    bad.append(b'{"captured_at": "' + day.isoformat().encode() + b'T10:00:00+08:00", "platform": "instagram", '
               b'"item": {"id": "1790000", "caption": "teks rusak \xff\xfe tidak UTF-8"}}')
    bad.append(b'{"captured_at": "2024-10-01T10:00:00+08:00", "platform": "x", "item": {"id": ')
    missing = good("tanpa waktu posting", "malformed:missing_time")
    missing["item"].pop(next(k for k in ("created_time", "timestamp", "created_at", "create_time", "snippet")
                             if k in missing["item"]), None)
    bad.append(json.dumps(missing).encode())
    campaign.malformed.extend((acc.platform, k) for k in ("nul", "huge_caption", "unknown_platform", "invalid_utf8",
                                                          "truncated_json", "missing_time"))
    # Text that looks like SQL is ordinary content: it must be stored verbatim, not refused.
    sqlish = good("Robert'); DROP TABLE core.post;-- lagi belajar SQL di kantor", "sql_text")
    bad.append(json.dumps(sqlish).encode())
    return bad


def bad_tips(day: dt.date, tz: dt.tzinfo) -> list[list[str]]:
    """Every ninth day a tip whose link is a shortener's, passed on from a chat group: it names no post."""
    if day.toordinal() % 9:
        return []
    return [[dt.datetime.combine(day, dt.time(21), tz).isoformat(), "https://bit.ly/3xYzAbc",
             "0812xxxx", "Link dari grup WA", "", ""]]
