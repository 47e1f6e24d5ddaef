"""Affixed forms of Indonesian cue verbs, generated from the roots the lexicons list and the affix
rules of include/rules/lexicon/morphology.yaml: the lexicons say "coblos" once, and posts match
mencoblos, dicoblos, nyoblos and coblosin. Generating forms when the rules load keeps matching a
single pass of one automaton; stemming every word of every post would not."""
from __future__ import annotations

from pydantic import Field, field_validator

from netra.rules.datafile import Strict

VOWELS = "aeiou"


def _nasal(rules: dict[str, tuple[str, int]], root: str) -> str | None:
    """A nasal prefix on a root, by the root's first letter: [prefix, letters it replaces]."""
    rule = rules.get("vowel" if root[0] in VOWELS else root[0]) or rules.get("default")
    if rule is None:
        return None
    prefix, drop = rule
    return prefix + root[drop:]


class Morphology(Strict):
    classes: list[str] = Field(min_length=1)
    meN: dict[str, tuple[str, int]]
    N: dict[str, tuple[str, int]]
    prefixes: list[str]
    suffixes: list[str]

    @field_validator("meN", "N")
    @classmethod
    def _letters(cls, v: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
        for key, (prefix, drop) in v.items():
            if not (key in ("vowel", "default") or (len(key) == 1 and key.isalpha())):
                raise ValueError(f"{key!r} must be a letter, 'vowel' or 'default'")
            if not prefix.isalpha() or not 0 <= drop <= 2:
                raise ValueError(f"{key}: the prefix must be letters and drop 0, 1 or 2, got {[prefix, drop]}")
        return v

    def forms(self, root: str) -> set[str]:
        """The root and its affixed forms; a phrase or a non-word is returned as it is."""
        if not root.isalpha() or len(root) < 3:
            return {root}
        stems = {root, *(p + root for p in self.prefixes)}
        for rule in (self.meN, self.N):
            if (form := _nasal(rule, root)) is not None:
                stems.add(form)
        return stems | {stem + s for stem in stems for s in self.suffixes}
