"""A post's text cut into runs at its evidence spans, for highlighting: the case's PDF marks them,
the reports mark them in HTML."""
from __future__ import annotations

from collections.abc import Iterable


def runs(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[tuple[str, str | None], ...]:
    """(chunk, label) pairs in order, a span's chunk carrying its label and the text between spans
    None; a span overlapping an earlier one joins it, and empty chunks are left out."""
    out, pos = [], 0
    for start, end, label in sorted(spans):
        if start < pos:
            continue
        out += [(text[pos:start], None), (text[start:end], label)]
        pos = end
    out.append((text[pos:], None))
    return tuple(r for r in out if r[0])
