"""The form of a post, read from its original text: which mentions only address people (a reply's
leading @handles, a trailing "cc @..." list), which spans are links, and whether it is written as
news (a headline, a link to an article or an outlet, "via @outlet").

A candidate's handle at the head of a reply says whom the post answers, not what it says of
them; a name in a link's slug is the article's, not the poster's; a headline reports. The engine
weighs references and cues in these spans differently from the poster's own words.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

# A link inside one whitespace-separated token: from "http(s)://", "www." or "pic.twitter.com/" on, or
# the whole token when it is a bare host and path ("kom.ps/AFzEna"). Tried once per token, so a long
# run of dots and letters costs linear time.
_URL_START = re.compile(r"https?://|www\.|pic\.twitter\.com/", re.IGNORECASE)
_BARE_HOST = re.compile(r"[(\[]?[a-z0-9][a-z0-9.-]*\.(?:com|id|co|me|it|ly|st|gl|net|org)/", re.IGNORECASE)
_HANDLE = r"@[A-Za-z0-9_.]*[A-Za-z0-9_]"
_HANDLE_RE = re.compile(_HANDLE)
_LEADING = re.compile(rf"^\s*(?:RT\s+)?(?:{_HANDLE}[\s:,]*)+")
_TAIL_ITEM = re.compile(rf"(?:{_HANDLE}|#\w+|(?i:cc):?|…)")
_TOKEN = re.compile(r"\S+")
_RETWEET = re.compile(r"^\s*RT\s+@(\w+)")
_VIA = re.compile(rf"\bvia\s+({_HANDLE}|[A-Za-z0-9.-]+\.[a-z]{{2,}})", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SOURCE_TAIL = re.compile(r"\s+[-|–]\s+[^-|–]{2,40}$")        # "... - Tribun Jabar", "... | Nasional"
_ATTRIBUTION = re.compile(r"^([^\W\d_][\w'. -]{1,40}):\s+\S")    # "Suryo: Pangan Kunci ...", "KPU: Jika ..."
# Function words that stay lower case in an Indonesian headline ("Janji tak Ambil Gaji jika ...").
_MINOR = frozenset("di ke dari dan atau yang untuk pada dengan dalam tak tidak jika bila kalau akan "
                   "sudah karena oleh bagi soal saat usai jelang the of".split())


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the spans (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


@dataclass(frozen=True)
class NewsSites:
    domains: frozenset[str]
    handles: frozenset[str]
    relays: frozenset[str]
    article_paths: frozenset[str]

    def outlet_host(self, host: str) -> bool:
        host = host.lower().removeprefix("www.")
        return any(host == d or host.endswith("." + d) or d.startswith(host + "/") for d in self.domains)

    def article(self, url: str) -> bool:
        """A link to a news outlet, a relay, or a path that reads as an article."""
        parts = urlsplit(url if "://" in url else "http://" + url)
        host = parts.hostname or ""
        if self.outlet_host(host) or host.removeprefix("www.") in self.relays:
            return True
        segments = [s for s in parts.path.lower().split("/") if s]
        return (any(s in self.article_paths for s in segments)
                or sum(s.isdigit() and len(s) in (4, 2) for s in segments) >= 2
                or any(s.count("-") >= 4 for s in segments))


class PostForm:
    """Spans in the original text, computed on first use."""

    def __init__(self, text: str, news: NewsSites, proper: frozenset[str] = frozenset(), shared_from: str | None = None):
        self.text, self.news, self.proper = text, news, proper
        self.shared_from = (shared_from or "").lstrip("@").lower()

    @cached_property
    def urls(self) -> list[tuple[int, int]]:
        found = []
        for token in _TOKEN.finditer(self.text):
            word = token.group()
            if "." not in word:
                continue
            if m := _URL_START.search(word):
                found.append((token.start() + m.start(), token.end()))
            elif _BARE_HOST.match(word):
                found.append(token.span())
        return found

    @cached_property
    def asks(self) -> bool:
        """A question mark outside the links: the post asks something."""
        return "?" in "".join(self.text[e:s] for e, s in zip([0] + [e for _, e in self.urls], [s for s, _ in self.urls] + [len(self.text)]))

    @cached_property
    def addressed(self) -> list[tuple[int, int]]:
        """The handles that only address someone: the leading @handles of a reply, and those in a
        trailing run of handles, "cc", hashtags and links after the last sentence (one handle
        ending a sentence, "... pilih @masuryo", is part of it)."""
        blocks = []
        if m := _LEADING.match(self.text):
            blocks.append(m.span())
        if "@" in self.text and (tail := self._tail()):
            start = tail[0]
            before = self.text[:start].rstrip()
            items = self.text[start:].strip()
            if (len(_HANDLE_RE.findall(items)) > 1 or not items.startswith("@") or not before
                    or before[-1] in ".!?…)\"'" or before.lower().endswith("cc")):
                blocks.append(tail)            # "... pilih @masuryo" is a sentence, not an address
        return [h.span() for h in _HANDLE_RE.finditer(self.text) if _inside(blocks, h.start(), h.end())]

    def _tail(self) -> tuple[int, int] | None:
        """The run of handles, hashtags, links and "cc" that ends the text, read from the end."""
        start = None
        for token in reversed(list(_TOKEN.finditer(self.text))):
            if not (_TAIL_ITEM.fullmatch(token.group()) or _inside(self.urls, token.end() - 1, token.end())):
                break
            start = token.start()
        return (start, len(self.text)) if start is not None else None

    def in_url(self, start: int, end: int) -> bool:
        return _inside(self.urls, start, end)

    def is_addressed(self, start: int, end: int) -> bool:
        return _inside(self.addressed, start, end)

    @cached_property
    def news_link(self) -> bool:
        """A link to an article or outlet, "via" an outlet, or an outlet's post shared ("RT @detikcom:")."""
        if self.shared_from in self.news.handles:
            return True
        if (m := _RETWEET.match(self.text)) and m.group(1).lower() in self.news.handles:
            return True
        if any(self.news.article(self.text[s:e]) for s, e in self.urls):
            return True
        for m in _VIA.finditer(self.text):
            source = m.group(1).lstrip("@").lower()
            if source in self.news.handles or self.news.outlet_host(source):
                return True
        return False

    @cached_property
    def headline(self) -> bool:
        """Written as a news headline: short, and its words capitalized except the minor ones
        ("Rizki-Yuni Janji tak Pungut Retribusi Jika Terpilih"), once links, handles, hashtags and a
        trailing "- Source" are set aside; or "Name: what they said". Names and forms of address,
        capitalized anywhere, are left out of the count; shouting in capitals, an exclamation or
        an emoji is no headline."""
        if "!" in self.text or any(ord(ch) > 0xFFFF or unicodedata.category(ch) == "So" for ch in self.text):
            return False
        body = "".join(self.text[e:s] for e, s in zip([0] + [e for _, e in self.urls], [s for s, _ in self.urls] + [len(self.text)]))
        body = re.sub(rf"{_HANDLE}|#\w+|\bvia\b.*$|pic\.twitter\.com\S*", " ", body, flags=re.IGNORECASE).strip(" *-|•…")
        body = _SOURCE_TAIL.sub("", body)
        words = [w for w in _WORD.findall(body) if len(w) > 1]
        if not 3 <= len(words) <= 28 or body.count(". ") > 1:
            return False
        letters = [c for w in words for c in w if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            return False
        major = [w for w in words if w.lower() not in _MINOR and not set(w.lower().replace("'", "").split("-")) <= self.proper]
        capitalized = sum(w[0].isupper() for w in major)
        if len(major) < 3:
            return False
        return capitalized >= 0.75 * len(major) or (self._attributed(body) and capitalized >= 0.5 * len(major))

    def _attributed(self, body: str) -> bool:
        """"Name: what they said", the name a candidate's or an acronym (KPU, TKD), not "Info:"."""
        m = _ATTRIBUTION.match(body)
        if not m:
            return False
        who = m.group(1).split()
        return all(w[0].isupper() for w in who) and any(w.lower() in self.proper or (w.isupper() and len(w) > 1) for w in who)
