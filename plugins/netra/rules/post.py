"""A post under analysis and its sentences, worked out once per post and shared by the stance
and context readings (netra.rules.stance, netra.rules.context), so none of them scans it again."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import cached_property

from netra.rules.postform import PostForm
from netra.rules.references import Tracked

_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")


class Post:
    """One post under analysis and what is worked out once for it: its cues in text order, by
    class, where its sentences end, whether it is written In Title Case."""

    def __init__(self, text: str, t: str, nt: Tracked, form: PostForm):
        self.text, self.t, self.nt, self.form = text, t, nt, form
        self.set_cues([])

    def set_cues(self, cues: list[tuple[int, int, str]]) -> None:
        self.cues = cues
        self.cue_starts = [c[0] for c in cues]
        self.classes = {c for _, _, c in cues}
        self.ends: dict[str, dict[int, int]] = defaultdict(dict)        # class -> cue end -> its start
        self.starts: dict[str, set[int]] = defaultdict(set)
        for start, end, cls in cues:
            self.ends[cls][end] = start
            self.starts[cls].add(start)

    def cues_within(self, head: int, tail: int) -> list[tuple[int, int, str]]:
        return self.cues[bisect.bisect_left(self.cue_starts, head):bisect.bisect_left(self.cue_starts, tail + 1)]

    @cached_property
    def sentences(self) -> "Sentences":
        return Sentences(self.t)

    @cached_property
    def breaks(self) -> list[int]:
        """Where . ! ? and line ends are (a slogan standing alone between them is shouted)."""
        return [m.start() for m in _SENTENCE_BREAK.finditer(self.t)]

    @cached_property
    def title_case(self) -> bool:
        words = _LONG_WORD.findall(self.text)
        return sum(w[0].isupper() for w in words) > 0.75 * len(words)


class Sentences:
    """Where the sentences of a normalized text end, found once per post."""

    def __init__(self, t: str):
        self.length = len(t)
        found = list(_SENTENCE_END.finditer(t))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(head, tail) of the sentence holding [start, end): after the last sentence end before
        it, up to the first one after it."""
        i = bisect.bisect_right(self.ends, start)
        head = self.ends[i - 1] if i else 0
        j = bisect.bisect_left(self.starts, end)
        return head, self.starts[j] if j < len(self.starts) else self.length
