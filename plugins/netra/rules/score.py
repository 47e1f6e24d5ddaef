"""`netra score`: judge posts from JSON lines without a warehouse, one output line per post.

A stable contract for analysts who dry-run rule changes. Input keys: platform, post_id,
account_handle, owner_type (asn|opd), created_at (ISO 8601 with offset), post_type,
referenced_account, text; others are ignored. Output keys: platform, post_id, flagged,
severity (the discipline-track tier or null), candidate_numbers, stance, rule_ids, evidence.
Reads and writes line by line, so memory does not grow with the file.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from netra.findings import judge, ruleset
from netra.rules.engine import Hit

POST_TYPES = {"original", "share", "quote", "reply", "comment"}


class LineError(ValueError):
    pass


def _post(line: str) -> dict:
    try:
        post = json.loads(line)
    except ValueError as exc:
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


def score_lines(lines: Iterable[str], out: IO[str], election_path: Path, errors: IO[str] = sys.stderr) -> dict:
    rs = ruleset(Path(election_path))
    accounts = {(a.platform, a.handle.lower()): c.number for c in rs.election.candidates for a in c.accounts}
    counts = {"posts": 0, "flagged": 0, "malformed": 0}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            post = _post(line)
        except LineError as exc:
            counts["malformed"] += 1
            print(f"line {n}: {exc}", file=errors)
            continue
        hits = rs.engine.evaluate(post.get("text") or "")
        ref = (post.get("referenced_account") or "").lstrip("@").lower()
        if post["post_type"] != "original" and (post["platform"], ref) in accounts:
            hits.append(Hit("NET-INTERACT", [accounts[(post["platform"], ref)]],
                            [{"text": f"{post['post_type']} of @{post['referenced_account']}", "start": None, "end": None}]))
        # Score has no registry: an ASN is judged on the PNS track, an OPD account on its own.
        owner = "opd" if post.get("owner_type") == "opd" else "PNS"
        finding = judge(rs, owner, rs.election.period_of(post["_created"]), hits) if hits else None
        out.write(json.dumps({
            "platform": post["platform"], "post_id": post["post_id"], "flagged": finding is not None,
            "severity": finding["severity_discipline"] if finding else None,
            "candidate_numbers": list(finding["candidate_numbers"]) if finding else [],
            "stance": finding["stance"] if finding else None,
            "rule_ids": [h["rule_id"] for h in finding["hits"]] if finding else [],
            "evidence": [{"rule_id": h["rule_id"], **e} for h in finding["hits"] for e in h["evidence"]] if finding else [],
        }, ensure_ascii=False) + "\n")
        counts["posts"] += 1
        counts["flagged"] += finding is not None
    return counts
