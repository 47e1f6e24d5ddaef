"""X API v2 tweets with expansions: author and referenced tweets resolved from `includes`.

An edited tweet gets a new id; its identity is the first id of edit_history_tweet_ids, so
edits become versions of one post rather than new posts.
"""
from __future__ import annotations

from netra.normalize.fields import Fields

KINDS = {"retweeted": "share", "quoted": "quote", "replied_to": "reply"}


def page_items(page: dict) -> list:
    """Timeline and search pages hold a list; the filtered stream sends one tweet object."""
    data = page.get("data") or []
    return [data] if isinstance(data, dict) else data


def post(item: dict, ctx, f: Fields) -> dict:
    users = ctx.users
    history = item.get("edit_history_tweet_ids")
    post_id = f.ident(history[0] if isinstance(history, list) and history else item.get("id"), "id")
    author_id = f.optional_ident(item.get("author_id"), "author_id")
    owner = ctx.source == "api" and ctx.kind == "post" and ctx.account and author_id is None
    if owner:                   # a user timeline holds only its owner's posts, whether or not it says so
        author_id = ctx.account_platform_id
    row = {
        "post_id": post_id,
        "account_handle": (users.get(author_id) or {}).get("username") or (
            ctx.account if owner or author_id == ctx.account_platform_id else None),
        "account_platform_id": author_id,
        "created_at": f.time(item.get("created_at"), "created_at"),
        "text": f.text(item.get("text"), "text"),
        "permalink": None,
        "metrics": {k: v for k, v in (item.get("public_metrics") or {}).items() if isinstance(v, int)},
        "post_type": "original",
    }
    refs = item.get("referenced_tweets") or []
    if isinstance(refs, list) and refs:
        # A reply that quotes: the reply is what the author did.
        ref = next((r for r in refs if isinstance(r, dict) and r.get("type") == "replied_to"), refs[0])
        kind = KINDS.get(ref.get("type")) if isinstance(ref, dict) else None
        if kind is None:
            f.problem("referenced_tweets_type", f"unknown reference {str(ref)[:80]}")
        else:
            ref_id = f.ident(ref.get("id"), "referenced_tweets.id")
            ref_tweet = ctx.tweets.get(ref_id) or {}
            ref_author = ref_tweet.get("author_id") or (item.get("in_reply_to_user_id") if kind == "reply" else None)
            row.update(post_type=kind, ref_post_id=ref_id,
                       ref_account=(users.get(ref_author) or {}).get("username") or ref_author)
            if kind == "reply":
                row["parent_post_id"] = ref_id
    if row["account_handle"] and post_id:
        row["permalink"] = f"https://x.com/{row['account_handle']}/status/{post_id}"
    return row
