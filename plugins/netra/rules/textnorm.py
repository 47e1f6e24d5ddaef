"""Text as the matcher sees it, and a map back to the original for evidence offsets.

One normal form serves names, cues and numbers, applied alike to posts and to the patterns
compiled from election and lexicon files, so both sides always agree:

1. per character: NFKD, combining marks dropped, casefolded; zero-width characters, variation
   selectors, the keycap mark and skin tones dropped (so 0️⃣1️⃣ reads "01"); confusable Cyrillic and
   Greek letters read as Latin; hyphens, underscores, slashes and all white space read as a space;
2. letters split by separators are joined: S.i.t.i, c-o-b-l-o-s, Y U D I;
3. leetspeak inside words: c0bl0s, R0hm4h, t3rb41k, r1zk1 (a number after plain letters, as in
   no1 or sa01, stays, and so do two or more digits before them, as in #01RizkiLagi);
4. apostrophes inside words go (Syafi'i), and repeated letters and spaces collapse to one
   (Fauzaaan, Syafiiii), so elongation never matters.

`normalize` runs at C speed through str.translate and re.sub; `normalize_tracked` runs the very
same steps while keeping, for every normalized character, the original one it came from. The
engine calls it only for posts that have something to report.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE0E, 0xFE0F, 0x20E3, 0x00AD,
         *range(0x1F3FB, 0x1F400)}                     # zero width, selectors, keycap, soft hyphen, skin tones
_SPACE = set("-_/\\|~") | {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"}
_CONFUSABLE = dict(zip("аеорсухіјѕԁοαειντκмнвт", "aeopcyxijsdoaeivtkmhbt", strict=True))
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
_LEET = str.maketrans("013456789", "oieasgtbg")


class _Fold(dict):
    """str.translate table filled on first use of each code point."""

    def __missing__(self, code: int):
        self[code] = value = _fold_char(chr(code))
        return value


def _fold_char(ch: str) -> str | None:
    if ord(ch) in _DROP:
        return None
    if ch.isspace() or ch in _SPACE:
        return " "
    if ch in _QUOTES:
        return "'"
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(part) or ord(part) in _DROP:
            continue
        for folded in unicodedata.normalize("NFKD", part.casefold()):
            if not unicodedata.combining(folded):
                out.append(_fold_char(folded) if folded != ch else _CONFUSABLE.get(folded, folded))
    return "".join(c for c in out if c) or None     # a fold's output folds to itself (ＩＤ, ﹣)


_TABLE = _Fold()
for _code in range(128):
    _TABLE[_code] = _fold_char(chr(_code))
    assert len(_TABLE[_code]) == 1 and _TABLE[_code].isascii(), "ASCII must fold one to one"
_ASCII_BYTES = bytes(ord(_TABLE[c]) for c in range(128)) + bytes(range(128, 256))   # bytes >= 0x80 kept

# Each pattern starts with a separator, digit or quote, so re scans for it at C speed; the letter
# before the first separator is not touched (only separators are deleted).
_DOTTED = re.compile(r"[.*·•](?<![a-z0-9][a-z0-9][.*·•])(?<=[a-z0-9][.*·•])[a-z0-9](?:[.*·•][a-z0-9])+(?![a-z0-9])")  # S.i.t.i
_SPACED = re.compile(r" (?<![a-z0-9][a-z0-9] )(?<=[a-z] )[a-z](?: [a-z])+(?![a-z0-9])")          # Y U D I, c-o-b-l-o-s
_LEETWORD = re.compile(r"(?<![a-z0-9])(?=[a-z0-9]*[0-9])[a-z0-9]*[a-z][a-z0-9]*")     # words with letters and digits
_LEETSEED = re.compile(r"[0-9](?<=[a-z][0-9])|[0-9](?=[a-z])")                          # a digit beside a letter
_APOSTROPHE = re.compile(r"'(?<=[a-z]')(?=[a-z])")
_REPEAT = re.compile(r"(.)\1+")


def _join(m: re.Match) -> str:
    return "".join(ch for ch in m.group() if ch.isalnum())


def _unleet(m: re.Match) -> str:
    return _unleet_word(m.group())


def _unleet_word(word: str) -> str:
    body = word.rstrip("0123456789")
    if word[len(body):].strip("0") and body.isalpha():     # no1, sa01 keep their number; n0, r1zk1 are words
        return body + word[len(body):]
    rest = word.lstrip("0123456789")
    if len(word) - len(rest) >= 2 and rest.isalpha():      # 01rizki, 2029baru (hashtags) keep theirs
        return word
    return word.translate(_LEET)


def _collapse(m: re.Match) -> str:
    ch = m.group(1)
    return ch if ch == " " or "a" <= ch <= "z" else m.group()


_STEPS = ((_DOTTED, _join), (_SPACED, _join), (_LEETWORD, _unleet), (_APOSTROPHE, ""), (_REPEAT, _collapse))


def _unleet_fast(t: str) -> str:
    """_LEETWORD.sub(_unleet, t), visiting only the words that have a digit beside a letter."""
    parts, pos = [], 0
    for m in _LEETSEED.finditer(t):
        if m.start() < pos:
            continue
        start, end = m.start(), m.end()
        while start > 0 and (t[start - 1].isascii() and t[start - 1].isalnum()):
            start -= 1
        while end < len(t) and (t[end].isascii() and t[end].isalnum()):
            end += 1
        parts += [t[pos:start], _unleet_word(t[start:end])]
        pos = end
    return "".join(parts) + t[pos:] if parts else t


def _collapse_fast(t: str) -> str:
    """_REPEAT.sub(_collapse, t) as array arithmetic: a letter or space equal to the one before goes.

    The regex tries a backreference at every character (60 ns each); this is about 20 times faster.
    """
    if not t:
        return t
    code = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    repeat = code[1:] == code[:-1]
    repeat &= ((code[1:] >= 0x61) & (code[1:] <= 0x7A)) | (code[1:] == 0x20)
    if not repeat.any():
        return t
    keep = np.concatenate(([True], ~repeat))
    return code[keep].tobytes().decode("utf-32-le", "surrogatepass")


def normalize(text: str) -> str:
    """The normal form of a text (see the module docstring); the same as normalize_tracked().text."""
    return normalize_joined([text], "")


def normalize_joined(texts: list[str], sep: str) -> str:
    """normalize(sep.join(texts)) for a separator that is neither folded nor alphanumeric.

    ASCII posts, the great majority, are folded by bytes.translate; only the others go through
    the per-code-point table.
    """
    folded = sep.join(t if t.isascii() else t.translate(_TABLE) for t in texts)
    folded = folded.encode("utf-8", "surrogatepass").translate(_ASCII_BYTES).decode("utf-8", "surrogatepass")
    t = _unleet_fast(_SPACED.sub(_join, _DOTTED.sub(_join, folded)))
    return _collapse_fast(_APOSTROPHE.sub("", t))


@dataclass(frozen=True)
class NormText:
    text: str
    origin: tuple[int, ...]     # origin[i]: index in the original of normalized character i
    length: int                 # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalized [start, end). The end is where the next normalized
        character came from: what normalization dropped or collapsed after the last one goes with
        it ("Suryooo", "✌️" with its selector, a combining accent), and nothing else can be there."""
        return self.origin[start], self.origin[end] if end < len(self.origin) else self.length


def normalize_tracked(text: str) -> NormText:
    """normalize(), keeping each normalized character's original index."""
    if text.isascii():                          # every ASCII character folds to exactly one
        t, origin = text.translate(_TABLE), list(range(len(text)))
    else:
        chars, origin = [], []
        for i, ch in enumerate(text):
            folded = _TABLE[ord(ch)]
            if folded:
                chars.append(folded)
                origin.extend([i] * len(folded))
        t = "".join(chars)
    for pattern, repl in _STEPS:
        t, origin = _sub_tracked(pattern, repl, t, origin)
    return NormText(t, tuple(origin), len(text))


def _sub_tracked(pattern: re.Pattern, repl, text: str, origin: list[int]) -> tuple[str, list[int]]:
    """pattern.sub(repl, text) for substitutions that keep length or only delete characters."""
    parts, new_origin, pos = [], [], 0
    for m in pattern.finditer(text):
        got = m.expand(repl) if isinstance(repl, str) else repl(m)
        parts.append(text[pos:m.start()])
        new_origin.extend(origin[pos:m.start()])
        source = m.group()
        if len(got) == len(source):
            new_origin.extend(origin[m.start():m.end()])
        else:                                   # a deletion: align greedily as a subsequence
            j = 0
            for ch in got:
                while source[j] != ch:
                    j += 1
                new_origin.append(origin[m.start() + j])
                j += 1
        parts.append(got)
        pos = m.end()
    parts.append(text[pos:])
    new_origin.extend(origin[pos:])
    return "".join(parts), new_origin
