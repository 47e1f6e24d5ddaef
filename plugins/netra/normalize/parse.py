"""Platform payloads to the unified post model.

`api_page` reads one API response page, `capture_lines` one monitor capture export. Each yields an
`Item` per post: the unified row (as much of it as could be read) and every problem found, or, for
a body that does not parse at all, one item numbered -1. Nothing is dropped here: what is wrong
goes to quarantine later with these reasons plus the data-quality checks'.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from netra import platforms
from netra.normalize.fields import Fields

PARSERS = {p.name: p.parse_module() for p in platforms.PLATFORMS.values()}
COLUMNS = ("platform", "post_id", "account_handle", "account_platform_id", "created_at", "post_type",
           "parent_post_id", "ref_post_id", "ref_account", "text", "metrics", "permalink")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_IDENTS = ("post_id", "account_handle", "account_platform_id", "parent_post_id", "ref_post_id", "ref_account",
           "permalink")
_URL = re.compile(r"https?://\S+")
_NON_WORD = re.compile(r"[^\w#@]+")
# orjson reads a number of 20 digits or more as a float where json keeps the integer: such a body
# (or one orjson refuses: NaN, a byte-order mark, a lone surrogate) is read by json instead. A run
# of 20 digits is found by blanking every other byte and splitting: 2 µs a capture line, where
# the regex \d{20} took 6.
_DIGITS_ONLY = bytes(b if 0x30 <= b <= 0x39 else 0x20 for b in range(256))


def _long_number(body: bytes) -> bool:
    return max(map(len, body.translate(_DIGITS_ONLY).split()), default=0) >= 20


@dataclass
class Context:
    platform: str
    source: str
    kind: str = "post"                   # post | comment
    account: str | None = None           # the fetch's account (timeline owner / commented post's author)
    account_platform_id: str | None = None
    parent_post_id: str | None = None
    parent_account: str | None = None
    users: dict = field(default_factory=dict)     # X includes.users by id
    tweets: dict = field(default_factory=dict)    # X includes.tweets by id
    shared_from: dict | None = None


@dataclass
class Item:
    item_no: int
    row: dict | None
    problems: list[dict]
    record: Any
    record_raw: bytes
    seen_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.row is not None and not self.problems

    def raw(self) -> bytes:
        """The item's own bytes: as landed for a capture line or a tip row, else its JSON, made
        only when quarantine needs it."""
        if self.record_raw is None:
            self.record_raw = json.dumps(self.record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return self.record_raw


def content_hash(row: dict) -> str:
    """Identity of a version: what the author said and what it points at, not its metrics. The
    key is json.dumps(ensure_ascii=False) of the four values; orjson writes a string or null the
    same way, so it makes the key when it can (a lone surrogate or another type goes to json)."""
    values = [row.get("post_type"), row.get("text"), row.get("ref_post_id"), row.get("ref_account")]
    if all(v is None or type(v) is str for v in values):
        try:
            return hashlib.sha256(b"[" + b", ".join(map(orjson.dumps, values)) + b"]").hexdigest()
        except orjson.JSONEncodeError:
            pass
    key = json.dumps(values, ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def text_key(text: str) -> str:
    """Text as compared for duplicates: no links, case, punctuation or spacing differences."""
    return " ".join(_NON_WORD.sub(" ", _URL.sub(" ", text.casefold())).split())


def _finish(row: dict, ctx: Context, f: Fields) -> dict:
    row = {c: row.get(c) for c in COLUMNS if c != "platform"} | {"platform": ctx.platform}
    for name in _IDENTS:
        value = row[name]
        if value is not None and type(value) is not str:
            row[name] = str(value)
    if _UNSTORABLE.search("".join(row[name] or "" for name in _IDENTS)):     # one search for the rare case
        for name in _IDENTS:
            if row[name] is not None and _UNSTORABLE.search(row[name]):
                f.problem("unstorable_characters", f"{name} holds a NUL or unpaired surrogate")
                row[name] = None
    if not row.get("account_handle") and not row.get("account_platform_id"):
        f.problem("author_missing", "neither an author handle nor an author id")
    row["content_hash"] = content_hash(row)
    row["text_key"] = text_key(row["text"]) if isinstance(row["text"], str) else ""
    return row


def _item(ctx: Context, n: int, raw_item, seen_at=None) -> Item:
    f = Fields()
    if not isinstance(raw_item, dict):
        f.problem("item_type", f"an item must be an object, got {type(raw_item).__name__}")
        return Item(n, None, f.problems, raw_item, None, seen_at)
    row = PARSERS[ctx.platform].post(raw_item, ctx, f)
    return Item(n, _finish(row, ctx, f), f.problems, raw_item, None, seen_at)


def _parse(body: bytes) -> tuple[Any, dict | None]:
    if not _long_number(body):
        try:
            return orjson.loads(body), None
        except orjson.JSONDecodeError:
            pass                            # json says why, or reads what orjson will not
    try:
        return json.loads(body), None
    except UnicodeDecodeError as exc:
        return None, {"check": "invalid_utf8", "detail": f"not UTF-8 at byte {exc.start}"}
    except ValueError as exc:
        return None, {"check": "invalid_json", "detail": str(exc)[:200]}
    except RecursionError:
        return None, {"check": "invalid_json", "detail": "nested deeper than the parser follows"}


def api_page(platform: str, scope_kind: str, scope_key: str, account: str | None, account_platform_id: str | None,
             body: bytes) -> Iterator[Item]:
    """Items of one API response page of `platform` (a timeline page or a comments page)."""
    page, err = _parse(body)
    if err is None and isinstance(page, dict) and isinstance(page.get("error"), dict) \
            and page["error"].get("code") not in (None, "ok"):
        err = {"check": "api_error", "detail": json.dumps(page["error"])[:300]}
    elif err is None and isinstance(page, dict) and "data" not in page and isinstance(page.get("errors"), list) \
            and page["errors"]:                     # X: nothing but errors (a partial error comes with data)
        err = {"check": "api_error", "detail": json.dumps(page["errors"][0])[:300]}
    if err is None:
        try:
            items = PARSERS[platform].page_items(page)
            if not isinstance(items, list):
                raise TypeError(type(items).__name__)
        except (KeyError, TypeError, AttributeError) as exc:
            err = {"check": "page_shape", "detail": f"no item list where {platform} puts one ({exc})"}
    if err is not None:
        yield Item(-1, None, [err], None, body)
        return
    includes = page.get("includes") or {}
    ctx = Context(platform, "api", "comment" if scope_kind == "comments" else "post", account, account_platform_id,
                  users={u.get("id"): u for u in includes.get("users", []) if isinstance(u, dict)},
                  tweets={t.get("id"): t for t in includes.get("tweets", []) if isinstance(t, dict)})
    if scope_kind == "comments":
        ctx.parent_post_id, ctx.parent_account = scope_key, account
    for n, raw_item in enumerate(items):
        yield _item(ctx, n, raw_item)


def capture_lines(body: bytes) -> Iterator[Item]:
    """Items of a monitor capture export: one JSON object per line (format in the README)."""
    for n, line in enumerate(body.split(b"\n")):
        if not line.strip():
            continue
        env, err = _parse(line)
        if err is None and not isinstance(env, dict):
            err = {"check": "capture_shape", "detail": "a capture line must be a JSON object"}
        if err is not None:
            yield Item(n, None, [err], None, line)
            continue
        problems = []
        platform = env.get("platform")
        if platform not in PARSERS:
            problems.append({"check": "unknown_platform", "detail": f"platform {str(platform)[:40]!r} is not one of {sorted(PARSERS)}"})
        if not isinstance(env.get("item"), dict):
            problems.append({"check": "capture_shape", "detail": "capture line has no 'item' object"})
        kind = env.get("kind", "post")
        if kind not in ("post", "comment"):
            problems.append({"check": "capture_kind", "detail": f"kind {str(kind)[:40]!r} is not post or comment"})
        f = Fields()
        seen = f.time(env.get("captured_at"), "captured_at")
        problems += f.problems
        if problems:
            yield Item(n, None, problems, env, line, seen)
            continue
        parent = env.get("parent") if isinstance(env.get("parent"), dict) else {}
        includes = env.get("includes") if isinstance(env.get("includes"), dict) else {}
        ctx = Context(platform, "capture", kind, parent_post_id=parent.get("post_id"),
                      parent_account=parent.get("account"),
                      users={u.get("id"): u for u in includes.get("users", []) if isinstance(u, dict)},
                      tweets={t.get("id"): t for t in includes.get("tweets", []) if isinstance(t, dict)},
                      shared_from=env.get("shared_from") if isinstance(env.get("shared_from"), dict) else None)
        if kind == "comment" and not ctx.parent_post_id:
            problems.append({"check": "parent_missing", "detail": "a captured comment must name its parent post"})
        item = _item(ctx, n, env["item"], seen)
        item.problems = problems + item.problems
        item.record, item.record_raw = env, line
        yield item
