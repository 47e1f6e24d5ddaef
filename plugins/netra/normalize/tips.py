"""Public tips: a CSV of post URL, reporter contact, note and screenshot with its SHA-256."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator

from netra.normalize.parse import Item
from netra.normalize.fields import Fields
from netra.normalize.urls import canonical

HEADER = ["received_at", "post_url", "reporter_contact", "note", "screenshot_file", "screenshot_sha256"]
_SHA = re.compile(r"^[0-9a-f]{64}$")


# A field as long as a whole tips file may be: a note too long for the tips suite (5,000
# characters) must reach it to be quarantined, not stop the csv reader at 128 KiB.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 28))


def tip_rows(body: bytes) -> Iterator[Item]:
    text = body.decode("utf-8-sig", "surrogateescape")       # a spreadsheet's byte-order mark is no header
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return
    if [h.strip().lower() for h in header] != HEADER:
        yield Item(-1, None, [{"check": "tips_header", "detail": f"expected columns {HEADER}, got {header[:8]}"}], None, body)
        return
    for n, values in enumerate(reader, start=1):
        raw = ",".join(values).encode("utf-8", "surrogateescape")
        record = dict(zip(HEADER, values, strict=False))   # a short row is reported just above
        f = Fields()
        if len(values) != len(HEADER):
            f.problem("tips_columns", f"{len(values)} columns where {len(HEADER)} are expected")
        if any(re.search("[\x00\udc80-\udcff]", v) for v in values):
            f.problem("invalid_utf8", "the row holds bytes that are not UTF-8 or a NUL")
            yield Item(n, None, f.problems, None, raw)
            continue
        url = record.get("post_url", "").strip()
        if not url:
            f.problem("post_url_missing", "a tip needs the URL of the post")
        received = f.time(record.get("received_at"), "received_at")
        sha = (record.get("screenshot_sha256") or "").strip().lower() or None
        if sha and not _SHA.match(sha):
            f.problem("screenshot_sha256_format", "screenshot_sha256 must be 64 hex digits")
        ref = canonical(url) if url else None
        row = {"tip_id": hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest(),
               "received_at": received, "post_url": url, "platform": ref.platform if ref else None,
               "post_ref": ref.post_ref if ref else None, "account_handle": ref.account if ref else None,
               "unresolved_reason": ref.unresolved if ref else None,
               "reporter_contact": record.get("reporter_contact") or None, "note": record.get("note") or None,
               "screenshot_file": record.get("screenshot_file") or None, "screenshot_sha256": sha}
        yield Item(n, row, f.problems, record, raw)
