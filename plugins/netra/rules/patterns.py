"""The election file and the lexicons, compiled once per election for matching.

Everything election-specific is compiled from the election file (names, aliases, nicknames,
epithets, pair names and their acronyms, slogans, hashtags, account handles, ballot numbers);
everything linguistic comes from the lexicons (cue words with their affixed forms, common words
and names, news outlets). Both are normalized like the text (netra.rules.textnorm) and go into one
Aho-Corasick automaton, matched at word boundaries ("Bu Yuni" never matches inside "Bu Yuniarti")
or, inside a hashtag, at the boundaries of its words (#TusukRizkiYuni, netra.rules.hashtags).
A second automaton holds only the keys that can start a reference, to skip most posts at once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import permutations

import ahocorasick

from netra.rules.election import Candidate, Election
from netra.rules.lexicon import Lexicon, dictionary, word_list, zipf
from netra.rules.postform import NewsSites
from netra.rules.textnorm import normalize

TRIGGERS = {"vote", "ballot", "oppose_before", "gesture"}     # cue classes that can start a reference
CUE_CLASSES = ("vote", "praise", "negative", "mockery", "attend", "oppose_before", "oppose_after", "report", "conditional",
               "voice", "past", "neutral", "office", "listing", "unity", "congratulate", "election", "ballot", "gesture",
               "gesture_neutral", "chant")
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


def tokens(s: str) -> list[str]:
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


class Patterns:
    """The keys a post can match, each with its entries: ("ref", RefPattern), ("cue", class),
    ("place", None), ("finger", n), ("zero", n); and the word sets the judging consults."""

    def __init__(self, election: Election, params: dict[str, dict], lexicon: Lexicon, numbers: list[int]):
        self._p = params
        self._ordinary = lexicon.common.ordinary()
        self.ordinary_name = lexicon.common.ordinary_name()
        self.surname_zipf = lexicon.common.surname_below_zipf
        self._region = set(normalize(election.election.region).split())
        name_tokens = {c.number: {tok for p in c.people for n in [p.name, *p.aliases, *p.nicknames]
                                  for tok in tokens(normalize(n))} | set(tokens(normalize(c.name)))
                       for c in election.candidates}
        self.all_name_tokens = set().union(*name_tokens.values())    # "Rizki Suardana Nurul": a list
        cues = lexicon.cues
        forms = {cls: {normalize(w) for w in lexicon.cue_forms(cls)} for cls in CUE_CLASSES}
        self.cue_words = {tok for words in forms.values() for w in words for tok in tokens(w)}
        self._titles = {normalize(t).replace(".", "") for t in lexicon.common.titles}
        self.honorifics = frozenset(normalize(h) for h in lexicon.common.honorifics)
        self.given_names = frozenset(normalize(n) for n in lexicon.common.names)
        self.proper = frozenset(self.all_name_tokens | self._region | {normalize(h) for h in lexicon.common.honorifics})
        news = lexicon.news
        self.news = NewsSites(frozenset(d for o in news.outlets for d in o.domains),
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
            if n in numbers:
                full[normalize(emoji)].add(("finger", n))
        for n in numbers:
            if n < 10:
                full[f"0{n}"].add(("zero", n))
        self.full = self._automaton({k: v for k, v in full.items() if k.strip()})
        trigger = {k: v for k, v in full.items() if k.strip() and any(
            e[0] in ("ref", "finger", "zero") or (e[0] == "cue" and e[1] in TRIGGERS) for e in v)}
        self.trigger = self._automaton(trigger)
        words = word_list()
        self.vocabulary = (frozenset(w for w in words if len(w) > 2) | dictionary() | self.all_name_tokens
                           | self.cue_words | {k for k, v in full.items() if k.isalnum() and any(e[0] == "ref" for e in v)})

    def _references(self, c: Candidate):
        """(normalized key, entry) for every way a post can refer to candidate c."""
        derive = self._p["NET-NAME"]["derive_aliases"]
        tags = self._p["NET-HASHTAG"]["pair_and_slogan_hashtags"]
        name_ctx = self._p["NET-NAME"]["ambiguous_alias_needs_context"]
        slogan_ctx = self._p["NET-SLOGAN"]["ambiguous_slogan_needs_context"]
        people = [(p, {normalize(x) for x in [p.name, *p.aliases, *p.nicknames]}) for p in c.people]
        names: set[str] = set()

        def incumbent(key: str) -> bool:
            return any(p.incumbent and any(key in tokens(n) or key == n for n in names) for p, names in people)

        def ambiguous(key: str) -> bool:
            return all(self.ordinary_name(tok) for tok in key.split())

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
                                                        spelled_only=self.ordinary_name(token)))
                for token in {tok for key in own for tok in key.split() if len(tok) >= 5 and not self.ordinary_name(tok)}:
                    for typo in self._typos(token):     # "suadana", "suarnada": misspelt, not evading
                        yield typo, ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i, typo=True))
            for epithet in person.epithets:     # "Pak Lurah": words that name no one until context does
                yield normalize(epithet), ("ref", RefPattern("NET-NAME", c.number, name_ctx, person.incumbent, i))
        pair = normalize(c.name)
        yield ref("NET-NAME", pair, False, name_ctx and " " not in pair)     # two names joined are no accident
        if derive:
            yield ref("NET-NAME", pair.replace(" ", ""), False, False)
            for part in pair.split():
                whose = next((i for i, (_, own) in enumerate(people) if any(part in tokens(n) for n in own)), None)
                yield ref("NET-NAME", part, incumbent(part), name_ctx, whose)
            for short in {normalize(a) for a in c.all_acronyms} | set(acronyms(pair)):
                if len(short) >= 4 and short not in self.all_name_tokens:
                    camel = next((a for a in c.all_acronyms if normalize(a) == short and not a.isupper() and not a.islower()),
                                 "".join(part.capitalize() for part in acronyms(pair).get(short, ())))
                    derived = short not in {normalize(a) for a in c.all_acronyms}
                    everyday = self.ordinary_name(short) or zipf(short) > 0
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
                if zipf(t) == 0 and t not in dictionary() and not self.ordinary_name(t) and len(normalize(t)) >= 5}

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
