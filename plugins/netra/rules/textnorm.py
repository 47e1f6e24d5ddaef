"""Text as the matcher sees it, with a map back to the original for evidence offsets.

Per character: NFKD, combining marks and zero-width/variation selectors dropped, casefolded.
So keycap emoji 2️⃣ become "2", "Fauzán" becomes "fauzan", and every normalized character knows
which original character it came from.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f", "\u20e3"}


@dataclass(frozen=True)
class NormText:
    text: str
    origin: tuple[int, ...]     # origin[i]: index in the original of normalized character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalized [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> NormText:
    out, origin = [], []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part) or part in _DROP:
                continue
            for folded in part.casefold():
                out.append(folded)
                origin.append(i)
    return NormText("".join(out), tuple(origin))
