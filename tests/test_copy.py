"""COPY's text format, as the loader writes it: values with every character it escapes, NULL,
empty text and a literal backslash-N come back as they went in, and stage rows formatted by their
known types (stage.post_text) are byte for byte what the generic formatter writes."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from netra import stage, warehouse
from netra.extract.fetch import Batch
from netra.normalize.parse import COLUMNS
from netra.window import Window

UTC = dt.timezone.utc
AWKWARD = ["back\\slash", "tab\there", "new\nline", "carriage\rreturn", "\\N", "", "é 😀 ١٢٣", "\\t literally"]
WINDOW = Window(dt.datetime(2024, 11, 22, 16, tzinfo=UTC), dt.datetime(2024, 11, 23, 16, tzinfo=UTC))


@pytest.mark.db
def test_copy_rows_brings_back_every_escaped_character_null_and_empty_text(engine):
    rows = [(text, {"k": text, "n": [1, None]}, n, dt.datetime(2024, 11, 23, n, tzinfo=UTC))
            for n, text in enumerate(AWKWARD)] + [(None, None, None, None)]
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TEMP TABLE copied (t text, j jsonb, n int, at timestamptz)"))
        assert warehouse.copy_rows(conn, "pg_temp.copied", ("t", "j", "n", "at"), rows) == len(rows)
        back = conn.execute(sa.text("SELECT t, j, n, at FROM pg_temp.copied ORDER BY n NULLS LAST")).all()
    assert [tuple(r) for r in back] == rows


def _normalized(n: int, text: str, **row) -> SimpleNamespace:
    fields = {c: None for c in COLUMNS} | {
        "platform": "x", "post_id": str(1000 + n), "account_handle": text or None, "created_at":
        dt.datetime(2024, 11, 23, 2, n, tzinfo=UTC), "post_type": "original", "text": text,
        "metrics": {"likes": n, "note": text}, "content_hash": "0" * 64, "text_key": text.casefold()} | row
    item = SimpleNamespace(item_no=n, row=fields)
    return SimpleNamespace(payload_id=(1 << 40) + n, item=item, source="capture",
                           seen_at=dt.datetime(2024, 11, 23, 3, tzinfo=UTC))


def test_stage_rows_formatted_by_type_match_the_generic_formatter():
    batch = Batch("intake", "all")
    good = [_normalized(n, text) for n, text in enumerate(AWKWARD)] + [
        _normalized(20, "a comment", post_type="comment", parent_post_id="7", ref_post_id="7", ref_account="tab\tnot"),
        SimpleNamespace(source="tips", item=None, payload_id=1, seen_at=None)]         # tips are not stage rows
    generic = ((batch.key, WINDOW.start, WINDOW.end, n.payload_id, n.item.item_no, n.seen_at, n.source)
               + tuple(n.item.row[c] for c in COLUMNS) + (n.item.row["content_hash"], n.item.row["text_key"])
               for n in good if n.source != "tips")
    assert list(stage.post_text(batch, WINDOW, good, limit=200)) == list(warehouse.copy_chunks(generic, limit=200))
    assert sum(rows for _, rows in stage.post_text(batch, WINDOW, good)) == len(AWKWARD) + 1
