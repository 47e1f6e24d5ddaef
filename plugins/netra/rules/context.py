"""What the words around a reference say of it. Some clear it (someone else of that name, an
office holder, news passed on); some back a name that is also an everyday word (a slogan
chanted, a name praised or attacked in its own sentence)."""
from __future__ import annotations

import bisect
import re

from netra.rules.lexicon import zipf
from netra.rules.patterns import Patterns
from netra.rules.post import Post
from netra.rules.references import Ref
from netra.rules.textnorm import normalize

_WORDY = re.compile(r"[a-z0-9]")
_NEXT_CAPITALIZED = re.compile(r"[ \t]+([A-Z][a-z]{2,})\b")
_AS = re.compile(r" (?:sebagai|selaku) ")


def in_office(post: Post, r: Ref) -> bool:
    """A name right after an office title, or followed by "sebagai"/"selaku" and one, not a
    candidate's ("Wali Kota X", "Presiden @x", "X selaku Menkes", not "calon wali kota X")."""
    t, offices = post.t, post.ends["office"]
    for end in (r.start, r.start - 1, r.start - 2):
        if end in offices and (end == r.start or t[end:r.start] in (" ", " @")) \
                and not t[max(0, offices[end] - 7):offices[end]].endswith("calon "):
            return True
    after = _AS.match(t, r.end)
    return bool(after and after.end() in post.starts["office"])


def namesake(patterns: Patterns, post: Post, r: Ref) -> bool:
    """Another person of the same common given name: "Dr. Nurhayati Fitriani", "Bu Kartika
    Sari". The name is capitalized and so is the next word, which is none of the candidates' names, not
    a cue and not a common word (surnames, not "Sekarang" or "Jadi"); posts written In Title
    Case are left alone."""
    if not patterns.ordinary_name(post.t[r.start:r.end].split()[-1]):
        return False            # "Suardana Bicara ...": a distinctive name has no namesakes
    s, e = post.nt.span(r.start, r.end)
    nxt = _NEXT_CAPITALIZED.match(post.text, e)
    if not (nxt and post.text[s:e][:1].isupper()):
        return False
    word = normalize(nxt.group(1))
    if word in patterns.all_name_tokens or word in patterns.cue_words or zipf(word) >= patterns.surname_zipf:
        return False
    return not post.title_case


def addressed_and_judged(patterns: Patterns, post: Post, r: Ref) -> bool:
    """A common given name the election file lists ("Fauzan", "Bang Rizki"), or a misspelt
    name ("Ardiansah"), praised or attacked in its own sentence: someone takes a side on a
    person of that name. A name that is also a word ("Harum sekali!") is not enough."""
    words = post.t[r.start:r.end].split()
    if r.rule_id != "NET-NAME" or not (r.typo or words[0] in patterns.honorifics or all(
            w in patterns.given_names for w in words)):
        return False
    head, tail = post.sentences.around(r.start, r.end)
    return any(cls in ("praise", "negative", "vote") and stop <= tail for _, stop, cls in post.cues_within(head, tail))


def chanted(post: Post, r: Ref) -> bool:
    """A slogan standing as a sentence of its own ("Teluk Sari Maju! 🔥") or after a chant word
    ("Salam Rinjani Bangkit"), not inside an everyday sentence."""
    chants = post.ends["chant"]
    if r.start in chants or r.start - 1 in chants:
        return True
    i = bisect.bisect_left(post.breaks, r.start)
    head = post.t[post.breaks[i - 1] + 1 if i else 0:r.start]
    j = bisect.bisect_left(post.breaks, r.end)
    tail = post.t[r.end:post.breaks[j] if j < len(post.breaks) else len(post.t)]
    return not (_WORDY.search(head) or _WORDY.search(tail))


def reporting(post: Post, refs: list[Ref]) -> str | None:
    """Why a post with no judging word and no voice of the poster reads as news passed on, or
    None: a headline, a candidate's words reported ("Rizki menyebut ...", "disampaikan
    Suardana"), or an article link."""
    if post.form.headline:
        return "reporting: written as a headline"
    said = sorted(post.ends["report"].items(), key=lambda e: e[1])      # (end, start) by start
    if said:
        starts, ends = [s for _, s in said], sorted(post.ends["report"])
        for r in refs:          # a report word starting just after the name, or ending just before it
            after = bisect.bisect_left(starts, r.end)
            before = bisect.bisect_right(ends, r.start) - 1
            if (after < len(starts) and starts[after] - r.end <= 14) or (before >= 0 and r.start - ends[before] <= 14):
                return "reporting: what a candidate said"
    if post.form.news_link:
        return "reporting: article link"
    return None
