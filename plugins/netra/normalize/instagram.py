"""Instagram Graph API: media (/{ig-user-id}/media) and comments (/{media-id}/comments)."""
from __future__ import annotations

from netra.normalize.fields import Fields


def page_items(page: dict) -> list:
    return page["data"]


def post(item: dict, ctx, f: Fields) -> dict:
    author = item.get("from") if isinstance(item.get("from"), dict) else {}
    owner = item.get("owner") if isinstance(item.get("owner"), dict) else {}
    comment = ctx.kind == "comment"
    row = {
        "post_id": f.ident(item.get("id"), "id"),
        "account_handle": item.get("username") or author.get("username") or (None if comment else ctx.account),
        "account_platform_id": f.optional_ident(author.get("id") or owner.get("id"), "owner.id")
        or (None if comment else ctx.account_platform_id),
        "created_at": f.time(item.get("timestamp"), "timestamp"),
        "text": f.text(item.get("text") if comment else item.get("caption"), "text" if comment else "caption"),
        "permalink": item.get("permalink"),
        "metrics": {k: v for k, v in {"likes": f.count(item.get("like_count"), "like_count"),
                                      "comments": f.count(item.get("comments_count"), "comments_count")}.items()
                    if v is not None},
    }
    if comment:
        row.update(post_type="comment", parent_post_id=ctx.parent_post_id, ref_post_id=ctx.parent_post_id,
                   ref_account=ctx.parent_account)
    else:
        row["post_type"] = "original"
    return row


def post_in_url(host: str, path: list[str], query: dict) -> tuple[str, str | None] | None:
    """(shortcode, no account) of /p|reel|tv/<shortcode>."""
    if len(path) >= 2 and path[0] in ("p", "reel", "tv"):
        return path[1], None
    return None
