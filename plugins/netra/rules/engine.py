"""The text rules: candidate names, slogans, hashtags and ballot-number calls.

Candidate references are compiled from the election file into one Aho-Corasick automaton over
normalized text and kept only at word boundaries ("Bu Yuni" does not match inside "Bu Yuniarti").
A post that names every pair is treated as neutral information. Interactions with candidate
accounts are a SQL rule over the warehouse (include/sql/rules/interaction.sql).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from netra.rules.catalogue import Catalogue, Lexicon
from netra.rules.election import Election
from netra.rules.textnorm import normalize


@dataclass
class Hit:
    rule_id: str
    candidate_numbers: list[int]
    evidence: list[dict] = field(default_factory=list)
    stance: str | None = "support"


class Engine:
    def __init__(self, election: Election, catalogue: Catalogue, lexicon: Lexicon):
        self.election, self.catalogue, self.lexicon = election, catalogue, lexicon
        self.numbers = sorted(c.number for c in election.candidates)
        self._automaton = ahocorasick.Automaton()
        patterns: dict[str, set] = defaultdict(set)
        for c in election.candidates:
            for person in c.people:
                for name in [person.name, *person.aliases]:
                    patterns[normalize(name).text].add(("NET-NAME", c.number))
            patterns[normalize(c.pair_name).text].add(("NET-NAME", c.number))
            for slogan in c.slogans:
                patterns[normalize(slogan).text].add(("NET-SLOGAN", c.number))
            for tag in c.hashtags:
                patterns[normalize(tag).text].add(("NET-HASHTAG", c.number))
        for key, values in patterns.items():
            if key.strip():
                self._automaton.add_word(key, (key, tuple(sorted(values))))
        self._automaton.make_automaton()
        words = {w: n for w, n in lexicon.number_words.items() if n in self.numbers}
        number = "|".join([rf"0?{n}" for n in self.numbers] + [re.escape(w) for w in words])
        cue = "|".join(re.escape(w) for w in sorted(lexicon.vote_verbs + lexicon.ballot_words, key=len, reverse=True))
        self._ballot = re.compile(rf"\b(?:{cue})\b\W{{0,3}}(?:yg\s+|yang\s+)?(?:no\.?\s*|nomor\s+|nomer\s+)?({number})\b(?!\s*kali)")
        self._words = words

    def evaluate(self, text: str) -> list[Hit]:
        norm = normalize(text or "")
        t = norm.text
        found: dict[tuple[str, int], Hit] = {}
        for end, (key, values) in self._automaton.iter(t):
            start = end - len(key) + 1
            before = t[start - 1] if start > 0 else " "
            after = t[end + 1] if end + 1 < len(t) else " "
            if before.isalnum() or after.isalnum() or (key[0] != "#" and before == "#"):
                continue
            s, e = norm.span(start, end + 1)
            for rule_id, number in values:
                hit = found.setdefault((rule_id, number), Hit(rule_id, [number]))
                hit.evidence.append({"text": text[s:e], "start": s, "end": e})
        for m in self._ballot.finditer(t):
            token = m.group(1)
            number = int(token) if token.isdigit() else self._words[token]
            s, e = norm.span(m.start(), m.end())
            hit = found.setdefault(("NET-BALLOT", number), Hit("NET-BALLOT", [number]))
            hit.evidence.append({"text": text[s:e], "start": s, "end": e})
        named = {n for (rule, n) in found if rule != "NET-BALLOT"}
        if len(self.numbers) > 1 and named >= set(self.numbers):
            return []       # names every pair: election information, not support
        merged: dict[str, Hit] = {}
        for (rule_id, number), hit in sorted(found.items()):
            m = merged.setdefault(rule_id, Hit(rule_id, []))
            m.candidate_numbers.append(number)
            m.evidence.extend(hit.evidence)
        return list(merged.values())
