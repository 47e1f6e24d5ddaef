"""Post URLs, as the public pastes them, to a platform (by its hosts in netra.platforms) and the
post reference inside them (read by the platform's parser module, `post_in_url`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from netra.platforms import PLATFORMS


@dataclass(frozen=True)
class PostRef:
    platform: str | None
    post_ref: str | None          # tweet/video id, Facebook post number, Instagram shortcode
    account: str | None = None
    unresolved: str | None = None


_HOSTS = {host: p.name for p in PLATFORMS.values() for host in p.hosts}
_SHORTENERS = {"bit.ly", "s.id", "t.co", "tinyurl.com", "vm.tiktok.com", "vt.tiktok.com", "fb.watch", "shorturl.at"}


def canonical(url: str) -> PostRef:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return PostRef(None, None, unresolved="not a URL")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return PostRef(None, None, unresolved="not an http(s) URL")
    host = parts.hostname.lower()
    if host in _SHORTENERS:
        return PostRef(None, None, unresolved=f"short link ({host}) must be opened to find the post")
    bare = re.sub(r"^(www|m|mobile|web|mbasic)\.", "", host)
    platform = _HOSTS.get(bare)
    if platform is None:
        return PostRef(None, None, unresolved=f"unsupported host {host}")
    path = [p for p in parts.path.split("/") if p]
    found = PLATFORMS[platform].parse_module().post_in_url(bare, path, parse_qs(parts.query))
    if found is None:
        return PostRef(platform, None, unresolved=f"no post in this {platform} URL path")
    return PostRef(platform, found[0], account=found[1])
