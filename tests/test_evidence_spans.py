"""A text cut at its evidence spans: in order whatever order the spans come in, an overlapping span
joins the earlier one, nothing empty, and the chunks put together are the text."""
from __future__ import annotations

from netra import evidence_spans


def test_spans_cut_the_text_in_order_and_an_overlap_joins_the_earlier_span():
    text = "Ayo coblos nomor 2 besok"
    got = evidence_spans.runs(text, [(11, 18, "R2"), (0, 3, "R1"), (15, 20, "R3")])
    assert got == (("Ayo", "R1"), (" coblos ", None), ("nomor 2", "R2"), (" besok", None))
    assert "".join(chunk for chunk, _ in got) == text
    assert evidence_spans.runs("nomor 2", [(0, 7, "R")]) == (("nomor 2", "R"),)
    assert evidence_spans.runs("tanpa bukti", []) == (("tanpa bukti", None),)
