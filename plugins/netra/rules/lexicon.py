"""Cue lexicons (include/rules/lexicon/): generic words, validated on load, normalized for matching."""
from __future__ import annotations

from pathlib import Path

from pydantic import field_validator

from netra.rules.datafile import Strict, load_yaml
from netra.rules.textnorm import normalize


class Cues(Strict):
    vote: list[str]
    praise: list[str]
    attend: list[str]
    oppose_before: list[str]
    oppose_after: list[str]
    neutral: list[str]
    office: list[str]
    listing: list[str]
    election: list[str]
    ballot: list[str]
    fillers: list[str]
    number_words: dict[str, int]
    units: list[str]
    number_contexts: list[str]
    gesture: list[str]
    gesture_neutral: list[str]
    finger_emoji: dict[str, int]

    @field_validator("finger_emoji")
    @classmethod
    def _one_emoji(cls, v: dict[str, int]) -> dict[str, int]:
        for emoji in v:
            if len(normalize(emoji)) != 1:
                raise ValueError(f"{emoji!r} must be a single emoji character")
        return v


class CommonWords(Strict):
    words: list[str]
    names: list[str]
    honorifics: list[str]
    titles: list[str]

    def ordinary(self) -> frozenset[str]:
        """Tokens that on their own do not single out a candidate."""
        return frozenset(normalize(w) for w in (*self.words, *self.names, *self.honorifics))


class Lexicon(Strict):
    cues: Cues
    common: CommonWords


def load_lexicon(directory: Path) -> Lexicon:
    return Lexicon(cues=load_yaml(directory / "cues.yaml", Cues), common=load_yaml(directory / "common_words.yaml", CommonWords))
