"""Cue lexicons (include/rules/lexicon/): generic words, validated on load, normalized for matching."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator

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
    chant: list[str]
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
    frequent_zipf: float = Field(ge=0, le=8)
    surname_below_zipf: float = Field(ge=0, le=8)

    def ordinary(self) -> Callable[[str], bool]:
        """Whether a normalized token on its own does not single out a candidate: it is listed here,
        or it is at least frequent_zipf frequent in Indonesian. The lists cover what wordfreq does
        not know well: Sasak and Balinese names and forms of address."""
        listed = frozenset(normalize(w) for w in (*self.words, *self.names, *self.honorifics))
        threshold = self.frequent_zipf
        return lru_cache(maxsize=None)(lambda token: token in listed or zipf(token) >= threshold)


def zipf(token: str) -> float:
    """How frequent a word is in Indonesian on wordfreq's Zipf scale (3.5 is about once in 300,000
    words, 6 once in a thousand); 0 for words rarer than 3."""
    return _indonesian().get(token, 0.0)


@lru_cache(maxsize=1)
def _indonesian() -> dict[str, float]:
    """wordfreq's Indonesian list, read from its documented cBpack file (gzipped msgpack: a header,
    then lists of words, list i holding the words at -i centibels). Importing wordfreq itself would
    cost half a second of start-up (ftfy, regex) for what is a table lookup."""
    import gzip
    from importlib.util import find_spec

    import msgpack

    package = Path(find_spec("wordfreq").submodule_search_locations[0])     # found, not imported
    with gzip.open(package / "data" / "small_id.msgpack.gz") as f:
        header, *buckets = msgpack.load(f, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"wordfreq's Indonesian list has an unknown format: {header}")
    return {word: round(9 - cb / 100, 2) for cb, words in enumerate(buckets[:601]) for word in words}


class Lexicon(Strict):
    cues: Cues
    common: CommonWords


def load_lexicon(directory: Path) -> Lexicon:
    return Lexicon(cues=load_yaml(directory / "cues.yaml", Cues), common=load_yaml(directory / "common_words.yaml", CommonWords))
