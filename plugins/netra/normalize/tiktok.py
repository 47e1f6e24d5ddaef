"""TikTok Research API: video query (/v2/research/video/query/) and, from captures, comments.

The Research API names a video `id` (older documentation examples: `video_id`); both are read.
"""
from __future__ import annotations

from netra.normalize.fields import Fields


def page_items(page: dict) -> list:
    data = page["data"]
    return data.get("videos") if "videos" in data else data["comments"]


def post(item: dict, ctx, f: Fields) -> dict:
    if ctx.kind == "comment" or ("video_description" not in item and "text" in item):
        video = f.optional_ident(item.get("video_id"), "video_id") or ctx.parent_post_id
        return {
            "post_id": f.ident(item.get("id"), "id"),
            "account_handle": item.get("username"),
            "account_platform_id": None,
            "created_at": f.time(item.get("create_time"), "create_time"),
            "text": f.text(item.get("text"), "text"),
            "permalink": None,
            "metrics": {"likes": f.count(item.get("like_count"), "like_count")},
            "post_type": "comment", "parent_post_id": video, "ref_post_id": video, "ref_account": ctx.parent_account,
        }
    video_id = f.ident(item.get("id", item.get("video_id")), "id")
    handle = item.get("username") or ctx.account
    return {
        "post_id": video_id,
        "account_handle": handle,
        "account_platform_id": None,
        "created_at": f.time(item.get("create_time"), "create_time"),
        "text": f.text(item.get("video_description"), "video_description"),
        "permalink": f"https://www.tiktok.com/@{handle}/video/{video_id}" if handle and video_id else None,
        "metrics": {k: v for k, v in {m: f.count(item.get(f"{m}_count"), f"{m}_count")
                                      for m in ("like", "comment", "share", "view")}.items() if v is not None},
        "post_type": "original",
    }


def post_in_url(host: str, path: list[str], query: dict) -> tuple[str, str | None] | None:
    """(video id, handle) of /@<handle>/video/<id>."""
    if len(path) >= 3 and path[0].startswith("@") and path[1] == "video":
        return path[2], path[0][1:]
    return None
