"""The text rules: who a post is about, and whether it takes a side.

Everything election-specific is compiled from the election file (names, aliases, pair names,
slogans, hashtags, ballot numbers); everything linguistic comes from the cue lexicons. Both are
normalized like the text (netra.rules.textnorm) and go into one Aho-Corasick automaton, matched
at word boundaries, so "Bu Yuni" never matches inside "Bu Yuniarti".

A post is judged in two passes. A batch of posts is normalized and scanned in one go for
anything that could start a reference (a name, number, gesture or vote word); only the few posts
that have one are analysed, with offsets tracked back into the original text:

- references: names and aliases (an alias made of common words or names needs election context
  in the post), slogans, hashtags, ballot numbers after a vote or ballot word ("coblos yg no 1",
  "paslon 2"), zero-padded numbers ("01", 0️⃣1️⃣, not after TPS or loket), finger gestures
  ("salam dua jari", and finger emoji that a cue or the same number backs);
- stance per reference: the nearest vote or opposition cue before it in its sentence, or an
  opposition cue after it ("X cuma janji manis"); support otherwise;
- guards: a post that names every pair without taking sides is information; a post with
  neutral-information cues (KPU, Bawaslu, pengumuman, cuti ...), or that names candidates only
  by their office ("Wali Kota X meresmikan ..."), with no campaign cue, slogan, hashtag or
  ballot call, is not a finding (the incumbent named on an official account is kept for review).
Interactions with candidate accounts are a rule over the warehouse (include/sql/rules/).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import accumulate
from dataclasses import dataclass, field

import ahocorasick

from netra.rules.catalogue import Catalogue
from netra.rules.election import Candidate, Election
from netra.rules.lexicon import Lexicon, zipf
from netra.rules.textnorm import normalize, normalize_joined, normalize_tracked

TRIGGERS = {"vote", "ballot", "oppose_before", "gesture"}     # cue classes that can start a reference
CONTEXT = {"vote", "attend", "oppose_before", "oppose_after", "election", "ballot"}
CAMPAIGN = {"vote", "attend", "oppose_before", "oppose_after"}
STRONG = {"NET-SLOGAN", "NET-HASHTAG", "NET-BALLOT"}
CUE_CLASSES = ("vote", "praise", "attend", "oppose_before", "oppose_after", "neutral", "office", "listing",
               "election", "ballot", "gesture", "gesture_neutral", "chant")
_SENTENCE_END = re.compile(r"[.!?;]\s")
_SENTENCE_BREAK = re.compile(r"[.!?]")
_WORDY = re.compile(r"[a-z0-9]")
_NEXT_CAPITALIZED = re.compile(r"[ \t]+([A-Z][a-z]{2,})\b")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True)
class RefPattern:
    rule_id: str
    number: int
    ambiguous: bool
    incumbent: bool
    person: int | None = None       # which of the pair's people a name names


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


@dataclass
class Hit:
    rule_id: str
    candidate_numbers: list[int]
    evidence: list[dict] = field(default_factory=list)
    stance: str | None = "support"


@dataclass
class Verdict:
    """What the text rules say of one post. `supports` includes the pair an attack favours in a
    two-pair race; `stance` is the post's own: support, oppose or mixed."""
    flagged: bool
    hits: list[Hit]
    supports: list[int]
    opposes: list[int]
    stance: str | None
    incumbent: list[dict]           # evidence of the incumbent being named, flagged or not

    @property
    def candidate_numbers(self) -> list[int]:
        return sorted(set(self.supports) | set(self.opposes))


class _Tracked:
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


def _tokens(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s)


class Engine:
    def __init__(self, election: Election, catalogue: Catalogue, lexicon: Lexicon):
        self.election, self.catalogue, self.lexicon = election, catalogue, lexicon
        self.numbers = sorted(c.number for c in election.candidates)
        self._p = {r.id: r.params for r in catalogue.rules}
        self._favours_other = catalogue.stance.attack_in_two_pair_race_favours_other and len(self.numbers) == 2
        self._ordinary = lexicon.common.ordinary()
        self._surname_zipf = lexicon.common.surname_below_zipf
        self._region = set(normalize(election.election.region).split())
        self._name_tokens = {c.number: {tok for p in c.people for n in [p.name, *p.aliases] for tok in _tokens(normalize(n))}
                             | set(_tokens(normalize(c.pair_name))) for c in election.candidates}
        self._cue_words = {tok for cls in CUE_CLASSES for w in getattr(lexicon.cues, cls) for tok in _tokens(normalize(w))}
        self._titles = {normalize(t).replace(".", "") for t in lexicon.common.titles}
        cues = lexicon.cues
        self._units = {normalize(u) for u in cues.units}
        self._contexts = {normalize(w) for w in cues.number_contexts}
        self._word_numbers = {normalize(w): n for w, n in cues.number_words.items()}
        full: dict[str, set] = defaultdict(set)
        for c in election.candidates:
            for key, entry in self._references(c):
                full[key].add(entry)
        for cls in CUE_CLASSES:
            for word in getattr(cues, cls):
                full[normalize(word)].add(("cue", cls))
        region = normalize(election.election.region)
        for place in {region, region.partition(" ")[2]} - {""}:   # "Teluk Sari" holds no one's "Sari"
            full[place].add(("place", None))
        for emoji, n in cues.finger_emoji.items():
            if n in self.numbers:
                full[normalize(emoji)].add(("finger", n))
        for n in self.numbers:
            if n < 10:
                full[f"0{n}"].add(("zero", n))
        self._full = self._automaton({k: v for k, v in full.items() if k.strip()})
        trigger = {k: v for k, v in full.items() if k.strip() and any(
            e[0] in ("ref", "finger", "zero") or (e[0] == "cue" and e[1] in TRIGGERS) for e in v)}
        self._trigger = self._automaton(trigger)
        number = "|".join([r"0?[1-9][0-9]?"] + [re.escape(w) for w in sorted(self._word_numbers, key=len, reverse=True)])
        fillers = "|".join(re.escape(normalize(w)) for w in sorted(cues.fillers, key=len, reverse=True))
        self._number_after = re.compile(rf"[\s:.,#(]*(?:(?:{fillers})(?![a-z0-9])[\s:.,#(]*){{0,3}}({number})(?![a-z0-9])")
        self._number_before = re.compile(rf"(?<![a-z0-9])({number})\s*$")
        self._number_token = re.compile(rf"(?<![a-z0-9])({number})(?![a-z0-9])")
        self._next_word = re.compile(r"\s*([a-z%]+|[.:/]\d)")
        self._prev_word = re.compile(r"([a-z]+)[\s:.,#]*$")

    # -- compiling the election file -------------------------------------------------------------
    def _references(self, c: Candidate):
        """(normalized key, entry) for every way a post can refer to candidate c."""
        derive = self._p["NET-NAME"]["derive_aliases"]
        tags = self._p["NET-HASHTAG"]["pair_and_slogan_hashtags"]
        name_ctx = self._p["NET-NAME"]["ambiguous_alias_needs_context"]
        slogan_ctx = self._p["NET-SLOGAN"]["ambiguous_slogan_needs_context"]
        people = [(p, {normalize(x) for x in [p.name, *p.aliases]}) for p in c.people]

        def incumbent(key: str) -> bool:
            return any(p.incumbent and any(key in _tokens(n) or key == n for n in names) for p, names in people)

        def ambiguous(key: str) -> bool:
            return all(self._ordinary(tok) for tok in key.split())

        def ambiguous_slogan(key: str) -> bool:
            """Ordinary words besides the region's name, fewer than three: "Teluk Sari Maju" is also
            what an official writes; three ordinary words in a row are a phrase, not chance."""
            words = [tok for tok in key.split() if tok not in self._region]
            return all(self._ordinary(tok) for tok in words) and len(words) < 3

        def ref(rule: str, key: str, inc: bool, needs_ctx: bool, person: int | None = None):
            return key, ("ref", RefPattern(rule, c.number, needs_ctx and ambiguous(key), inc, person))

        for i, person in enumerate(c.people):
            names = [normalize(a) for a in person.aliases]
            if derive:
                names.append(self._strip_titles(person.name))
            for key in names:
                yield ref("NET-NAME", key, person.incumbent, name_ctx, i)
                if derive and " " in key:
                    yield ref("NET-NAME", key.replace(" ", ""), person.incumbent, name_ctx, i)
            if derive:                  # single names and surnames: "Wahyuni" of "Sri Wahyuni"
                for token in {tok for key in names for tok in key.split()} - self._titles:
                    if len(token) >= 4 and not self._ordinary(token):
                        yield token, ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i))
        pair = normalize(c.pair_name)
        yield ref("NET-NAME", pair, False, name_ctx and " " not in pair)     # two names joined are no accident
        if derive:
            yield ref("NET-NAME", pair.replace(" ", ""), False, False)
            for part in pair.split():
                whose = next((i for i, (_, names) in enumerate(people) if any(part in _tokens(n) for n in names)), None)
                yield ref("NET-NAME", part, incumbent(part), name_ctx, whose)
        if tags:
            yield ref("NET-HASHTAG", "#" + pair.replace(" ", ""), False, False)
        for slogan in c.slogans:
            key = normalize(slogan)
            yield key, ("ref", RefPattern("NET-SLOGAN", c.number, slogan_ctx and ambiguous_slogan(key), False))
            if tags:
                yield ref("NET-HASHTAG", "#" + key.replace(" ", ""), False, False)
        for tag in c.hashtags:
            key = normalize(tag)
            yield ref("NET-HASHTAG", key, False, False)
            if len(key) > 4:
                yield ref("NET-HASHTAG", key[1:], False, name_ctx)

    def _strip_titles(self, name: str) -> str:
        """"Drs. H. Lalu Muhammad Syafii, M.Si." -> "lalu muhammad syafii"."""
        words = normalize(name.split(",")[0]).split()
        return " ".join(w for w in words if w.replace(".", "") not in self._titles).replace(".", "")

    @staticmethod
    def _automaton(patterns: dict[str, set]) -> ahocorasick.Automaton:
        a = ahocorasick.Automaton()
        for key, entries in patterns.items():
            a.add_word(key, (key, tuple(entries)))
        a.make_automaton()
        return a

    # -- judging ------------------------------------------------------------------------------------
    def evaluate(self, text: str) -> Verdict | None:
        """One post (evaluate_many is the fast way for many)."""
        return self.evaluate_many([text])[0]

    def evaluate_many(self, texts: list[str]) -> list[Verdict | None]:
        """One verdict per text: None when nothing in it refers to a candidate."""
        texts = [t.replace("\x00", " ") if t and "\x00" in t else (t or "") for t in texts]
        joined = normalize_joined(texts, "\x00")
        parts = joined.split("\x00")
        ends = list(accumulate(map(len, parts), lambda at, size: at + size + 1))   # where each part's \x00 is
        verdicts: list[Verdict | None] = [None] * len(texts)
        for i in {bisect.bisect_left(ends, end) for end, _ in self._trigger.iter(joined)}:
            verdicts[i] = self._analyse(texts[i], parts[i])
        return verdicts

    def _matches(self, t: str) -> list[tuple[int, int, tuple]]:
        found = []
        for end, (key, entries) in self._full.iter(t):
            start = end - len(key) + 1
            if (key[0].isalnum() and start > 0 and t[start - 1].isalnum()) or (
                    key[-1].isalnum() and end + 1 < len(t) and t[end + 1].isalnum()) or (
                    key[0] == "#" and start > 0 and t[start - 1].isalnum()):
                continue
            found.append((start, end + 1, entries))
        found.sort(key=lambda m: (m[0], -m[1]))
        kept = []
        for m in found:                                 # drop matches inside a longer one
            if kept and m[1] <= kept[-1][1] and m[0] >= kept[-1][0]:
                continue
            kept.append(m)
        return kept

    def _analyse(self, text: str, t: str) -> Verdict | None:
        """Judge one post from its normal form t; offsets are tracked only once there is evidence."""
        nt = _Tracked(text, t)
        refs: list[Ref] = []
        ambiguous: list[Ref] = []
        cues: list[tuple[int, int, str]] = []
        fingers: list[Ref] = []
        for start, end, entries in self._matches(t):
            numbers = {e[1].number for e in entries if e[0] == "ref"}
            for e in entries:
                if e[0] == "cue":
                    cues.append((start, end, e[1]))
                elif e[0] == "ref" and len(numbers) == 1:       # a key two pairs share names neither
                    r = Ref(start, end, e[1].rule_id, e[1].number, incumbent=e[1].incumbent, person=e[1].person)
                    (ambiguous if e[1].ambiguous else refs).append(r)
                elif e[0] == "finger":
                    fingers.append(Ref(start, end, "NET-BALLOT", e[1]))
                elif e[0] == "zero" and self._p["NET-BALLOT"]["zero_padded_number_alone"] and self._plain_number(t, start, end):
                    refs.append(Ref(start, end, "NET-BALLOT", e[1]))
        classes = {c for _, _, c in cues}
        refs = [r for r in refs if not (r.rule_id == "NET-NAME" and self._namesake(nt, text, r))]
        ambiguous = [r for r in ambiguous if not (r.rule_id == "NET-NAME" and self._namesake(nt, text, r))]
        refs += self._ballot_calls(t, cues, "gesture_neutral" in classes)
        if fingers:                 # a finger emoji and the same number or candidate back each other
            backed = {r.number for r in refs + ambiguous} | self._plain_numbers(t)
            cued = not self._p["NET-BALLOT"]["finger_emoji_needs_cue"] or {"vote", "election"} <= classes
            refs += [f for f in fingers if cued or f.number in backed]
        if ambiguous and (refs or classes & CONTEXT):
            refs += ambiguous
        elif ambiguous:     # names that back each other: both of a pair's people, or its number too
            people = defaultdict(set)
            for r in ambiguous:
                people[r.number].add(r.person)
            backed = {n for n, persons in people.items() if len(persons - {None}) > 1} | self._plain_numbers(t)
            # spelling a name out (W.a.h.y.u.n.i, R1zk1) is intent; so is a slogan shouted
            refs += [r for r in ambiguous if r.number in backed or self._obfuscated(nt, text, t, r) or (
                r.rule_id == "NET-SLOGAN" and self._chanted(t, r, cues))]
        if not refs:
            return None
        refs.sort(key=lambda r: r.start)
        incumbent = [self._evidence(nt, text, r) for r in refs if r.incumbent]
        stances = [self._stance(t, r, refs, cues) for r in refs]
        supports = {r.number for r, s in zip(refs, stances, strict=True) if s == "support"}
        opposes = {r.number for r, s in zip(refs, stances, strict=True) if s == "oppose"}
        quiet = Verdict(False, [], [], [], None, incumbent)
        contrast = bool(opposes and supports - opposes)
        if len(self.numbers) > 1 and {r.number for r in refs} >= set(self.numbers) and not contrast:
            return quiet                    # names every pair without taking sides: information
        if self._p["NET-NAME"]["neutral_context_clears"] and not classes & CAMPAIGN:
            # News and notices: a name, or "paslon nomor urut 2", beside KPU, Bawaslu, a schedule ...
            named_only = not any(r.rule_id in STRONG and not r.by_ballot_word for r in refs)
            if named_only and "praise" not in classes and (
                    classes & {"neutral", "listing"} or len({r.number for r in refs}) > 1):
                return quiet        # ... or two pairs weighed with no word for or against either
            if not any(r.rule_id in STRONG for r in refs) and all(self._in_office(t, r, cues) for r in refs):
                return quiet
        implied = set()
        if self._favours_other and opposes and not supports:
            implied = set(self.numbers) - opposes
        hits: dict[str, Hit] = {}
        for r, s in zip(refs, stances, strict=True):
            h = hits.setdefault(r.rule_id, Hit(r.rule_id, [], stance=s))
            if r.number not in h.candidate_numbers:
                h.candidate_numbers.append(r.number)
            if h.stance != s:
                h.stance = "mixed"
            h.evidence.append(self._evidence(nt, text, r))
        for h in hits.values():
            h.candidate_numbers.sort()
        stance = "mixed" if contrast else ("oppose" if opposes else "support")
        return Verdict(True, [hits[k] for k in sorted(hits)], sorted(supports | implied), sorted(opposes), stance, incumbent)

    @staticmethod
    def _in_office(t: str, r: Ref, cues) -> bool:
        """A name right after an office title, not a candidate's ("Wali Kota X", not "calon wali kota X")."""
        return any(cls == "office" and 0 <= r.start - end <= 1 and not t[max(0, start - 7):start].endswith("calon ")
                   for start, end, cls in cues)

    def _namesake(self, nt: _Tracked, text: str, r: Ref) -> bool:
        """Another person of the same given name: "Dr. Nurhayati Fitriani", "Bu Kartika Sari". The
        name is capitalized and so is the next word, which is none of the candidate's own names,
        not a cue and not a common word (surnames, not "Sekarang" or "Jadi"); posts written In
        Title Case are left alone."""
        s, e = nt.span(r.start, r.end)
        nxt = _NEXT_CAPITALIZED.match(text, e)
        if not (nxt and text[s:e][:1].isupper()):
            return False
        word = normalize(nxt.group(1))
        if word in self._name_tokens[r.number] or word in self._cue_words or zipf(word) >= self._surname_zipf:
            return False
        words = _LONG_WORD.findall(text)
        return sum(w[0].isupper() for w in words) <= 0.75 * len(words)

    @staticmethod
    def _chanted(t: str, r: Ref, cues) -> bool:
        """A slogan standing as a sentence of its own ("Teluk Sari Maju! 🔥") or after a chant word
        ("Salam Rinjani Bangkit"), not inside an everyday sentence."""
        if any(cls == "chant" and 0 <= r.start - end <= 1 for _, end, cls in cues):
            return True
        head = t[max(t.rfind(ch, 0, r.start) for ch in ".!?") + 1:r.start]
        tail = t[r.end:(m.start() if (m := _SENTENCE_BREAK.search(t, r.end)) else len(t))]
        return not (_WORDY.search(head) or _WORDY.search(tail))

    def _plain_numbers(self, t: str) -> set[int]:
        """Candidate numbers written in the post as numbers that count nothing ("no 2", "siji")."""
        return {n for m in self._number_token.finditer(t)
                if (n := self._number_value(m.group(1).lstrip("0") or "0")) in self.numbers
                and self._plain_number(t, m.start(), m.end())}

    @staticmethod
    def _obfuscated(nt: _Tracked, text: str, t: str, r: Ref) -> bool:
        s, e = nt.span(r.start, r.end)
        original, key = text[s:e], t[r.start:r.end]
        letters = sum(ch.isalpha() for ch in original)
        separators = len(original) - sum(ch.isalnum() for ch in original) - key.count(" ")
        return letters < len(key.replace(" ", "")) or separators >= max(2, (letters - 1) // 2)

    @staticmethod
    def _evidence(nt: _Tracked, text: str, r: Ref) -> dict:
        s, e = nt.span(r.start, r.end)
        return {"text": text[s:e], "start": s, "end": e, "candidate_number": r.number}

    def _plain_number(self, t: str, start: int, end: int) -> bool:
        """A zero-padded number that is not a queue, room or polling-station number, time or date."""
        prev = self._prev_word.search(t, max(0, start - 24), start)
        if prev and prev.group(1) in self._contexts:
            return False
        nxt = self._next_word.match(t, end)
        return not (nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:/"))

    def _number_value(self, token: str) -> int:
        return int(token) if token.isdigit() else self._word_numbers[token]

    def _ballot_calls(self, t: str, cues, neutral_gesture: bool) -> list[Ref]:
        """Ballot numbers introduced by a vote, ballot or opposition word, or shown as N fingers."""
        found = []
        for start, end, cls in cues:
            if cls in ("vote", "ballot", "oppose_before"):
                m = self._number_after.match(t, end)
                if not m:
                    continue
                n = self._number_value(m.group(1))
                nxt = self._next_word.match(t, m.end())
                if n in self.numbers and not (nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:/")):
                    found.append(Ref(start, m.end(), "NET-BALLOT", n, "oppose" if cls == "oppose_before" else None,
                                     by_ballot_word=cls == "ballot"))
            elif cls == "gesture" and not neutral_gesture:
                m = self._number_before.search(t, max(0, start - 16), start)
                if m and self._number_value(m.group(1)) in self.numbers:
                    found.append(Ref(m.start(), end, "NET-BALLOT", self._number_value(m.group(1))))
        return found

    @staticmethod
    def _stance(t: str, r: Ref, refs: list[Ref], cues) -> str:
        """The nearest vote or opposition cue before the reference in its sentence, else an
        opposition cue after it (before the next reference), else support."""
        if r.stance:
            return r.stance
        before = [c for c in cues if c[1] <= r.start and c[2] in ("vote", "oppose_before")
                  and not _SENTENCE_END.search(t, c[1], r.start)
                  and not any(c[1] <= o.start < r.start for o in refs if o is not r)]
        if before:
            return "oppose" if before[-1][2] == "oppose_before" else "support"
        nxt = min((o.start for o in refs if o.start >= r.end), default=len(t))
        end = _SENTENCE_END.search(t, r.end)
        limit = min(nxt, end.start() if end else len(t))
        if any(c[2] == "oppose_after" and r.end <= c[0] < limit for c in cues):
            return "oppose"
        return "support"
