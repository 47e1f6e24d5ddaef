"""Facebook Graph API: Page posts (/{page-id}/posts) and comments (/{post-id}/comments)."""
from __future__ import annotations

from netra.normalize.fields import Fields


def page_items(page: dict) -> list:
    return page["data"]


def post(item: dict, ctx, f: Fields) -> dict:
    author = item.get("from") if isinstance(item.get("from"), dict) else {}
    author_id = f.optional_ident(author.get("id"), "from.id")
    handle = author.get("username") or (ctx.account if author_id and author_id == ctx.account_platform_id else None)
    comment = ctx.kind == "comment"
    row = {
        "post_id": f.ident(item.get("id"), "id"),
        "account_handle": handle,
        "account_platform_id": author_id,
        "created_at": f.time(item.get("created_time"), "created_time"),
        "text": f.text(item.get("message"), "message"),
        "permalink": item.get("permalink_url"),
        "metrics": {k: v for k, v in {
            "reactions": f.count(((item.get("reactions") or {}).get("summary") or {}).get("total_count"), "reactions"),
            "comments": f.count(((item.get("comments") or {}).get("summary") or {}).get("total_count"), "comments"),
            "shares": f.count((item.get("shares") or {}).get("count"), "shares"),
            "likes": f.count(item.get("like_count"), "like_count"),
            "replies": f.count(item.get("comment_count"), "comment_count"),
        }.items() if v is not None},
    }
    if comment:
        row.update(post_type="comment", parent_post_id=ctx.parent_post_id, ref_post_id=ctx.parent_post_id,
                   ref_account=ctx.parent_account)
    elif item.get("parent_id"):
        shared = ctx.shared_from or {}
        row.update(post_type="share", ref_post_id=f.ident(item["parent_id"], "parent_id"),
                   ref_account=shared.get("username") or shared.get("id") or str(item["parent_id"]).split("_")[0])
    else:
        row["post_type"] = "original"
    return row


def post_in_url(host: str, path: list[str], query: dict) -> tuple[str, str | None] | None:
    """(post reference, account) of a post URL: permalink.php?story_fbid=..&id=.. or
    /<page>/posts|videos/<id>."""
    if path[:1] == ["permalink.php"] and "story_fbid" in query and "id" in query:
        return query["story_fbid"][0], query["id"][0]
    if len(path) >= 3 and path[1] in ("posts", "videos"):
        return path[2], path[0]
    return None
