"""Post URLs, as the public pastes them, to a platform and the post reference inside them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class PostRef:
    platform: str | None
    post_ref: str | None          # tweet/video id, Facebook post number, Instagram shortcode
    account: str | None = None
    unresolved: str | None = None


_HOSTS = {"facebook.com": "facebook", "fb.com": "facebook", "instagram.com": "instagram", "x.com": "x",
          "twitter.com": "x", "youtube.com": "youtube", "youtu.be": "youtube", "tiktok.com": "tiktok"}
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
    query = parse_qs(parts.query)
    if platform == "facebook":
        if path[:1] == ["permalink.php"] and "story_fbid" in query and "id" in query:
            return PostRef(platform, query["story_fbid"][0], account=query["id"][0])
        if len(path) >= 3 and path[1] in ("posts", "videos"):
            return PostRef(platform, path[2], account=path[0])
    elif platform == "instagram":
        if len(path) >= 2 and path[0] in ("p", "reel", "tv"):
            return PostRef(platform, path[1])
    elif platform == "x":
        if len(path) >= 3 and path[1] == "status" and path[2].isdigit():
            return PostRef(platform, path[2], account=path[0])
    elif platform == "youtube":
        if bare == "youtu.be" and path:
            return PostRef(platform, path[0])
        if path[:1] == ["watch"] and "v" in query:
            return PostRef(platform, query["v"][0])
        if len(path) >= 2 and path[0] in ("shorts", "live"):
            return PostRef(platform, path[1])
    elif platform == "tiktok":
        if len(path) >= 3 and path[0].startswith("@") and path[1] == "video":
            return PostRef(platform, path[2], account=path[0][1:])
    return PostRef(platform, None, unresolved=f"no post in this {platform} URL path")
