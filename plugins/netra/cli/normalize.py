"""`netra normalize`: one landed payload file to normalized posts, with the code the DAG runs.

Input, by --platform:
* facebook, instagram, x, youtube, tiktok: an API response (one JSON document) or a JSON-lines
  file of response pages, as the connectors land them. `--comments-of POST_ID` reads comment
  pages of that post.
* capture: a monitor capture export (JSON lines; format in the README).
* tips: a public-tips CSV.

Output: one JSON line per post, with the input fields of `netra score` (platform, post_id,
account_handle, owner_type, created_at, post_type, referenced_account, text) and the other
unified fields (account_platform_id, parent_post_id, ref_post_id, metrics, permalink,
content_hash). owner_type is `opd` or `asn` when the registry (--registry DIR, its account.csv)
declares the account, else null. Tips come out as the post each one points at (platform,
post_id, account_handle) with the tip's fields; the reporter's contact is never written.

An item that would be quarantined is not written: it is reported on stderr with its number and
every reason, and counted, so nothing is lost silently.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from netra import platforms
from netra.normalize.parse import Item, api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.registry import FILES, read_rows

_OWNER = {"opd": "opd", "employee": "asn"}


def owner_types(registry: Path | None) -> dict[tuple[str, str], str]:
    """(platform, lower-case handle) -> opd | asn, from the registry's account.csv."""
    if registry is None:
        return {}
    filename, columns = FILES["account"]
    return {(r[0], r[1].lower()): _OWNER.get(r[3], r[3]) for r in read_rows(Path(registry) / filename, columns)}


def items(platform: str, body: bytes, comments_of: str | None = None, account: str | None = None) -> Iterator[tuple[int, Item]]:
    """(page number, item) for every item of a payload file."""
    if platform == "capture":
        yield from ((0, i) for i in capture_lines(body))
    elif platform == "tips":
        yield from ((0, i) for i in tip_rows(body))
    else:
        scope = ("comments", comments_of) if comments_of else ("timeline", account or "")
        for n, page in enumerate(_pages(body)):
            yield from ((n, i) for i in api_page(platform, *scope, account, None, page))


def _pages(body: bytes) -> list[bytes]:
    """One JSON document is one page; otherwise every non-empty line is a page."""
    try:
        json.loads(body)
        return [body]
    except ValueError:
        return [line for line in body.split(b"\n") if line.strip()] or [body]


def post_line(row: dict, owners: dict) -> dict:
    handle = row.get("account_handle")
    return {
        "platform": row["platform"], "post_id": row["post_id"], "account_handle": handle,
        "owner_type": owners.get((row["platform"], (handle or "").lower())),
        "created_at": row["created_at"].isoformat() if row.get("created_at") else None,
        "post_type": row["post_type"], "referenced_account": row.get("ref_account"), "text": row.get("text"),
        "account_platform_id": row.get("account_platform_id"), "parent_post_id": row.get("parent_post_id"),
        "ref_post_id": row.get("ref_post_id"), "metrics": row.get("metrics"), "permalink": row.get("permalink"),
        "content_hash": row.get("content_hash"),
    }


def tip_line(row: dict) -> dict:
    keep = ("tip_id", "post_url", "unresolved_reason", "note", "screenshot_file", "screenshot_sha256")
    return {"platform": row["platform"], "post_id": row["post_ref"], "account_handle": row["account_handle"],
            "received_at": row["received_at"].isoformat() if row.get("received_at") else None,
            **{k: row[k] for k in keep}}


def normalize_file(platform: str, src: Path, out: IO[str], errors: IO[str] = sys.stderr, *,
                   comments_of: str | None = None, account: str | None = None, registry: Path | None = None) -> dict:
    owners = owner_types(registry)
    counts = {"posts": 0, "quarantined": 0}
    for page, item in items(platform, Path(src).read_bytes(), comments_of, account):
        if not item.ok:
            counts["quarantined"] += 1
            where = f"page {page} item {item.item_no}" if platform in platforms.PLATFORMS else f"item {item.item_no}"
            reasons = "; ".join(f"{p['check']}: {p['detail']}" for p in item.problems)
            print(f"{where}: {reasons}", file=errors)
            continue
        line = tip_line(item.row) if platform == "tips" else post_line(item.row, owners)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        counts["posts"] += 1
    return counts
