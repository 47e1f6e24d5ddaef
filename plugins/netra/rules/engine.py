"""The text rules: who a post is about, and whether it takes a side.

Everything election-specific is compiled from the election file (names, aliases, nicknames,
epithets, pair names and their acronyms, slogans, hashtags, account handles, ballot numbers);
everything linguistic comes from the lexicons (cue words with their affixed forms, common words
and names, news outlets). Both are normalized like the text (netra.rules.textnorm) and go into one
Aho-Corasick automaton, matched at word boundaries ("Bu Yuni" never matches inside "Bu Yuniarti")
or, inside a hashtag, at the boundaries of its words (#TusukRizkiYuni, netra.rules.hashtags).

A post is judged in two passes. A batch of posts is normalized and scanned in one go for
anything that could start a reference (a name, number, gesture or vote word); only the few posts
that have one are analysed, with offsets tracked back into the original text:

- references: names (a name that is also a common word or given name needs something to back
  it: election words, its running mate, its number, or being spelt out to evade), slogans,
  hashtags, ballot calls ("coblos yg no 1", "paslon 2"), zero-padded numbers, finger gestures;
  a candidate's handle that only addresses them (a reply's leading @handles) and a name in a
  link count only when the poster's own words judge (netra.rules.postform);
- stance per reference: a vote or opposition cue before it in its sentence, an opposition cue
  after it, else the nearest praise or criticism in its sentence; a name with none of these is
  mentioned, not supported, when the post takes a side on another pair;
- guards, each named in the verdict: a post that names every pair, or weighs pairs, without a
  word for or against any is information; so is news: neutral-information cues (KPU, Bawaslu,
  jadwal ...), an office title before the name ("Presiden X meresmikan"), or a post written as
  a report (a headline, an article link, reported speech) with no word of the poster's own.
Interactions with candidate accounts are a rule over the warehouse (include/sql/rules/).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, permutations

import ahocorasick

from netra.rules import hashtags
from netra.rules.catalogue import Catalogue
from netra.rules.election import Candidate, Election
from netra.rules.lexicon import Lexicon, dictionary, word_list, zipf
from netra.rules.postform import NewsSites, PostForm
from netra.rules.textnorm import normalize, normalize_joined, normalize_tracked

TRIGGERS = {"vote", "ballot", "oppose_before", "gesture"}     # cue classes that can start a reference
CONTEXT = {"vote", "attend", "oppose_before", "oppose_after", "election", "ballot"}
CAMPAIGN = {"vote", "attend", "oppose_before", "oppose_after"}
JUDGING = {"vote", "oppose_before", "oppose_after", "praise", "negative", "mockery"}     # the poster's own side-taking
STRONG = {"NET-SLOGAN", "NET-HASHTAG", "NET-BALLOT"}
CUE_CLASSES = ("vote", "praise", "negative", "mockery", "attend", "oppose_before", "oppose_after", "report", "conditional",
               "voice", "past", "neutral", "office", "listing", "unity", "congratulate", "election", "ballot", "gesture",
               "gesture_neutral", "chant")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_WORDY = re.compile(r"[a-z0-9]")
_NEXT_CAPITALIZED = re.compile(r"[ \t]+([A-Z][a-z]{2,})\b")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_AS = re.compile(r" (?:sebagai|selaku) ")
_HANDLE_GOES_ON = re.compile(r"[A-Za-z0-9_]|\.[A-Za-z0-9_]")
_VOWELS = "aeiou"


@dataclass(frozen=True)
class RefPattern:
    rule_id: str
    number: int
    ambiguous: bool
    incumbent: bool
    person: int | None = None       # which of the pair's people a name names
    hashtag_only: bool = False      # a pair acronym: a reference inside a hashtag, a word elsewhere
    spelled_only: bool = False      # a common given name of theirs: a reference only spelt out (W.a.h.y.u.n.i)
    camel: str = ""                 # its written form ("MaRi") that is never the everyday word
    typo: bool = False              # a name misspelt ("Ardiansah"): backed by a judging word beside it


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


@dataclass
class Hit:
    rule_id: str
    candidate_numbers: list[int]
    evidence: list[dict] = field(default_factory=list)
    stance: str | None = "support"


@dataclass
class Verdict:
    """What the text rules say of one post: the pairs it supports and attacks, and its own
    `stance` (support, oppose or mixed). `references` and
    `guards` explain it: every reference found (counted or not) and every guard that fired."""
    flagged: bool
    hits: list[Hit]
    supports: list[int]
    opposes: list[int]
    stance: str | None
    incumbent: list[dict]           # evidence of the incumbent being named, flagged or not
    references: list[dict] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)

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


def acronyms(pair: str) -> dict[str, tuple[str, str]]:
    """Acronyms a pair is called by, from the first syllables of its two names, with those
    syllables: Suardana-Fauzan gives "sufa", Maman-Rizal "mari" (written MaRi), Fauzi-Nanda
    "fana"; a closed first syllable gives another ("Baskara-Tegar": "bate" and "baste")."""
    parts = pair.split()
    if len(parts) != 2 or not all(p.isalpha() for p in parts):
        return {}

    def openings(word: str) -> list[str]:
        i = 0
        while i < len(word) and word[i] not in _VOWELS:
            i += 1
        if i < len(word):
            i += 1                          # one vowel: Fa-uzi gives "fa", as FaNa writes it
        found = [word[:i]]
        if i < len(word) and word[i] not in _VOWELS and (i + 1 == len(word) or word[i + 1] not in _VOWELS):
            found.append(word[:i + 1])          # a closed syllable: Gib-ran gives "gib"
        return found

    first, second = openings(parts[0]), openings(parts[1])
    return {a + b: (a, b) for a in first for b in second if a and b}


def _quotes(nt: _Tracked, text: str, refs: list[Ref], most: int = 5) -> str:
    """The first few references as written, for a guard's reason."""
    shown = [repr(text[slice(*nt.span(r.start, r.end))]) for r in refs[:most]]
    return ", ".join(shown) + (f" and {len(refs) - most} more" if len(refs) > most else "")


def _by_rule_and_pair(entries) -> list[list[RefPattern]]:
    groups: dict[tuple, list[RefPattern]] = defaultdict(list)
    for kind, pattern in entries:
        if kind == "ref":
            groups[(pattern.rule_id, pattern.number)].append(pattern)
    return list(groups.values())


def _merged(patterns: list[RefPattern]) -> RefPattern:
    """The patterns one key has for one rule and pair (an alias that is also a pair-name part or a
    surname), as one: it is as strong as the strongest of them."""
    first = patterns[0]
    return RefPattern(first.rule_id, first.number, ambiguous=all(p.ambiguous for p in patterns),
                      incumbent=any(p.incumbent for p in patterns),
                      person=next((p.person for p in patterns if p.person is not None), None),
                      hashtag_only=all(p.hashtag_only for p in patterns), spelled_only=all(p.spelled_only for p in patterns),
                      camel=next((p.camel for p in patterns if p.camel), ""), typo=all(p.typo for p in patterns))


class Engine:
    def __init__(self, election: Election, catalogue: Catalogue, lexicon: Lexicon):
        self.election, self.catalogue, self.lexicon = election, catalogue, lexicon
        self.numbers = sorted(c.number for c in election.candidates)
        self._p = {r.id: r.params for r in catalogue.rules}
        self._ordinary = lexicon.common.ordinary()
        self._ordinary_name = lexicon.common.ordinary_name()
        self._surname_zipf = lexicon.common.surname_below_zipf
        self._region = set(normalize(election.election.region).split())
        self._name_tokens = {c.number: {tok for p in c.people for n in [p.name, *p.aliases, *p.nicknames]
                                        for tok in _tokens(normalize(n))} | set(_tokens(normalize(c.name)))
                             for c in election.candidates}
        self._all_name_tokens = set().union(*self._name_tokens.values())    # "Rizki Suardana Nurul": a list
        cues = lexicon.cues
        forms = {cls: {normalize(w) for w in lexicon.cue_forms(cls)} for cls in CUE_CLASSES}
        self._cue_words = {tok for words in forms.values() for w in words for tok in _tokens(w)}
        self._titles = {normalize(t).replace(".", "") for t in lexicon.common.titles}
        self._units = {normalize(u) for u in cues.units}
        self._contexts = {normalize(w) for w in cues.number_contexts}
        self._word_numbers = {normalize(w): n for w, n in cues.number_words.items()}
        self._honorifics = frozenset(normalize(h) for h in lexicon.common.honorifics)
        self._ballot_verbs = frozenset(normalize(f) for w in cues.ballot_verbs for f in lexicon.morphology.forms(w))
        self._given_names = frozenset(normalize(n) for n in lexicon.common.names)
        self._proper = frozenset(self._all_name_tokens | self._region | {normalize(h) for h in lexicon.common.honorifics})
        news = lexicon.news
        self._news = NewsSites(frozenset(d for o in news.outlets for d in o.domains),
                               frozenset(h for o in news.outlets for h in o.handles),
                               frozenset(news.relays), frozenset(news.article_paths))
        full: dict[str, set] = defaultdict(set)
        for c in election.candidates:
            for key, entry in self._references(c):
                full[key].add(entry)
        for key, entries in full.items():       # one reference per rule and pair at a key
            full[key] = {e for e in entries if e[0] != "ref"} | {("ref", _merged(group)) for group in _by_rule_and_pair(entries)}
        for cls, words in forms.items():
            for word in words:
                full[word].add(("cue", cls))
                if " " in word:                     # "asal bukan" as #AsalBukan... writes it
                    full[word.replace(" ", "")].add(("cue", cls))
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
        words = word_list()
        self._vocabulary = (frozenset(w for w in words if len(w) > 2) | dictionary() | self._all_name_tokens
                            | self._cue_words | {k for k, v in full.items() if k.isalnum() and any(e[0] == "ref" for e in v)})
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

    # -- compiling the election file -------------------------------------------------------------
    def _references(self, c: Candidate):
        """(normalized key, entry) for every way a post can refer to candidate c."""
        derive = self._p["NET-NAME"]["derive_aliases"]
        tags = self._p["NET-HASHTAG"]["pair_and_slogan_hashtags"]
        name_ctx = self._p["NET-NAME"]["ambiguous_alias_needs_context"]
        slogan_ctx = self._p["NET-SLOGAN"]["ambiguous_slogan_needs_context"]
        people = [(p, {normalize(x) for x in [p.name, *p.aliases, *p.nicknames]}) for p in c.people]
        names: set[str] = set()

        def incumbent(key: str) -> bool:
            return any(p.incumbent and any(key in _tokens(n) or key == n for n in names) for p, names in people)

        def ambiguous(key: str) -> bool:
            return all(self._ordinary_name(tok) for tok in key.split())

        def ambiguous_slogan(key: str) -> bool:
            """Ordinary words besides the region's name, fewer than three: "Teluk Sari Maju" is also
            what an official writes; three ordinary words in a row are a phrase, not chance."""
            words = [tok for tok in key.split() if tok not in self._region]
            return all(self._ordinary(tok) for tok in words) and len(words) < 3

        def ref(rule: str, key: str, inc: bool, needs_ctx: bool, person: int | None = None):
            if rule == "NET-NAME":
                names.add(key)
            return key, ("ref", RefPattern(rule, c.number, needs_ctx and ambiguous(key), inc, person))

        for i, person in enumerate(c.people):
            own = [normalize(a) for a in (*person.aliases, *person.nicknames)]
            if derive:
                own.append(self._strip_titles(person.name))
            for key in own:
                yield ref("NET-NAME", key, person.incumbent, name_ctx, i)
                if derive and " " in key:
                    yield ref("NET-NAME", key.replace(" ", ""), person.incumbent, name_ctx, i)
            if derive:                  # single names and surnames: "Wahyuni" of "Sri Wahyuni"
                for token in {tok for key in own for tok in key.split()} - self._titles:
                    if len(token) >= 4:
                        yield token, ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i,
                                                        spelled_only=self._ordinary_name(token)))
                for token in {tok for key in own for tok in key.split() if len(tok) >= 5 and not self._ordinary_name(tok)}:
                    for typo in self._typos(token):     # "suadana", "suarnada": misspelt, not evading
                        yield typo, ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i, typo=True))
            for epithet in person.epithets:     # "Pak Lurah": words that name no one until context does
                yield normalize(epithet), ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i))
        pair = normalize(c.name)
        yield ref("NET-NAME", pair, False, name_ctx and " " not in pair)     # two names joined are no accident
        if derive:
            yield ref("NET-NAME", pair.replace(" ", ""), False, False)
            for part in pair.split():
                whose = next((i for i, (_, own) in enumerate(people) if any(part in _tokens(n) for n in own)), None)
                yield ref("NET-NAME", part, incumbent(part), name_ctx, whose)
            for short in {normalize(a) for a in c.all_acronyms} | set(acronyms(pair)):
                if len(short) >= 4 and short not in self._all_name_tokens:
                    camel = next((a for a in c.all_acronyms if normalize(a) == short and not a.isupper() and not a.islower()),
                                 "".join(part.capitalize() for part in acronyms(pair).get(short, ())))
                    derived = short not in {normalize(a) for a in c.all_acronyms}
                    everyday = self._ordinary_name(short) or zipf(short) > 0
                    yield short, ("ref", RefPattern("NET-NAME", c.number, everyday or derived, False,
                                                    hashtag_only=derived and everyday, camel=camel))
        if tags:
            yield ref("NET-HASHTAG", "#" + pair.replace(" ", ""), False, False)
        for slogan in c.slogans:
            key = normalize(slogan)
            if key in names or key.replace(" ", "") in names:
                continue                # a slogan that is only the pair's name is a name
            yield key, ("ref", RefPattern("NET-SLOGAN", c.number, slogan_ctx and ambiguous_slogan(key), False))
            if 2 <= len(words := key.split()) <= 3:     # "Bangkit Rinjani" for "Rinjani Bangkit": still a slogan, if backed
                for order in set(permutations(words)) - {tuple(words)}:
                    yield " ".join(order), ("ref", RefPattern("NET-SLOGAN", c.number, slogan_ctx, False))
            if tags:
                yield ref("NET-HASHTAG", "#" + key.replace(" ", ""), False, False)
        for tag in c.hashtags:
            key = normalize(tag)
            yield ref("NET-HASHTAG", key, False, False)
            if len(key) > 4:
                yield ref("NET-HASHTAG", key[1:], False, name_ctx)
        for account in c.accounts:          # "@rizki_yuni" reads "@rizki yuni"
            yield normalize("@" + account.handle).strip(), ("ref", RefPattern("NET-NAME", c.number, False, False))

    def _typos(self, token: str) -> set[str]:
        """One letter left out, added, swapped with the next or replaced, when that is no word or
        common name of its own: "suadana", "suarnada", "suardanna" (before collapsing), "suerdana"."""
        letters = "abcdefghijklmnopqrstuvwxyz"
        found = {token[:i] + token[i + 1:] for i in range(len(token))}
        found |= {token[:i] + token[i + 1] + token[i] + token[i + 2:] for i in range(len(token) - 1)}
        found |= {token[:i] + ch + token[i + 1:] for i in range(1, len(token)) for ch in letters}
        found |= {token[:i] + ch + token[i:] for i in range(1, len(token)) for ch in letters}
        return {normalize(t) for t in found - {token}
                if zipf(t) == 0 and t not in dictionary() and not self._ordinary_name(t) and len(normalize(t)) >= 5}

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
    def evaluate(self, text: str, shared_from: str | None = None) -> Verdict | None:
        """One post (evaluate_many is the fast way for many)."""
        return self.evaluate_many([text], [shared_from])[0]

    def evaluate_many(self, texts: list[str], shared_from: list[str | None] | None = None) -> list[Verdict | None]:
        """One verdict per text: None when nothing in it refers to a candidate. `shared_from` is,
        per text, the account a share or quote passes on (a news outlet's post is news)."""
        texts = [t.replace("\x00", " ") if t and "\x00" in t else (t or "") for t in texts]
        joined = normalize_joined(texts, "\x00")
        parts = joined.split("\x00")
        ends = list(accumulate(map(len, parts), lambda at, size: at + size + 1))   # where each part's \x00 is
        verdicts: list[Verdict | None] = [None] * len(texts)
        for i in {bisect.bisect_left(ends, end) for end, _ in self._trigger.iter(joined)}:
            verdicts[i] = self._analyse(texts[i], parts[i], shared_from[i] if shared_from else None)
        return verdicts

    def _matches(self, t: str) -> list[tuple[int, int, tuple, bool]]:
        """(start, end, entries, inside a hashtag) of every key at word boundaries, or at the
        boundaries of a hashtag's words; a match inside a longer one is dropped."""
        found, inner = [], None
        for end, (key, entries) in self._full.iter(t):
            start = end - len(key) + 1
            if key[0] == "#" and start > 0 and t[start - 1].isalnum():
                continue
            if (key[0].isalnum() and start > 0 and t[start - 1].isalnum()) or (
                    key[-1].isalnum() and end + 1 < len(t) and t[end + 1].isalnum()):
                if inner is None:
                    inner = hashtags.boundaries(t, self._vocabulary.__contains__) if "#" in t else set()
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

    def _analyse(self, text: str, t: str, shared_from: str | None = None) -> Verdict | None:
        """Judge one post from its normal form t; offsets are tracked only once there is evidence."""
        nt = _Tracked(text, t)
        form = PostForm(text, self._news, self._proper, shared_from)
        post = _Post(text, t, nt, form)
        refs: list[Ref] = []
        ambiguous: list[Ref] = []
        indirect: list[Ref] = []
        cues: list[tuple[int, int, str]] = []
        fingers: list[Ref] = []
        guards: list[str] = []
        for start, end, entries, in_tag in self._matches(t):
            numbers = {e[1].number for e in entries if e[0] == "ref"}
            if t[start] != "#" and any(e[0] == "ref" and e[1].rule_id == "NET-NAME" for e in entries):
                # a pair's name that is also its slogan or a tag without "#" ("RIYU") names it
                entries = [e for e in entries if e[0] != "ref" or e[1].rule_id == "NET-NAME"]
            where = None
            for e in entries:
                if e[0] == "cue":
                    if where is None:
                        where = self._where(form, nt, start, end)
                    if where == "direct":
                        cues.append((start, end, e[1]))
                elif e[0] == "ref" and len(numbers) == 1:       # a key two pairs share names neither
                    pattern: RefPattern = e[1]
                    if (pattern.hashtag_only and not in_tag) or (
                            pattern.spelled_only and not self._obfuscated(nt, text, t, Ref(start, end, "", 0))):
                        continue
                    rule = "NET-HASHTAG" if in_tag and pattern.rule_id == "NET-NAME" else pattern.rule_id
                    if t[start] == "@" and _HANDLE_GOES_ON.match(text, nt.span(start, end)[1]):
                        continue        # "@rizki.yuni_fans" is another account
                    r = Ref(start, end, rule, pattern.number, incumbent=pattern.incumbent, person=pattern.person,
                            typo=pattern.typo)
                    r.kind = self._where(form, nt, start, end)
                    if r.kind != "direct":
                        indirect.append(r)
                    elif pattern.ambiguous and not (pattern.camel and text[slice(*nt.span(start, end))] == pattern.camel):
                        ambiguous.append(r)
                    else:
                        refs.append(r)
                elif e[0] == "finger":
                    fingers.append(Ref(start, end, "NET-BALLOT", e[1]))
                elif e[0] == "zero" and self._p["NET-BALLOT"]["zero_padded_number_alone"] and self._plain_number(t, start, end):
                    if self._where(form, nt, start, end) == "direct":
                        refs.append(Ref(start, end, "NET-BALLOT", e[1]))
        post.set_cues(self._drop_conditional(cues))
        cues, classes = post.cues, post.classes
        for group in (refs, ambiguous):
            namesakes = [r for r in group if r.rule_id == "NET-NAME" and self._namesake(post, r)]
            if namesakes:
                gone = {id(r) for r in namesakes}
                group[:] = [r for r in group if id(r) not in gone]
                guards.append("namesake: " + _quotes(nt, text, namesakes))
        calls, listing = self._ballot_calls(t, cues, "gesture_neutral" in classes)
        if calls:
            spans = sorted((c.start, c.end) for c in calls)
            call_starts = [c[0] for c in spans]
            reach = list(accumulate((c[1] for c in spans), max))        # the furthest end so far
            refs = [r for r in refs if not ((i := bisect.bisect_right(call_starts, r.start)) and reach[i - 1] >= r.end)] + calls
        if listing:             # "coblos nomor 1, 2 atau 3": how to vote, not for whom
            listed = set(listing)
            post.set_cues([c for c in cues if c not in listed])
            cues, classes = post.cues, post.classes
            guards.append("every ballot number listed")
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
            unbacked = []
            for r in ambiguous:
                if r.number in backed or self._obfuscated(nt, text, t, r) or (
                        r.rule_id == "NET-SLOGAN" and self._chanted(post, r)) or self._addressed_and_judged(post, r):
                    r.kind = "backed"
                    refs.append(r)
                else:
                    unbacked.append(r)
            if unbacked:
                guards.append("needs context: " + _quotes(nt, text, unbacked))
        if not refs and indirect:
            if classes & (JUDGING | {"attend", "election"}):
                refs = indirect         # "@rizki.yuni payah, janji doang 🤣"
                guards.append("addressed: judged by the post's own words")
            else:
                guards.append("addressed only: " + _quotes(nt, text, indirect))
        if not refs:
            return self._quiet(nt, text, [], ambiguous + indirect, guards) if guards else None
        refs.sort(key=lambda r: r.start)
        incumbent = [self._evidence(nt, text, r) for r in refs if r.incumbent]
        stances = self._stances(post.sentences, refs, cues)
        judged = [s for s in stances if s]
        numbers = {r.number for r in refs}
        strong = [r for r in refs if r.rule_id in STRONG and not r.by_ballot_word]
        quiet = None
        if "congratulate" in classes and not classes & (CAMPAIGN | {"negative", "mockery"}):
            quiet = "congratulates the winner"
        elif (len(self.numbers) > 1 and numbers >= set(self.numbers) and classes & {"unity", "listing"}
              and "oppose" not in stances and not classes & {"vote", "oppose_before", "oppose_after", "negative", "mockery"}):
            quiet = "every pair in a message of unity"
        elif len(numbers) > 1 and not (judged or strong or classes & JUDGING) and ("voice" not in classes or form.asks):
            # news or a question; in the poster's own voice, comparing the pairs is taking part
            quiet = ("names every pair" if numbers >= set(self.numbers) else "weighs pairs") + " without a word for or against"
        elif self._p["NET-NAME"]["neutral_context_clears"] and not classes & CAMPAIGN and not strong:
            # News and notices: a name, or "paslon nomor urut 2", beside KPU, Bawaslu, a schedule ...
            if not classes & {"praise", "negative", "mockery"} and classes & {"neutral", "listing"}:
                quiet = "neutral information: " + ", ".join(sorted(classes & {"neutral", "listing"}))
            elif not classes & {"praise", "negative", "mockery"} and all(self._in_office(post, r) for r in refs):
                quiet = "named by office"
            elif "past" in classes and not classes & JUDGING:
                quiet = "an anecdote of the past"
        if (not quiet and self._p["NET-NAME"]["reporting_clears"] and not strong and not classes & (JUDGING | {"voice"})
                and (reason := self._reporting(post, refs))):
            quiet = reason              # news of a campaign event is news: attendance words may stay
        if quiet:
            guards.append(quiet)
            verdict = self._quiet(nt, text, refs, [], guards)
            verdict.incumbent = incumbent
            return verdict
        if judged:                  # a name merely mentioned beside the pair the post takes sides on
            kept = [(r, s) for r, s in zip(refs, stances, strict=True) if s or r.rule_id in STRONG]
            if len(kept) < len(refs):
                guards.append("mentioned only: " + _quotes(nt, text, [r for r, s in zip(refs, stances, strict=True)
                                                                      if not (s or r.rule_id in STRONG)]))
        else:
            kept = list(zip(refs, stances, strict=True))
        kept = [(r, s or "support") for r, s in kept]
        supports = {r.number for r, s in kept if s == "support"}
        opposes = {r.number for r, s in kept if s == "oppose"}
        hits: dict[str, Hit] = {}
        for r, s in kept:
            h = hits.setdefault(r.rule_id, Hit(r.rule_id, [], stance=s))
            if r.number not in h.candidate_numbers:
                h.candidate_numbers.append(r.number)
            if h.stance != s:
                h.stance = "mixed"
            h.evidence.append(self._evidence(nt, text, r))
        for h in hits.values():
            h.candidate_numbers.sort()
        stance = "mixed" if opposes and supports - opposes else ("oppose" if opposes else "support")
        references = [self._reference(nt, text, r, s, True) for r, s in kept]
        return Verdict(True, [hits[k] for k in sorted(hits)], sorted(supports), sorted(opposes), stance, incumbent,
                       references, guards)

    def _where(self, form: PostForm, nt: _Tracked, start: int, end: int) -> str:
        """direct (the poster's words), address (a handle that only addresses) or link."""
        if "@" not in form.text and "/" not in form.text and "." not in form.text:
            return "direct"
        s, e = nt.span(start, end)
        if form.in_url(s, e):
            return "link"
        if form.is_addressed(s, e):
            return "address"
        return "direct"

    @staticmethod
    def _reporting(post: _Post, refs: list[Ref]) -> str | None:
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

    def _quiet(self, nt: _Tracked, text: str, refs: list[Ref], unused: list[Ref], guards: list[str]) -> Verdict:
        references = [self._reference(nt, text, r, None, False) for r in sorted(refs + unused, key=lambda r: r.start)]
        return Verdict(False, [], [], [], None, [], references, guards)

    def _reference(self, nt: _Tracked, text: str, r: Ref, stance: str | None, counted: bool) -> dict:
        return {**self._evidence(nt, text, r), "rule_id": r.rule_id, "kind": r.kind, "stance": stance, "counted": counted}

    @staticmethod
    def _drop_conditional(cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Praise right after a conditional word states a condition: "jika terpilih", "kalau menang"."""
        conditions = {end for _, end, cls in cues if cls == "conditional"}
        if not conditions:
            return cues
        return [c for c in cues if not (c[2] == "praise" and {c[0], c[0] - 1, c[0] - 2} & conditions)]

    @staticmethod
    def _in_office(post: _Post, r: Ref) -> bool:
        """A name right after an office title, or followed by "sebagai"/"selaku" and one, not a
        candidate's ("Wali Kota X", "Presiden @x", "X selaku Menkes", not "calon wali kota X")."""
        t, offices = post.t, post.ends["office"]
        for end in (r.start, r.start - 1, r.start - 2):
            if end in offices and (end == r.start or t[end:r.start] in (" ", " @")) \
                    and not t[max(0, offices[end] - 7):offices[end]].endswith("calon "):
                return True
        after = _AS.match(t, r.end)
        return bool(after and after.end() in post.starts["office"])

    def _namesake(self, post: _Post, r: Ref) -> bool:
        """Another person of the same common given name: "Dr. Nurhayati Fitriani", "Bu Kartika
        Sari". The name is capitalized and so is the next word, which is none of the candidates' names, not
        a cue and not a common word (surnames, not "Sekarang" or "Jadi"); posts written In Title
        Case are left alone."""
        if not self._ordinary_name(post.t[r.start:r.end].split()[-1]):
            return False            # "Suardana Bicara ...": a distinctive name has no namesakes
        s, e = post.nt.span(r.start, r.end)
        nxt = _NEXT_CAPITALIZED.match(post.text, e)
        if not (nxt and post.text[s:e][:1].isupper()):
            return False
        word = normalize(nxt.group(1))
        if word in self._all_name_tokens or word in self._cue_words or zipf(word) >= self._surname_zipf:
            return False
        return not post.title_case

    def _addressed_and_judged(self, post: _Post, r: Ref) -> bool:
        """A common given name the election file lists ("Fauzan", "Bang Rizki"), or a misspelt
        name ("Ardiansah"), praised or attacked in its own sentence: someone takes a side on a
        person of that name. A name that is also a word ("Harum sekali!") is not enough."""
        words = post.t[r.start:r.end].split()
        if r.rule_id != "NET-NAME" or not (r.typo or words[0] in self._honorifics or all(
                w in self._given_names for w in words)):
            return False
        head, tail = post.sentences.around(r.start, r.end)
        return any(cls in ("praise", "negative", "vote") and stop <= tail for _, stop, cls in post.cues_within(head, tail))

    @staticmethod
    def _chanted(post: _Post, r: Ref) -> bool:
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
        return not (nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:"))

    def _counts(self, t: str, end: int) -> bool:
        """Whether the number ending at `end` counts something or is a date: "2 hari", "3 program"."""
        nxt = self._next_word.match(t, end)
        return bool(nxt and (nxt.group(1) in self._units or nxt.group(1)[0] in ".:"))

    def _number_value(self, token: str) -> int:
        return int(token) if token.isdigit() else self._word_numbers[token]

    def _ballot_calls(self, t: str, cues, neutral_gesture: bool) -> tuple[list[Ref], list[tuple]]:
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

    @staticmethod
    def _stances(sentences: "_Sentences", refs: list[Ref], cues) -> list[str | None]:
        """Each reference's stance: the nearest vote or opposition cue before it in its sentence
        (with no other reference between), else an opposition cue after it (before the next
        reference), else the praise or criticism in its sentence nearest to it, a judging word
        belonging to the reference it is nearest to; None when it has none. Laughter judges only
        when every reference is a handle or a link. refs and cues are in text order; the work
        grows with their number, not with its square."""
        starts = [o.start for o in refs]
        cue_starts = [c[0] for c in cues]
        judging = {"praise", "negative", "vote"} | ({"mockery"} if all(o.kind in ("address", "link") for o in refs) else set())
        owned: dict[int, list[tuple[int, int, str]]] = defaultdict(list)     # pair -> judging words nearest to it
        for c in cues:
            if c[2] not in judging:
                continue
            head, tail = sentences.around(c[0], c[1])
            i = bisect.bisect_left(starts, c[0])
            left = i - 1
            while left >= 0 and refs[left].end > c[0]:
                left -= 1
            right = i
            while right < len(refs) and refs[right].start < c[1]:
                right += 1
            near = [(c[0] - refs[left].end, refs[left]) if left >= 0 and refs[left].start >= head else None,
                    (refs[right].start - c[1], refs[right]) if right < len(refs) and refs[right].end <= tail else None]
            near = [n for n in near if n]
            if near:
                owned[min(near, key=lambda n: n[0])[1].number].append(c)
        found = []
        for k, r in enumerate(refs):
            if r.stance:
                found.append(r.stance)
                continue
            head, tail = sentences.around(r.start, r.end)
            previous = bisect.bisect_left(starts, r.start) - 1          # the last other reference before it
            after = max(head, refs[previous].end + 1 if previous >= 0 else 0)     # a cue inside it is its own
            stance = None
            j = bisect.bisect_left(cue_starts, r.start) - 1
            while j >= 0 and cues[j][0] >= head and cues[j][1] >= after:
                if cues[j][1] <= r.start and cues[j][2] in ("vote", "oppose_before"):
                    stance = "oppose" if cues[j][2] == "oppose_before" else "support"
                    break
                j -= 1
            if stance is None:
                nxt = bisect.bisect_left(starts, r.end)
                limit = min(refs[nxt].start if nxt < len(refs) else tail, tail)
                j = bisect.bisect_left(cue_starts, r.end)
                while j < len(cues) and cues[j][0] < limit:
                    if cues[j][2] == "oppose_after":
                        stance = "oppose"
                        break
                    j += 1
            if stance is None and (mine := owned.get(r.number)) and (gaps := _nearest(mine, r, head, tail)):
                stance = "oppose" if min(gaps)[1][2] in ("negative", "mockery") else "support"
            found.append(stance)
        return found


def _nearest(owned: list[tuple[int, int, str]], r: Ref, head: int, tail: int) -> list[tuple[int, tuple]]:
    """(distance, cue) of the judging words nearest a reference on either side, in its sentence."""
    i = bisect.bisect_left(owned, (r.start,))
    left = i - 1
    while left >= 0 and owned[left][1] > r.start:       # overlapping the reference: not beside it
        left -= 1
    while i < len(owned) and owned[i][0] < r.end:
        i += 1
    found = []
    if left >= 0 and owned[left][0] >= head:
        found.append((r.start - owned[left][1], owned[left]))
    if i < len(owned) and owned[i][1] <= tail:
        found.append((owned[i][0] - r.end, owned[i]))
    return found


class _Post:
    """One post under analysis and what is worked out once for it: its cues in text order, by
    class, where its sentences end, whether it is written In Title Case."""

    def __init__(self, text: str, t: str, nt: _Tracked, form: PostForm):
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
    def sentences(self) -> "_Sentences":
        return _Sentences(self.t)

    @cached_property
    def breaks(self) -> list[int]:
        """Where . ! ? and line ends are (a slogan standing alone between them is shouted)."""
        return [m.start() for m in _SENTENCE_BREAK.finditer(self.t)]

    @cached_property
    def title_case(self) -> bool:
        words = _LONG_WORD.findall(self.text)
        return sum(w[0].isupper() for w in words) > 0.75 * len(words)


class _Sentences:
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
