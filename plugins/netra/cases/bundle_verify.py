"""Checking a case's bundle: every file against SHA256SUMS and the manifest, every page against
the SHA-256 recorded when it landed, every WARC record against its digests and its page, and,
given the warehouse, every page's recorded hash and held bytes against raw.payload.

Problems are returned as sentences in Bahasa Indonesia (case officers read them); none means the
bundle holds.
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import zipfile
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from netra import warehouse
from netra.cases.bundle import MANIFEST, PAYLOAD_ID, PDF, SUMS, WARC, sha256

_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def verify(zip_bytes: bytes, engine=None) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
            files, problems = _read(z)
    except zipfile.BadZipFile as exc:
        return [f"bukan berkas ZIP yang utuh: {exc}"]
    problems += _sums(files)
    try:
        manifest = json.loads(files[MANIFEST])
        payloads = {p["payload_id"]: p for p in manifest["payloads"]}
        listed = {e["path"]: e for e in manifest["files"]}
    except (KeyError, TypeError, ValueError) as exc:
        return problems + [f"{MANIFEST}: tidak ada atau tidak terbaca ({exc!r})"]
    problems += _files(files, listed) + _payloads(files, payloads)
    if WARC in files:
        problems += _warc(files[WARC], payloads)
    if engine is not None:
        problems += _warehouse(engine, payloads, files) + _pages_of_case(engine, manifest, payloads)
    return problems


def _read(z: zipfile.ZipFile) -> tuple[dict[str, bytes], list[str]]:
    files, problems = {}, []
    for name in z.namelist():
        try:
            files[name] = z.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:      # a CRC that fails is a changed byte
            problems.append(f"{name}: tidak terbaca dari ZIP ({exc})")
    return files, problems


def _sums(files: dict[str, bytes]) -> list[str]:
    if SUMS not in files:
        return [f"{SUMS}: tidak ada"]
    problems, named = [], set()
    for line in files[SUMS].decode("utf-8", "replace").splitlines():
        m = _SUM_LINE.match(line)
        if not m:
            problems.append(f"{SUMS}: baris tidak terbaca: {line[:80]!r}")
            continue
        digest, name = m.groups()
        named.add(name)
        if name not in files:
            problems.append(f"{name}: tercantum di {SUMS} tetapi tidak ada di ZIP")
        elif sha256(files[name]) != digest:
            problems.append(f"{name}: SHA-256 tidak cocok dengan {SUMS}")
    problems += [f"{name}: tidak tercantum di {SUMS}" for name in sorted(set(files) - named - {SUMS})]
    return problems


def _files(files: dict[str, bytes], listed: dict[str, dict]) -> list[str]:
    problems = []
    for path, e in sorted(listed.items()):
        data = files.get(path)
        if data is None:
            problems.append(f"{path}: tercantum di {MANIFEST} tetapi tidak ada di ZIP")
        elif sha256(data) != e.get("sha256") or len(data) != e.get("size"):
            problems.append(f"{path}: SHA-256 atau ukuran tidak cocok dengan {MANIFEST}")
    problems += [f"{path}: tidak tercantum di {MANIFEST}"
                 for path in sorted(set(files) - set(listed) - {PDF, MANIFEST, SUMS})]
    return problems


def _payloads(files: dict[str, bytes], payloads: dict[int, dict]) -> list[str]:
    problems = []
    for pid, p in sorted(payloads.items()):
        path = f"payloads/{pid}.bin"
        if p.get("status") != "included":
            if path in files:
                problems.append(f"payload {pid}: tercatat {p.get('status')} tetapi berkasnya ada di ZIP")
            continue
        data = files.get(p.get("file") or path)
        if data is None:
            problems.append(f"payload {pid}: berkasnya tidak ada di ZIP")
        elif sha256(data) != p.get("sha256") or len(data) != p.get("byte_size"):
            problems.append(f"payload {pid}: isinya tidak cocok dengan SHA-256 yang tercatat saat diterima")
    return problems


def _digest_ok(header: str | None, data: bytes) -> bool:
    algo, _, value = (header or "").partition(":")
    if algo != "sha256":
        return False
    try:
        return base64.b32decode(value) == bytes.fromhex(sha256(data))
    except ValueError:
        return False


def _warc(data: bytes, payloads: dict[int, dict]) -> list[str]:
    problems, seen = [], []
    try:
        for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
            body = record.content_stream().read()
            problems += [f"{WARC}: {record.rec_type} {p}" for p in record.digest_checker.problems]
            if record.rec_type != "resource":
                continue
            pid = record.rec_headers.get_header(PAYLOAD_ID)
            p = payloads.get(int(pid)) if pid and pid.isdigit() else None
            if p is None or p.get("status") != "included":
                problems.append(f"{WARC}: rekaman untuk payload {pid} yang tidak disertakan di {MANIFEST}")
                continue
            seen.append(p["payload_id"])
            if not all(_digest_ok(record.rec_headers.get_header(h), body)
                       for h in ("WARC-Payload-Digest", "WARC-Block-Digest")):
                problems.append(f"{WARC}: digest rekaman payload {pid} tidak cocok dengan isinya")
            if sha256(body) != p.get("sha256"):
                problems.append(f"{WARC}: isi rekaman payload {pid} tidak cocok dengan SHA-256 yang tercatat")
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        return problems + [f"{WARC}: tidak terbaca ({exc})"]
    included = sorted(pid for pid, p in payloads.items() if p.get("status") == "included")
    if sorted(seen) != included:
        problems.append(f"{WARC}: rekamannya bukan tepat satu per payload yang disertakan")
    return problems


def _warehouse(engine, payloads: dict[int, dict], files: dict[str, bytes]) -> list[str]:
    with engine.connect() as conn:
        held = {r.payload_id: r for r in warehouse.execute(conn, "evidence/check_payloads", {"ids": list(payloads)})}
    problems = []
    for pid, p in sorted(payloads.items()):
        row = held.get(pid)
        if row is None:
            problems.append(f"payload {pid}: tidak ada di raw.payload")
            continue
        if row.sha256.strip() != p.get("sha256"):
            problems.append(f"payload {pid}: SHA-256 di {MANIFEST} tidak sama dengan yang tercatat di raw.payload")
        if row.body_sha256 is not None and row.body_sha256 != row.sha256.strip():
            problems.append(f"payload {pid}: isi raw.payload di gudang data tidak lagi cocok dengan SHA-256 "
                            "yang tercatat saat diterima")
        data = files.get(f"payloads/{pid}.bin")
        if data is not None and row.body_sha256 is not None and sha256(data) != row.body_sha256:
            problems.append(f"payload {pid}: berkas di ZIP tidak sama dengan isi raw.payload di gudang data")
    return problems


def _pages_of_case(engine, manifest: dict, payloads: dict[int, dict]) -> list[str]:
    """The manifest names every page the warehouse holds for the case as of the package, each with
    the status it had then: a page left out, or claimed removed or withheld when it was not, shows."""
    as_of = dt.datetime.fromisoformat(manifest["as_of"].replace("Z", "+00:00"))
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "evidence/payloads", {"case_id": manifest["case_id"]}).mappings().all()
    problems, expected = [], set()
    for r in rows:
        if r["landed_at"] > as_of:
            continue                                  # landed after the package was made
        expected.add(r["payload_id"])
        status = ("withheld" if r["source"] == "tips" else
                  "removed" if r["removed_at"] is not None and r["removed_at"] <= as_of else "included")
        listed = payloads.get(r["payload_id"])
        if listed is None:
            problems.append(f"payload {r['payload_id']}: halaman kasus ini di gudang data tidak tercantum di {MANIFEST}")
        elif listed.get("status") != status:
            problems.append(f"payload {r['payload_id']}: berstatus {listed.get('status')} di {MANIFEST}, "
                            f"seharusnya {status} menurut gudang data")
    problems += [f"payload {pid}: bukan halaman kasus ini menurut gudang data" for pid in sorted(set(payloads) - expected)]
    return problems
