"""Ballot numbers in a post: calls to vote a number ("coblos yg no 2", "paslon 2", N fingers) and
numbers written plainly ("no 2", "02", "siji"), told apart from counts, times, dates and queues."""
from __future__ import annotations

import re

from netra.rules.lexicon import Lexicon
from netra.rules.references import Ref
from netra.rules.textnorm import normalize


class Ballots:
    """One election's ballot numbers and the patterns that find them, compiled from the cue lexicon
    (number words, fillers, units, ballot verbs)."""

    def __init__(self, numbers: list[int], lexicon: Lexicon):
        self.numbers = numbers
        cues = lexicon.cues
        self._units = {normalize(u) for u in cues.units}
        self._contexts = {normalize(w) for w in cues.number_contexts}
        self._word_numbers = {normalize(w): n for w, n in cues.number_words.items()}
        self._ballot_verbs = frozenset(normalize(f) for w in cues.ballot_verbs for f in lexicon.morphology.forms(w))
        number = "|".join([r"0?[1-9][0-9]?"] + [re.escape(w) for w in sorted(self._word_numbers, key=len, reverse=True)])
        fillers = "|".join(re.escape(normalize(w)) for w in sorted(cues.fillers, key=len, reverse=True))
        self._number_after = re.compile(rf"[\s:.,#(]*(?:(?:{fillers})(?![a-z])[\s:.,#(]*){{0,3}}({number})(?![a-z0-9])")
        markers = "|".join(re.escape(normalize(w)) for w in ("no", "nomor", "nomer", "nmr", "angka"))
        self._number_later = re.compile(rf"(?:[ ,]+[a-z]+){{1,4}}[ ,]+(?:{markers})[ .:]*({number})(?![a-z0-9])")
        self._number_list = re.compile(rf"(?:[ ,]*(?:,|dan|atau|&|/|sampai|hingga|-)[ ]*(?:(?:{markers})[ .:]*)?(?:{number})(?![a-z0-9]))+")
        self._number_before = re.compile(rf"(?<![a-z0-9])({number})\s*$")
        self._number_token = re.compile(rf"(?<![a-z0-9])({number})(?![a-z0-9])")
        self._next_word = re.compile(r"\s*([a-z%]+|[.:]\d)")
        self._prev_word = re.compile(r"([a-z]+)[\s:.,#]*$")

    def plain_numbers(self, t: str) -> set[int]:
        """Candidate numbers written in the post as numbers that count nothing ("no 2", "siji")."""
        return {n for m in self._number_token.finditer(t)
                if (n := self._number_value(m.group(1).lstrip("0") or "0")) in self.numbers
                and self.plain_number(t, m.start(), m.end())}

    def plain_number(self, t: str, start: int, end: int) -> bool:
        """A zero-padded number that is not a queue, room or polling-station number, time or date."""
        prev = self._prev_word.search(t, max(0, start - 24), start)
        if prev and prev.group(1) in self._contexts:
            return False
        nxt = self._next_word.match(t, end)
        return not (nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:"))

    def _counts(self, t: str, end: int) -> bool:
        """Whether the number ending at `end` counts something or is a date: "2 hari", "3 program"."""
        nxt = self._next_word.match(t, end)
        return bool(nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:"))

    def _number_value(self, token: str) -> int:
        return int(token) if token.isdigit() else self._word_numbers[token]

    def calls(self, t: str, cues, neutral_gesture: bool) -> tuple[list[Ref], list[tuple]]:
        """Ballot numbers introduced by a vote, ballot or opposition word ("coblos yg no 2", or a
        few words on: "coblos yang tengah, no 2"), or shown as N fingers; and the cues that list
        every pair's number instead ("coblos nomor 1, 2 atau 3"), which call for no one."""
        found, listing = [], []
        for cue in cues:
            start, end, cls = cue
            if cls in ("vote", "ballot", "oppose_before"):
                m = self._number_after.match(t, end) or (
                    self._number_later.match(t, end) if t[start:end] in self._ballot_verbs else None)
                if not m:
                    continue
                n = self._number_value(m.group(1))
                if n not in self.numbers or self._counts(t, m.end()):
                    continue
                calls = [Ref(start, m.end(), "NET-BALLOT", n)]      # "coblos no 1", then "atau 2", ", 3"
                if more := self._number_list.match(t, m.end()):
                    calls += [Ref(x.start(1), x.end(1), "NET-BALLOT", v)
                              for x in self._number_token.finditer(t, m.end(), more.end())
                              if (v := self._number_value(x.group(1))) in self.numbers and not self._counts(t, x.end())]
                if len(self.numbers) > 1 and {c.number for c in calls} >= set(self.numbers):
                    listing.append(cue)
                    for c in calls:
                        c.by_ballot_word = True
                else:
                    for c in calls:
                        c.stance, c.by_ballot_word = ("oppose" if cls == "oppose_before" else None), cls == "ballot"
                found += calls
            elif cls == "gesture" and not neutral_gesture:
                m = self._number_before.search(t, max(0, start - 16), start)
                if m and self._number_value(m.group(1)) in self.numbers:
                    found.append(Ref(m.start(), end, "NET-BALLOT", self._number_value(m.group(1))))
        return found, listing
