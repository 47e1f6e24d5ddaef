"""`netra score`: judge posts from JSON lines without a warehouse, one output line per post.

A stable contract for analysts who dry-run rule changes. Input keys: platform, post_id,
account_handle, owner_type (asn|opd), created_at (ISO 8601 with offset), post_type,
referenced_account, text; others are ignored. Output keys: platform, post_id, flagged,
severity (the discipline-track tier or null), candidate_numbers, stance (support, oppose, mixed or
null), rule_ids, evidence ({rule_id, text, start, end, candidate_number}); and, beyond the
contract, supports and opposes (candidate numbers), escalations (NET-QUIET) and review (true when
an official account names the incumbent in the incumbency window: not flagged, but worth a look).

Streams in chunks of lines (bytes in, bytes out), so memory does not grow with the file.
"""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO

import orjson

from netra.rules.ruleset import judge, ruleset

POST_TYPES = {"original", "share", "quote", "reply", "comment"}
CHUNK = 4096


class LineError(ValueError):
    pass


def _post(line: bytes) -> dict:
    try:
        post = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise LineError(f"not JSON: {exc}") from None
    if not isinstance(post, dict):
        raise LineError("not a JSON object")
    for key in ("platform", "post_id", "created_at", "post_type"):
        if post.get(key) in (None, ""):
            raise LineError(f"{key} is missing")
    if post["post_type"] not in POST_TYPES:
        raise LineError(f"post_type {post['post_type']!r} is not one of {sorted(POST_TYPES)}")
    if post.get("owner_type") not in ("asn", "opd", None):
        raise LineError(f"owner_type {post['owner_type']!r} is not asn or opd")
    if not isinstance(post.get("text") or "", str):
        raise LineError("text is not a string")
    try:
        created = dt.datetime.fromisoformat(str(post["created_at"]))
    except ValueError:
        raise LineError(f"created_at {post['created_at']!r} is not ISO 8601") from None
    if created.tzinfo is None:
        raise LineError("created_at has no UTC offset")
    post["_created"] = created
    return post


def _chunks(lines: Iterable[bytes]) -> Iterator[list[tuple[int, bytes]]]:
    numbered = enumerate(lines, start=1)
    while chunk := list(islice(numbered, CHUNK)):
        yield chunk


def score_lines(lines: Iterable[bytes], out: IO[bytes], election_path: Path, errors: IO[str] = sys.stderr) -> dict:
    rs = ruleset(Path(election_path))
    accounts = {(a.platform, a.handle.lower()): c.number for c in rs.election.candidates for a in c.accounts}
    counts = {"posts": 0, "flagged": 0, "review": 0, "malformed": 0}
    for chunk in _chunks(lines):
        posts = []
        for n, line in chunk:
            if not line.strip():
                continue
            try:
                posts.append(_post(line))
            except LineError as exc:
                counts["malformed"] += 1
                print(f"line {n}: {exc}", file=errors)
        verdicts = rs.engine.evaluate_many([p.get("text") or "" for p in posts])
        rows = []
        for post, verdict in zip(posts, verdicts, strict=True):
            ref = str(post.get("referenced_account") or "").lstrip("@")
            inter = rs.interaction(post["post_type"], accounts.get((post["platform"], ref.lower())), ref) if ref else None
            finding = None
            if verdict or inter:
                # Score has no registry: an ASN is judged on the PNS track, an OPD account on its own.
                owner = "opd" if post.get("owner_type") == "opd" else "PNS"
                finding = judge(rs, owner, rs.periods(post["_created"]), verdict, [inter] if inter else [])
            flagged = finding is not None and finding["disposition"] == "breach"
            rows.append(orjson.dumps({
                "platform": post["platform"], "post_id": post["post_id"], "flagged": flagged,
                "severity": finding["severity_discipline"] if flagged else None,
                "candidate_numbers": list(finding["candidate_numbers"]) if finding else [],
                "stance": finding["stance"] if finding else None,
                "rule_ids": [h["rule_id"] for h in finding["hits"]] if finding else [],
                "evidence": [{"rule_id": h["rule_id"], **e} for h in finding["hits"] for e in h["evidence"]] if finding else [],
                "supports": finding["supports"] if finding else [], "opposes": finding["opposes"] if finding else [],
                "escalations": finding["escalations"] if finding else [],
                "review": finding is not None and finding["disposition"] == "review",
            }))
            counts["flagged"] += flagged
            counts["review"] += finding is not None and not flagged
        counts["posts"] += len(posts)
        if rows:
            out.write(b"\n".join(rows) + b"\n")
    return counts
