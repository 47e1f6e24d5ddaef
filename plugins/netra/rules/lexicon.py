"""Lexicons (include/rules/lexicon/): generic Indonesian cue words with the affixed forms of their
verbs, common words and names, and news outlets; validated on load, normalized for matching."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator

from netra.rules.datafile import RulesFileError, Strict, load_yaml
from netra.rules.morphology import Morphology
from netra.rules.textnorm import normalize


class Cues(Strict):
    vote: list[str]
    praise: list[str]
    negative: list[str]
    mockery: list[str]
    attend: list[str]
    oppose_before: list[str]
    oppose_after: list[str]
    report: list[str]
    conditional: list[str]
    voice: list[str]
    past: list[str]
    neutral: list[str]
    office: list[str]
    listing: list[str]
    unity: list[str]
    congratulate: list[str]
    election: list[str]
    ballot: list[str]
    fillers: list[str]
    ballot_verbs: list[str]
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
        """Whether a normalized word of a phrase (a slogan) is everyday language: it is listed here,
        or it is at least frequent_zipf frequent in Indonesian."""
        listed = self._listed()
        threshold = self.frequent_zipf
        return lru_cache(maxsize=None)(lambda token: token in listed or zipf(token) >= threshold)

    def ordinary_name(self) -> Callable[[str], bool]:
        """Whether a candidate's name token also means something else: a common given name or form
        of address listed here, or an Indonesian dictionary word that is at least frequent_zipf
        frequent ("Harum", "Bintang", "Wira"). Frequency alone does not make a name ordinary: a
        famous candidate's name is frequent because of that very candidate."""
        listed = self._listed()
        threshold = self.frequent_zipf
        words = dictionary()
        return lru_cache(maxsize=None)(lambda token: token in listed or (token in words and zipf(token) >= threshold))

    def _listed(self) -> frozenset[str]:
        return frozenset(normalize(w) for w in (*self.words, *self.names, *self.honorifics))


def word_list() -> dict[str, float]:
    """Every word of wordfreq's Indonesian list at least Zipf 3 frequent, with its frequency."""
    return _indonesian()


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


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Indonesian root words: the 29,900-word list PySastrawi ships (from KBBI), read as a file
    without importing the stemmer."""
    from importlib.util import find_spec

    package = Path(find_spec("Sastrawi").submodule_search_locations[0])
    return frozenset((package / "Stemmer" / "data" / "kata-dasar.txt").read_text(encoding="utf-8").split())


class Outlet(Strict):
    name: str
    domains: list[str]
    handles: list[str]

    @field_validator("domains")
    @classmethod
    def _hosts(cls, v: list[str]) -> list[str]:
        for domain in v:
            if "://" in domain or "." not in domain or " " in domain:
                raise ValueError(f"{domain!r} must be a host name such as kompas.com")
        return [d.lower() for d in v]

    @field_validator("handles")
    @classmethod
    def _handles(cls, v: list[str]) -> list[str]:
        for handle in v:
            if handle.startswith("@") or " " in handle:
                raise ValueError(f"{handle!r} must be an account name without @")
        return [h.lower() for h in v]


class News(Strict):
    outlets: list[Outlet]
    relays: list[str]
    article_paths: list[str]


class Lexicon(Strict):
    cues: Cues
    common: CommonWords
    morphology: Morphology
    news: News

    def cue_forms(self, cls: str) -> set[str]:
        """A cue class's entries, with the affixed forms of single-word roots in the classes
        morphology.yaml names. A form that is itself another dictionary root is left out:
        "bela" may make "membela", but a derived form must not be an unrelated word."""
        words = getattr(self.cues, cls)
        if cls not in self.morphology.classes:
            return set(words)
        roots = dictionary()
        return {form for w in words for form in self.morphology.forms(w) if form == w or form not in roots}


def load_lexicon(directory: Path) -> Lexicon:
    lexicon = Lexicon(cues=load_yaml(directory / "cues.yaml", Cues), common=load_yaml(directory / "common_words.yaml", CommonWords),
                      morphology=load_yaml(directory / "morphology.yaml", Morphology), news=load_yaml(directory / "news.yaml", News))
    unknown = set(lexicon.morphology.classes) - set(Cues.model_fields)
    if unknown:
        raise RulesFileError(f"{directory / 'morphology.yaml'}: classes: {sorted(unknown)} are not cue classes")
    return lexicon
