"""The landing layout is one definition for its writers and its reader: what is written through it
(by hand here, by the sample generator below) reads back fetch for fetch, manifests written before
`pages` read the same, and a manifest still names only files in its own folder."""
from __future__ import annotations

import datetime as dt
import json

from netra.extract import layout
from netra.extract.fetch import Batch
from netra.extract.landing import LandingSource
from tests.pipeline_helpers import day_window

DAY = dt.date(2024, 10, 1)
PAGES = [b'{"data": [{"id": "1"}], "meta": {"next_token": "a"}}', b'{"data": [{"id": "2"}], "meta": {}}']


def _entry(account: str, file: str, **fields) -> layout.ManifestEntry:
    return layout.ManifestEntry(
        fetch_id=f"api:x:{DAY}:timeline:{account}", file=file, scope_kind="timeline", scope_key=account,
        account=account, endpoint="GET /2/users/{id}/tweets", params={"limit": 25},
        since="2024-09-30T00:00:00+08:00", until="2024-10-02T00:00:00+08:00",
        fetched_at="2024-10-02T00:20:00+00:00", complete=True, **fields)


def test_what_is_written_through_the_layout_reads_back(tmp_path):
    root = tmp_path / "landing"
    folder = layout.api_folder(root, "x", DAY)
    folder.mkdir(parents=True)
    (folder / "someone.timeline.jsonl").write_bytes(b"\n".join(PAGES) + b"\n")
    (folder / "other.timeline.jsonl").write_bytes(PAGES[0] + b"\n")
    entry = _entry("SomeOne", "someone.timeline.jsonl", account_platform_id="42", pages=2)
    layout.write_manifest(root, "x", DAY, [entry, _entry("other", "other.timeline.jsonl")])
    layout.capture_folder(root, DAY).mkdir(parents=True)
    layout.capture_file(root, DAY, "monitor-a").write_bytes(b'{"platform": "x"}\n')
    layout.tips_file(root, DAY).parent.mkdir(parents=True)
    layout.tips_file(root, DAY).write_text("received_at,post_url\n")

    assert layout.read_manifest(folder / layout.MANIFEST, {"someone"}) == [entry]
    assert layout.ManifestEntry.from_json(json.loads(json.dumps(entry.to_json()))) == entry
    source = LandingSource(root, "Asia/Makassar")
    (fetch,) = source.fetches(Batch("api", "x", accounts=("someone",)), day_window(DAY))
    assert (fetch.fetch_id, fetch.account, fetch.account_platform_id, fetch.complete, fetch.outcome) == \
        (entry.fetch_id, "SomeOne", "42", True, None)
    assert fetch.pages == PAGES and fetch.request["file"] == f"api/x/{DAY}/someone.timeline.jsonl"
    assert fetch.since == dt.datetime.fromisoformat(entry.since) and fetch.until.isoformat() == entry.until
    intake = list(source.fetches(Batch("intake", "all"), day_window(DAY)))
    assert [f.request["file"] for f in intake] == [f"capture/{DAY}/monitor-a.jsonl", f"tips/{DAY}.csv"]


def test_a_manifest_written_before_pages_reads_the_same(tmp_path):
    root = tmp_path / "landing"
    folder = layout.api_folder(root, "x", DAY)
    folder.mkdir(parents=True)
    (folder / "someone.timeline.jsonl").write_bytes(PAGES[0] + b"\n")
    old = _entry("someone", "someone.timeline.jsonl").to_json()
    del old["pages"], old["account_platform_id"]
    (folder / layout.MANIFEST).write_text(json.dumps({"fetches": [old]}))
    (fetch,) = LandingSource(root, "Asia/Makassar").fetches(Batch("api", "x", accounts=("someone",)), day_window(DAY))
    assert fetch.pages == PAGES[:1] and fetch.account_platform_id is None and fetch.complete


def test_a_manifest_naming_a_file_outside_its_folder_is_refused(tmp_path):
    root = tmp_path / "landing"
    (root / "api" / "x").mkdir(parents=True)
    (root / "api" / "x" / "x").write_text("not a page of this folder")
    layout.write_manifest(root, "x", DAY, [_entry("someone", "../x")])
    (fetch,) = LandingSource(root, "Asia/Makassar").fetches(Batch("api", "x", accounts=("someone",)), day_window(DAY))
    assert fetch.pages == [] and not fetch.complete and fetch.outcome.status == "failed"
    assert "outside the manifest's folder" in fetch.outcome.error and fetch.request["file"] == "../x"


def test_the_sample_lands_what_the_landing_source_reads(short_sample):
    sample_dir, _ = short_sample
    root = sample_dir / "landing"
    source = LandingSource(root, "Asia/Makassar")
    found = 0
    for platform, day, manifest in layout.manifests(root):
        entries = layout.read_manifest(manifest)
        batch = Batch("api", platform, accounts=tuple(sorted({e.account for e in entries})))
        fetches = list(source.fetches(batch, day_window(day)))
        assert [f.fetch_id for f in fetches] == [e.fetch_id for e in entries]
        assert all(f.outcome is None and len(f.pages) == e.pages for f, e in zip(fetches, entries))
        found += len(fetches)
    assert found > 100
