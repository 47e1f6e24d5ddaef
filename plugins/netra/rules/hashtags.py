"""Where the words of a hashtag begin and end: #TusukRizkiYuni is tusuk|rizki|yuni,
#BeraniPilih02 is berani|pilih|02, #AsalBukanRizki is asal|bukan|rizki.

Posts fold case before matching, so camel case is gone by then; the split is the one that uses
the fewest known words, words being Indonesian words (wordfreq's list and the dictionary of
roots) and the election's own names and the cue words. A run of letters no known word covers
stays one unknown piece, so a short word is not found inside an unknown one by accident.
"""
from __future__ import annotations

import re
from collections.abc import Callable

_HASHTAG = re.compile(r"#([a-z0-9]{3,})")
MAX_WORD = 24
MAX_HASHTAG = 60


def _unknown(length: int) -> float:
    """The cost of an unknown piece, beside 1 for a known word: one piece is cheaper than two."""
    return 2.0 + 0.5 * length


def hashtag_spans(t: str) -> list[tuple[int, int]]:
    """(start, end) of each hashtag's body in a normalized text, "#" left out."""
    return [m.span(1) for m in _HASHTAG.finditer(t)]


def split(body: str, known: Callable[[str], bool]) -> list[int]:
    """Offsets inside body where a word ends (the last is len(body)), in order, for the split
    into the fewest known words (an unknown piece costs more, the longer it is)."""
    n = len(body)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for end in range(1, n + 1):
        for start in range(end):
            piece = body[start:end]
            if piece.isdigit():
                cost = 1.0 if start == 0 or not body[start - 1].isdigit() else float("inf")
            elif end - start <= MAX_WORD and known(piece):
                cost = 1.0
            else:
                cost = _unknown(end - start)
            if best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start)
    cuts, at = [], n
    while at > 0:
        cuts.append(at)
        at = best[at][1]
    return sorted(cuts)


def boundaries(t: str, known: Callable[[str], bool]) -> set[int]:
    """Every position of t where a word inside a hashtag begins or ends. A hashtag longer than
    MAX_HASHTAG letters is no one's campaign tag: it stays whole (and the split's cost bounded)."""
    found: set[int] = set()
    for start, end in hashtag_spans(t):
        found.add(start)
        if end - start <= MAX_HASHTAG:
            found.update(start + cut for cut in split(t[start:end], known))
    return found
