"""The bundle of a case (a ZIP): the raw pages its posts were seen in, a WARC of them, the PDF,
manifest.json and SHA256SUMS.

manifest.json is the evidence index: every page with the fetch it came from and the SHA-256
recorded when it landed, and every file with its hash and size. The PDF prints the manifest's
own hash (so a printed PDF and a ZIP can be matched), which is why the manifest cannot list the
PDF: SHA256SUMS (`sha256sum -c SHA256SUMS`) covers every file, the PDF and the manifest included.
A page retention removed is listed as removed with its recorded hash; a tips file is listed as
withheld (it holds reporters' contacts), never silently left out.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from warcio.warcwriter import WARCWriter

from netra import platforms

if TYPE_CHECKING:
    from netra.cases.casefile import CaseFile

FORMAT = "netra-evidence-bundle/1"
PDF, MANIFEST, WARC, SUMS = "berkas.pdf", "manifest.json", "pages.warc.gz", "SHA256SUMS"
PAYLOAD_ID = "Netra-Payload-ID"             # WARC header naming the raw.payload a record holds
WITHHELD = "berkas laporan masyarakat memuat kontak pelapor; tidak disertakan"
REMOVED = "dihapus oleh retensi; hash yang tercatat tetap"
_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:netra:evidence")


@dataclass(frozen=True)
class Contents:
    files: dict[str, bytes]          # payloads/<id>.bin and pages.warc.gz
    manifest: bytes

    @property
    def manifest_sha256(self) -> str:
        return sha256(self.manifest)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def payload_file(payload_id: int) -> str:
    return f"payloads/{payload_id}.bin"


def _iso(ts: dt.datetime | None) -> str | None:
    return None if ts is None else ts.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _status(p) -> tuple[str, str | None]:
    if p.source == "tips":
        return "withheld", WITHHELD
    if p.body is None:
        return "removed", REMOVED
    return "included", None


def contents(f: CaseFile) -> Contents:
    """The payload files, their WARC and the manifest, from the case's file."""
    files = {payload_file(p.payload_id): bytes(p.body) for p in f.payloads if _status(p)[0] == "included"}
    files[WARC] = warc(f)
    payloads = []
    for p in f.payloads:
        status, reason = _status(p)
        payloads.append({
            "payload_id": p.payload_id, "fetch_id": p.fetch_id, "page_no": p.page_no, "source": p.source,
            "platform": p.platform, "fetched_at": _iso(p.fetched_at), "landed_at": _iso(p.landed_at),
            "sha256": p.sha256.strip(), "byte_size": p.byte_size, "status": status,
            "file": payload_file(p.payload_id) if status == "included" else None,
            "removed_at": _iso(p.removed_at), "reason": reason})
    manifest = {
        "format": FORMAT, "case_id": f.case.case_id, "election_id": f.case.election_id, "as_of": _iso(f.as_of),
        "ruleset_versions": f.ruleset_versions,
        "files": [{"path": path, "sha256": sha256(data), "size": len(data)} for path, data in sorted(files.items())],
        "payloads": payloads,
        "not_listed": {PDF: f"memuat hash {MANIFEST} ini; tercantum di {SUMS}", SUMS: "hash setiap berkas lain"}}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return Contents(files=files, manifest=text.encode("utf-8"))


def archive(c: Contents, pdf: bytes, as_of: dt.datetime) -> bytes:
    """The ZIP, entries in a fixed order and dated `as_of`: the same contents give the same bytes."""
    entries = {PDF: pdf, MANIFEST: c.manifest, **c.files}
    entries[SUMS] = "".join(f"{sha256(data)}  {path}\n" for path, data in sorted(entries.items())).encode()
    stamp = max(as_of.astimezone(dt.timezone.utc), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for path in sorted(entries):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if path == WARC else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, entries[path])
    return out.getvalue()


def warc_digest(data: bytes) -> str:
    """A WARC digest: the algorithm, then the value in base 32 (as warcio writes and checks them)."""
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode()


def _record_id(*parts) -> str:
    return f"<urn:uuid:{uuid.uuid5(_IDS, ':'.join(str(p) for p in parts))}>"


def target_uri(p) -> str:
    """The page's address as requested: the platform API's address and the recorded path (the
    placeholders a landing manifest writes, such as {page-id}, filled with the account or post the
    fetch was for) and parameters; a file the monitoring team captured is named by its landed path."""
    req = p.request or {}
    path = req.get("path") or (req.get("endpoint") or "").split(" ")[-1]
    if path and p.platform in platforms.PLATFORMS:
        key = (p.account_platform_id or p.account) if p.scope_kind == "timeline" else p.scope_key
        path = re.sub(r"\{[^{}]*\}", lambda _: quote(key or "", safe=""), path)
        params = sorted((k, v if isinstance(v, str) else json.dumps(v)) for k, v in (req.get("params") or {}).items())
        return platforms.PLATFORMS[p.platform].base_url + quote(path, safe="/") + ("?" + urlencode(params) if params else "")
    return f"urn:netra:{p.source}:{quote(req.get('file') or p.fetch_id, safe='/:')}"


def _content_type(p) -> str:
    name = (p.request or {}).get("file", "")
    if p.source == "api" or name.endswith(".json"):
        return "application/json"
    return {".jsonl": "application/x-ndjson", ".csv": "text/csv"}.get(name[name.rfind("."):], "application/octet-stream")


def warc(f: CaseFile) -> bytes:
    """One `resource` record per page held (the exact bytes, dated when they were fetched, with
    SHA-256 block and payload digests) and a `metadata` record beside it with the fetch's request."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    info = writer.create_warcinfo_record(WARC, {
        "software": "Netra", "format": "WARC File Format 1.1", "isPartOf": f"case:{f.case.case_id}",
        "description": f"Halaman mentah kasus #{f.case.case_id} sebagaimana diterima"})
    info_id = _record_id("warcinfo", f.case.case_id, _iso(f.as_of))
    info.rec_headers.replace_header("WARC-Record-ID", info_id)
    info.rec_headers.replace_header("WARC-Date", _iso(f.as_of))
    writer.write_record(info)
    for p in f.payloads:
        if _status(p)[0] != "included":
            continue
        body, uri = bytes(p.body), target_uri(p)
        rid = _record_id("payload", p.payload_id, p.sha256.strip())
        writer.write_record(writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(body), length=len(body), warc_content_type=_content_type(p),
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": _iso(p.fetched_at), "WARC-Warcinfo-ID": info_id,
                               "WARC-Payload-Digest": warc_digest(body), "WARC-Block-Digest": warc_digest(body),
                               PAYLOAD_ID: str(p.payload_id)}))
        meta = json.dumps({
            "payload_id": p.payload_id, "fetch_id": p.fetch_id, "page_no": p.page_no, "source": p.source,
            "platform": p.platform, "scope_kind": p.scope_kind, "scope_key": p.scope_key, "account": p.account,
            "account_platform_id": p.account_platform_id, "complete": p.complete, "request": p.request,
            "fetched_at": _iso(p.fetched_at), "landed_at": _iso(p.landed_at), "sha256": p.sha256.strip()},
            ensure_ascii=False, sort_keys=True).encode("utf-8")
        writer.write_record(writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(meta), length=len(meta), warc_content_type="application/json",
            warc_headers_dict={"WARC-Record-ID": _record_id("metadata", p.payload_id, p.sha256.strip()),
                               "WARC-Date": _iso(p.fetched_at), "WARC-Concurrent-To": rid,
                               "WARC-Warcinfo-ID": info_id, "WARC-Payload-Digest": warc_digest(meta),
                               "WARC-Block-Digest": warc_digest(meta)}))
    return out.getvalue()
