"""A case's evidence package on real PostgreSQL, through a case officer's login: the bundle's
hashes hold against raw, and a changed byte in the ZIP, a changed manifest or a changed page in
the warehouse is reported; pages retention removed and tips files are listed, not left out; the
PDF names its case and manifest and carries every evidence span as a highlight."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import subprocess
import zipfile
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from warcio.archiveiterator import ArchiveIterator

from netra.cases import bundle, evidence, evidence_pdf
from netra.cli import cases as case_cli
from tests.cases.conftest import q, run

pytestmark = pytest.mark.db


def _richest_case(engine) -> int:
    """The case whose posts were seen in the most pages, among those with evidence at known offsets."""
    return q(engine, """
        SELECT cf.case_id FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
        JOIN core.sighting s ON s.post_pk = f.post_pk
        WHERE cf.case_id IN (SELECT cf2.case_id FROM cases.case_finding cf2 JOIN findings.rule_hit h USING (finding_id)
                             WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(h.evidence) e WHERE e->>'start' IS NOT NULL))
        GROUP BY 1 ORDER BY count(DISTINCT s.payload_id) DESC, 1 LIMIT 1""")[0][0]


def _tipped_case(engine) -> int:
    return q(engine, "SELECT min(cf.case_id) FROM cases.case_finding cf JOIN findings.finding f USING (finding_id) "
                     "JOIN core.tip_post tp ON tp.post_pk = f.post_pk")[0][0]


def _entries(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rezip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _pdf_strings(pdf: bytes, key: str) -> list[str]:
    """The values of a key's PDF strings (literal or UTF-16 hex), as fpdf2 writes them."""
    found = []
    for m in re.finditer(rb"/" + key.encode() + rb" (\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]*>)", pdf):
        s = m.group(1)
        if s.startswith(b"<"):
            raw = bytes.fromhex(s[1:-1].decode())
            found.append(raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1"))
        else:
            found.append(re.sub(rb"\\([()\\])", rb"\1", s[1:-1]).decode("latin-1"))
    return found


def test_the_bundle_holds_every_page_its_posts_were_seen_in_and_verifies_against_raw(cases_db, officer, tmp_path):
    engine, _ = cases_db
    case = _richest_case(engine)
    archive = evidence.bundle(officer, case)
    assert evidence.verify(archive, officer) == []
    files = _entries(archive)
    manifest = json.loads(files["manifest.json"])
    pages = {r.payload_id: r for r in q(engine, """
        SELECT DISTINCT r.payload_id, r.fetch_id, r.page_no, r.sha256, r.body, fe.fetched_at, fe.source
        FROM cases.case_finding cf JOIN findings.finding f USING (finding_id) JOIN core.sighting s ON s.post_pk = f.post_pk
        JOIN raw.payload r USING (payload_id) JOIN raw.fetch fe USING (fetch_id) WHERE cf.case_id = :c""", c=case)}
    included = {p["payload_id"]: p for p in manifest["payloads"] if p["status"] == "included"}
    assert set(included) == set(pages) and len(pages) >= 3
    assert {p["source"] for p in included.values()} >= {"api"}
    for pid, row in pages.items():
        assert files[f"payloads/{pid}.bin"] == bytes(row.body)
        assert (included[pid]["fetch_id"], included[pid]["page_no"], included[pid]["sha256"]) == \
            (row.fetch_id, row.page_no, row.sha256)
    assert manifest["case_id"] == case and manifest["ruleset_versions"]
    assert {f["path"] for f in manifest["files"]} == {f"payloads/{p}.bin" for p in pages} | {"pages.warc.gz"}
    # sha256sum itself accepts SHA256SUMS, which covers every other file
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        z.extractall(tmp_path)
    checked = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(files) - 1
    # the WARC: one resource record per page, the exact bytes, dated when fetched, SHA-256 digests
    records = {}
    for r in ArchiveIterator(io.BytesIO(files["pages.warc.gz"]), check_digests=True):
        body = r.content_stream().read()
        assert r.digest_checker.problems == []
        if r.rec_type == "resource":
            records[int(r.rec_headers.get_header("Netra-Payload-ID"))] = (r, body)
    assert set(records) == set(pages)
    for pid, (r, body) in records.items():
        assert body == bytes(pages[pid].body)
        assert r.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
        assert r.rec_headers.get_header("WARC-Date") == \
            pages[pid].fetched_at.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
        uri = r.rec_headers.get_header("WARC-Target-URI")
        assert uri.startswith("https://") if pages[pid].source == "api" else uri.startswith("urn:netra:capture:")
        assert "{" not in uri


def test_a_changed_byte_a_changed_manifest_or_a_changed_page_in_raw_is_reported(cases_db, officer):
    engine, _ = cases_db
    case = _richest_case(engine)
    archive = evidence.bundle(officer, case)
    files = _entries(archive)
    page = min(int(n.split("/")[1].split(".")[0]) for n in files if n.startswith("payloads/"))

    changed = dict(files)
    body = bytearray(changed[f"payloads/{page}.bin"])
    body[len(body) // 2] ^= 0x01
    changed[f"payloads/{page}.bin"] = bytes(body)
    problems = evidence.verify(_rezip(changed))
    assert any(f"payloads/{page}.bin" in p and "SHA256SUMS" in p for p in problems)
    assert any(f"payload {page}:" in p for p in problems)

    changed = dict(files)
    manifest = json.loads(changed["manifest.json"])
    manifest["payloads"][0]["sha256"] = "0" * 64
    changed["manifest.json"] = json.dumps(manifest).encode()
    problems = evidence.verify(_rezip(changed))
    assert any("manifest.json" in p and "SHA256SUMS" in p for p in problems)

    # a byte flipped inside the ZIP itself (the WARC is stored uncompressed): the CRC catches it
    at = archive.index(files["pages.warc.gz"][:64]) + 100
    broken = archive[:at] + bytes([archive[at] ^ 0xFF]) + archive[at + 1:]
    assert any("pages.warc.gz" in p for p in evidence.verify(broken))

    run(engine, "UPDATE raw.payload SET body = body || '\\x20'::bytea WHERE payload_id = :p", p=page)
    assert evidence.verify(archive) == []                  # on its own the ZIP still holds
    problems = evidence.verify(archive, officer)
    assert any(f"payload {page}:" in p and "raw.payload" in p for p in problems), problems


def test_a_page_retention_removed_is_listed_as_removed_with_its_recorded_hash(cases_db, officer):
    engine, _ = cases_db
    case = _richest_case(engine)
    page, sha = q(engine, """SELECT r.payload_id, r.sha256 FROM raw.payload r WHERE r.payload_id = (
                                 SELECT min(s.payload_id) FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
                                 JOIN core.sighting s ON s.post_pk = f.post_pk WHERE cf.case_id = :c)""", c=case)[0]
    run(engine, "UPDATE raw.payload SET body = NULL, removed_at = now() WHERE payload_id = :p", p=page)
    archive = evidence.bundle(officer, case)
    files = _entries(archive)
    (entry,) = [p for p in json.loads(files["manifest.json"])["payloads"] if p["payload_id"] == page]
    assert entry["status"] == "removed" and entry["sha256"] == sha and entry["removed_at"] and entry["file"] is None
    assert f"payloads/{page}.bin" not in files
    assert evidence.verify(archive, officer) == []


def test_a_tips_file_is_withheld_and_no_reporter_contact_reaches_the_package(cases_db, officer):
    engine, _ = cases_db
    case = _tipped_case(engine)
    tips = q(engine, """SELECT DISTINCT t.payload_id, r.body FROM cases.case_finding cf
                        JOIN findings.finding f USING (finding_id) JOIN core.tip_post tp ON tp.post_pk = f.post_pk
                        JOIN core.tip t ON t.tip_id = tp.tip_id JOIN raw.payload r ON r.payload_id = t.payload_id
                        WHERE cf.case_id = :c""", c=case)
    assert tips
    archive = evidence.bundle(officer, case)
    files = _entries(archive)
    readable = b"".join(files.values()) + gzip.decompress(files["pages.warc.gz"])
    listed = {p["payload_id"]: p for p in json.loads(files["manifest.json"])["payloads"]}
    for payload_id, body in tips:
        assert listed[payload_id]["status"] == "withheld" and listed[payload_id]["source"] == "tips"
        assert listed[payload_id]["sha256"] == hashlib.sha256(bytes(body)).hexdigest()
        assert f"payloads/{payload_id}.bin" not in files
        contacts = [r["reporter_contact"] for r in csv.DictReader(io.StringIO(bytes(body).decode()))]
        assert contacts and not any(c.encode() in readable for c in contacts)
    assert evidence.verify(archive, officer) == []


def test_the_pdf_names_its_case_and_manifest_and_highlights_every_evidence_span(cases_db, officer):
    engine, _ = cases_db
    case = _richest_case(engine)
    pdf = evidence.pdf(officer, case)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert _pdf_strings(pdf, "Title") == [f"Berkas Bukti Kasus #{case}"]
    archive = evidence.bundle(officer, case)
    files = _entries(archive)
    assert files["berkas.pdf"] == pdf == evidence.pdf(officer, case)        # the same case state, the same bytes
    assert _pdf_strings(pdf, "Keywords") == [f"manifest-sha256:{hashlib.sha256(files['manifest.json']).hexdigest()}"]
    spans = [f"{rule}: {e['text']}" for rule, ev in q(engine, """
        SELECT h.rule_id, h.evidence FROM cases.case_finding cf JOIN findings.rule_hit h USING (finding_id)
        WHERE cf.case_id = :c""", c=case) for e in ev if e.get("start") is not None]
    highlights = _pdf_strings(pdf, "Contents")
    assert spans and sorted(highlights) == sorted(spans)
    assert pdf.count(b"/Subtype /Highlight") >= 1


def test_the_pdf_prints_text_its_font_lacks_and_reflects_deletion_and_history(cases_db, officer, desk_login):
    engine, _ = cases_db
    case = _richest_case(engine)
    odd = "Dukung \U0001fae0 \u9078\u6319 \u200d\ufe0f\x07 \u0bb5\u0bbe\u0b95\u0bcd\u0b95\u0bc1 " + "x" * 300
    run(engine, """UPDATE core.post_version v SET text = :t || v.text FROM findings.finding f, cases.case_finding cf
                   WHERE cf.case_id = :c AND f.finding_id = cf.finding_id AND v.post_pk = f.post_pk
                     AND v.content_hash = f.content_hash""", t=odd, c=case)
    run(engine, "UPDATE core.post SET deleted_at = now() WHERE post_pk IN (SELECT f.post_pk FROM findings.finding f "
                "JOIN cases.case_finding cf USING (finding_id) WHERE cf.case_id = :c)", c=case)
    before = evidence.pdf(officer, case)
    from netra.cases import store, workflow
    store.step(officer, workflow.load()[0], case, "verifikasi", "Akun milik ASN; bukti lengkap")
    after = evidence.pdf(officer, case)
    assert before.startswith(b"%PDF-") and after != before
    assert evidence_pdf.MISSING in evidence_pdf._Doc(case).clean("\U0001fae0")
    assert evidence_pdf._Doc(case).clean("a\u200d\ufe0f\x07b") == "ab"


def test_an_official_accounts_case_has_its_package_too(cases_db, officer):
    engine, _ = cases_db
    case = q(engine, "SELECT min(case_id) FROM cases.case WHERE account_id IS NOT NULL")[0][0]
    assert case is not None
    archive = evidence.bundle(officer, case)
    assert evidence.verify(archive, officer) == []
    assert _pdf_strings(_entries(archive)["berkas.pdf"], "Title") == [f"Berkas Bukti Kasus #{case}"]


def test_an_analyst_login_is_refused_the_package(cases_db, desk_login):
    engine, _ = cases_db
    analyst, _ = desk_login("netra_analyst")
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        evidence.bundle(analyst, _richest_case(engine))


def test_the_case_commands_write_the_package_and_verify_it(cases_db, officer, tmp_path, monkeypatch, capsys):
    engine, url = cases_db
    case = _richest_case(engine)
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", url.replace("postgresql+psycopg2://", "postgresql://"))
    parser = argparse.ArgumentParser(prog="netra")
    case_cli.register(parser.add_subparsers(dest="command", required=True))

    def netra(*argv) -> int:
        args = parser.parse_args(argv)
        return args.func(args)

    assert netra("case", "evidence", str(case), "--out", str(tmp_path)) == 0
    printed = capsys.readouterr().out.splitlines()
    pdf, archive = (tmp_path / f"kasus-{case}.pdf").read_bytes(), (tmp_path / f"kasus-{case}.zip").read_bytes()
    assert printed[:2] == [str(tmp_path / f"kasus-{case}.pdf"), str(tmp_path / f"kasus-{case}.zip")]
    assert printed[2] == f"manifest sha256 {hashlib.sha256(_entries(archive)['manifest.json']).hexdigest()}"
    assert _entries(archive)["berkas.pdf"] == pdf
    assert netra("case", "verify", str(tmp_path / f"kasus-{case}.zip")) == 0
    files = _entries(archive)
    files["manifest.json"] += b" "
    (tmp_path / "changed.zip").write_bytes(_rezip(files))
    assert netra("case", "verify", "--offline", str(tmp_path / "changed.zip")) == 1
    assert "manifest.json" in capsys.readouterr().err


def test_a_pages_warc_address_is_the_request_as_recorded():
    page = dict(platform="facebook", source="api", account="SetdaPuriSegara", account_platform_id="287",
                fetch_id="f", scope_kind="timeline", scope_key="SetdaPuriSegara")
    landed = SimpleNamespace(**page, request={"endpoint": "GET /v19.0/{page-id}/posts", "file": "api/x.jsonl",
                                              "params": {"since": "2024-11-18T00:00:00+08:00", "limit": 25}})
    assert bundle.target_uri(landed) == \
        "https://graph.facebook.com/v19.0/287/posts?limit=25&since=2024-11-18T00%3A00%3A00%2B08%3A00"
    comments = SimpleNamespace(**{**page, "scope_kind": "comments", "scope_key": "287_1"},
                               request={"endpoint": "GET /v19.0/{post-id}/comments", "params": {}})
    assert bundle.target_uri(comments) == "https://graph.facebook.com/v19.0/287_1/comments"
    fetched = SimpleNamespace(**page, request={"method": "GET", "path": "/v19.0/287/posts", "params": {"limit": "25"}})
    assert bundle.target_uri(fetched) == "https://graph.facebook.com/v19.0/287/posts?limit=25"
    captured = SimpleNamespace(**{**page, "platform": None, "source": "capture", "scope_kind": "capture"},
                               request={"file": "capture/2024-11-19/monitor-a.jsonl"})
    assert bundle.target_uri(captured) == "urn:netra:capture:capture/2024-11-19/monitor-a.jsonl"
