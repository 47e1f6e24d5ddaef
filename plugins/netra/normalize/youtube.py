"""YouTube Data API v3: videos (videos.list) and comment threads (commentThreads.list)."""
from __future__ import annotations

from netra.normalize.fields import Fields


def page_items(page: dict) -> list:
    return page["items"]


def post(item: dict, ctx, f: Fields) -> dict:
    snippet = item.get("snippet") if isinstance(item.get("snippet"), dict) else {}
    if item.get("kind") == "youtube#commentThread" or ctx.kind == "comment":
        top = ((snippet.get("topLevelComment") or {}).get("snippet")) or {}
        author = (top.get("authorChannelId") or {}).get("value")
        display = top.get("authorDisplayName") or ""
        video = snippet.get("videoId") or top.get("videoId")
        return {
            "post_id": f.ident(item.get("id"), "id"),
            "account_handle": display[1:] if display.startswith("@") else None,
            "account_platform_id": f.optional_ident(author, "authorChannelId"),
            "created_at": f.time(top.get("publishedAt"), "publishedAt"),
            "text": f.text(top.get("textOriginal"), "textOriginal"),
            "permalink": f"https://www.youtube.com/watch?v={video}&lc={item.get('id')}" if video else None,
            "metrics": {"likes": f.count(top.get("likeCount"), "likeCount")},
            "post_type": "comment", "parent_post_id": video, "ref_post_id": video,
            "ref_account": ctx.parent_account or snippet.get("channelId"),
        }
    stats = item.get("statistics") if isinstance(item.get("statistics"), dict) else {}
    channel = snippet.get("channelId")
    title, description = f.text(snippet.get("title"), "title"), f.text(snippet.get("description"), "description")
    return {
        "post_id": f.ident(item.get("id"), "id"),
        "account_handle": ctx.account if channel and channel == ctx.account_platform_id else None,
        "account_platform_id": f.optional_ident(channel, "channelId"),
        "created_at": f.time(snippet.get("publishedAt"), "publishedAt"),
        "text": f"{title}\n{description}" if description else title,
        "permalink": f"https://www.youtube.com/watch?v={item.get('id')}",
        "metrics": {k: v for k, v in {"views": f.count(stats.get("viewCount"), "viewCount"),
                                      "likes": f.count(stats.get("likeCount"), "likeCount"),
                                      "comments": f.count(stats.get("commentCount"), "commentCount")}.items()
                    if v is not None},
        "post_type": "original",
    }


def post_in_url(host: str, path: list[str], query: dict) -> tuple[str, str | None] | None:
    """(video id, no account) of youtu.be/<id>, /watch?v=<id>, /shorts|live/<id>."""
    if host == "youtu.be" and path:
        return path[0], None
    if path[:1] == ["watch"] and "v" in query:
        return query["v"][0], None
    if len(path) >= 2 and path[0] in ("shorts", "live"):
        return path[1], None
    return None
