"""Hostile input is quarantined or refused with its reason, never a stopped batch or a file read
from outside the landing folder: JSON nested 100,000 deep, a tip note past the csv module's field
limit, a tips file that starts with a byte-order mark, and manifests that name files outside
their folder (by "../", by an absolute path, by a link) or files that are not there."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from netra import ingest, validate
from netra.normalize.parse import api_page, capture_lines
from netra.normalize.tips import tip_rows
from netra.extract import layout
from netra.extract.fetch import Batch
from netra.extract.landing import LandingSource
from netra.window import Window

WINDOW = Window(dt.datetime(2024, 9, 30, 16, tzinfo=dt.timezone.utc), dt.datetime(2024, 10, 1, 16, tzinfo=dt.timezone.utc))
TIPS_HEADER = "received_at,post_url,reporter_contact,note,screenshot_file,screenshot_sha256\n"
DEEP = b"[" * 100_000 + b"]" * 100_000


def test_json_nested_100000_deep_is_one_rejected_page():
    items = list(api_page("x", "timeline", "someone", "someone", None, DEEP))
    assert len(items) == 1 and items[0].row is None
    assert items[0].problems == [{"check": "invalid_json", "detail": "nested deeper than the parser follows"}]
    lines = list(capture_lines(b'{"platform": "x", "kind": "post", "item": ' + DEEP + b"}\n"))
    assert len(lines) == 1 and lines[0].row is None and lines[0].problems[0]["check"] == "invalid_json"


def test_a_tip_note_past_the_csv_field_limit_reaches_the_suite_and_is_quarantined():
    note = "tolong dicek " * 20_000                                   # 260,000 characters, past 131,072
    body = (TIPS_HEADER + f'2024-10-01T10:00:00+08:00,https://x.com/a/status/1,wa 0812,"{note}",,\n'
            + "2024-10-01T11:00:00+08:00,https://x.com/a/status/2,,pendek,,\n").encode()
    rows = list(tip_rows(body))
    assert [r.row["note"][:12] if r.row else None for r in rows] == ["tolong dicek", "pendek"]
    outcome = validate.validate(validate.tips_frame([
        {"row_no": i, "received_at": r.row["received_at"], "post_url": r.row["post_url"], "note": r.row["note"]}
        for i, r in enumerate(rows)]), "tips")
    assert [f["check"] for f in outcome.failures[0]] == ["note_too_long"] and 1 not in outcome.failures


def test_a_tips_file_with_a_byte_order_mark_is_read():
    body = ("\ufeff" + TIPS_HEADER + "2024-10-01T10:00:00+08:00,https://x.com/a/status/1,,catatan,,\n").encode()
    rows = list(tip_rows(body))
    assert len(rows) == 1 and rows[0].problems == [] and rows[0].row["post_ref"] == "1"


def _landing(tmp_path, entries: list[dict]):
    folder = layout.api_folder(tmp_path / "landing", "x", dt.date(2024, 10, 1))
    folder.mkdir(parents=True)
    (folder / "ok.jsonl").write_text(json.dumps({"data": [], "meta": {"result_count": 0}}) + "\n")
    base = {"scope_kind": "timeline", "scope_key": "someone", "account": "someone", "endpoint": "/2/users/:id/tweets",
            "params": {}, "since": "2024-09-30T16:00:00+00:00", "until": "2024-10-01T16:00:00+00:00",
            "fetched_at": "2024-10-01T17:00:00+00:00", "complete": True}
    (folder / layout.MANIFEST).write_text(json.dumps({"fetches": [{**base, **e} for e in entries]}))
    return LandingSource(tmp_path / "landing", "Asia/Makassar"), folder


@pytest.mark.parametrize("name, reason", [
    ("../../../../../../etc/hostname", "outside the manifest's folder"),
    ("/etc/hostname", "outside the manifest's folder"),
    ("missing.jsonl", "is not there"),
    ("escape.jsonl", "outside the manifest's folder"),                  # a link that leads out
])
def test_a_manifest_names_only_files_in_its_own_folder(tmp_path, name, reason):
    source, folder = _landing(tmp_path, [{"fetch_id": "f1", "file": name}, {"fetch_id": "f2", "file": "ok.jsonl"}])
    secret = tmp_path / "secret.txt"
    secret.write_text("not for raw")
    (folder / "escape.jsonl").symlink_to(secret)
    fetches = list(source.fetches(Batch("api", "x", accounts=("someone",)), WINDOW))
    bad, good = fetches
    assert bad.pages == [] and not bad.complete and bad.outcome.status == "failed" and reason in bad.outcome.error
    assert good.pages and good.outcome is None


@pytest.mark.db
def test_ingest_records_the_refused_file_and_lands_nothing_of_it(engine, tmp_path):
    source, _ = _landing(tmp_path, [{"fetch_id": "f1", "file": "../../../../../../etc/hostname"},
                                    {"fetch_id": "f2", "file": "ok.jsonl"}])
    ingest.ingest_batch(engine, source, Batch("api", "x", accounts=("someone",)), WINDOW)
    with engine.connect() as conn:
        outcome = conn.execute(sa.text("SELECT status, error FROM ops.fetch_outcome WHERE fetch_id = 'f1'")).one()
        landed = conn.execute(sa.text("SELECT f.fetch_id, count(p.payload_id) FROM raw.fetch f "
                                      "LEFT JOIN raw.payload p USING (fetch_id) GROUP BY 1 ORDER BY 1")).all()
    assert outcome.status == "failed" and "outside the manifest's folder" in outcome.error
    assert [tuple(r) for r in landed] == [("f1", 0), ("f2", 1)]
