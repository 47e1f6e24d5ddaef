"""A bundle that leaves out a page the warehouse holds for the case, or claims it removed when it
is not, no longer verifies against the warehouse, however consistently its files were rewritten
(found by review)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from netra.cases import evidence
from tests.cases.conftest import q
from tests.cases.test_evidence import _entries, _richest_case

pytestmark = pytest.mark.db


def _forged(files: dict[str, bytes], drop: bool) -> tuple[bytes, int]:
    """The bundle without one included page (its file and WARC records), the page either claimed
    removed or gone from the manifest, every hash recomputed to match."""
    manifest = json.loads(files["manifest.json"])
    victim = next(p for p in manifest["payloads"] if p["status"] == "included")
    del files[victim["file"]]
    manifest["files"] = [f for f in manifest["files"] if f["path"] != victim["file"]]
    if drop:
        manifest["payloads"].remove(victim)
    else:
        victim.update(status="removed", file=None, reason="dihapus oleh retensi; hash yang tercatat tetap")
    out = io.BytesIO()
    warc = WARCWriter(out, gzip=True, warc_version="1.1")
    for r in ArchiveIterator(io.BytesIO(files["pages.warc.gz"])):
        if r.rec_type == "resource" and r.rec_headers.get_header("Netra-Payload-ID") == str(victim["payload_id"]):
            continue
        if r.rec_type == "metadata" and json.loads(r.content_stream().read()).get("payload_id") == victim["payload_id"]:
            continue
        warc.write_record(r)
    files["pages.warc.gz"] = out.getvalue()
    for f in manifest["files"]:
        if f["path"] == "pages.warc.gz":
            f.update(sha256=hashlib.sha256(files["pages.warc.gz"]).hexdigest(), size=len(files["pages.warc.gz"]))
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    files = {k: v for k, v in files.items() if k != "SHA256SUMS"}
    files["SHA256SUMS"] = "".join(f"{hashlib.sha256(d).hexdigest()}  {p}\n" for p, d in sorted(files.items())).encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return archive.getvalue(), victim["payload_id"]


@pytest.mark.parametrize("drop, says", [(False, "seharusnya included"), (True, "tidak tercantum")])
def test_a_page_left_out_of_a_consistent_bundle_is_caught_against_the_warehouse(cases_db, officer, drop, says):
    engine, _ = cases_db
    forged, page = _forged(_entries(evidence.bundle(officer, _richest_case(engine))), drop)
    assert q(engine, "SELECT removed_at FROM raw.payload WHERE payload_id = :p", p=page)[0][0] is None
    assert evidence.verify(forged) == []                  # on its own the forgery holds together
    assert any(f"payload {page}" in p and says in p for p in evidence.verify(forged, officer))
