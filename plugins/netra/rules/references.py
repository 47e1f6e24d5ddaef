"""Finding references to candidates in a post's normal form, and quoting them from the original.

Matching runs on the normal form t (netra.rules.textnorm); evidence is cut from the text as
written, so every span found is carried back through Tracked, and only once it is evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from netra.rules import hashtags
from netra.rules.patterns import Patterns
from netra.rules.postform import PostForm
from netra.rules.textnorm import normalize_tracked


@dataclass
class Ref:
    start: int
    end: int
    rule_id: str
    number: int
    stance: str | None = None       # fixed by the cue that introduced it (ballot calls)
    incumbent: bool = False
    person: int | None = None
    by_ballot_word: bool = False    # "paslon 2", "nomor urut 2": how news names a pair too
    kind: str = "direct"            # direct, backed, address (a handle that only addresses), link
    typo: bool = False


class Tracked:
    """normalize_tracked(text), computed on first use. An ASCII text folds one character to one
    and the later steps only delete, so when its normal form t is as long, offsets are equal."""

    def __init__(self, text: str, t: str):
        self._text, self._nt = text, None
        self._same = len(text) == len(t) and text.isascii()

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._same:
            return start, end
        if self._nt is None:
            self._nt = normalize_tracked(self._text)
        return self._nt.span(start, end)


def matches(patterns: Patterns, t: str) -> list[tuple[int, int, tuple, bool]]:
    """(start, end, entries, inside a hashtag) of every key at word boundaries, or at the
    boundaries of a hashtag's words; a match inside a longer one is dropped."""
    found, inner = [], None
    for end, (key, entries) in patterns.full.iter(t):
        start = end - len(key) + 1
        if key[0] == "#" and start > 0 and t[start - 1].isalnum():
            continue
        if (key[0].isalnum() and start > 0 and t[start - 1].isalnum()) or (
                key[-1].isalnum() and end + 1 < len(t) and t[end + 1].isalnum()):
            if inner is None:
                inner = hashtags.boundaries(t, patterns.vocabulary.__contains__) if "#" in t else set()
            if not (start in inner and end + 1 in inner):
                continue
            # inside a hashtag, its words name people and carry cues; slogans and tags are whole
            entries = tuple(e for e in entries if e[0] != "ref" or e[1].rule_id == "NET-NAME")
            if entries:
                found.append((start, end + 1, entries, True))
            continue
        found.append((start, end + 1, entries, key[0] == "#" or (start > 0 and t[start - 1] == "#")))
    found.sort(key=lambda m: (m[0], -m[1]))
    kept = []
    for m in found:
        if kept and m[1] <= kept[-1][1] and m[0] >= kept[-1][0]:
            continue
        kept.append(m)
    return kept


def kind_at(form: PostForm, nt: Tracked, start: int, end: int) -> str:
    """direct (the poster's words), address (a handle that only addresses) or link."""
    if "@" not in form.text and "/" not in form.text and "." not in form.text:
        return "direct"
    s, e = nt.span(start, end)
    if form.in_url(s, e):
        return "link"
    if form.is_addressed(s, e):
        return "address"
    return "direct"


def obfuscated(nt: Tracked, text: str, t: str, r: Ref) -> bool:
    """Spelt out to dodge a filter (W.a.h.y.u.n.i, R1zk1): fewer letters than the key, or many
    separators between them. That is intent, so it backs a name that is also a common word."""
    s, e = nt.span(r.start, r.end)
    original, key = text[s:e], t[r.start:r.end]
    letters = sum(ch.isalpha() for ch in original)
    separators = len(original) - sum(ch.isalnum() for ch in original) - key.count(" ")
    return letters < len(key.replace(" ", "")) or separators >= max(2, (letters - 1) // 2)


def evidence(nt: Tracked, text: str, r: Ref) -> dict:
    """A reference as written, with its offsets in the original text: what a reviewer reads."""
    s, e = nt.span(r.start, r.end)
    return {"text": text[s:e], "start": s, "end": e, "candidate_number": r.number}


def explained(nt: Tracked, text: str, r: Ref, stance: str | None, counted: bool) -> dict:
    """A reference as a verdict lists it, counted or not, so a guard's effect can be read."""
    return {**evidence(nt, text, r), "rule_id": r.rule_id, "kind": r.kind, "stance": stance, "counted": counted}


def quotes(nt: Tracked, text: str, refs: list[Ref], most: int = 5) -> str:
    """The first few references as written, for a guard's reason."""
    shown = [repr(text[slice(*nt.span(r.start, r.end))]) for r in refs[:most]]
    return ", ".join(shown) + (f" and {len(refs) - most} more" if len(refs) > most else "")
