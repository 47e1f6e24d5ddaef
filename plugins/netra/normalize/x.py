"""X API v2 tweets with expansions: author and referenced tweets resolved from `includes`.

A page without includes (a search recorded without expansions, a capture) still names whom an
item shares or quotes from the item itself: a retweet's text starts "RT @handle:", a quote links
to the quoted tweet (https://x.com/<handle>/status/<id>), a reply has in_reply_to_user_id.

An edited tweet gets a new id; its identity is the first id of edit_history_tweet_ids, so
edits become versions of one post rather than new posts. Two versions in one page are two items,
each with its position (item_no); which is current is decided where posts are upserted.
"""
from __future__ import annotations

import re

from netra.normalize.fields import Fields

KINDS = {"retweeted": "share", "quoted": "quote", "replied_to": "reply"}
_RETWEET = re.compile(r"RT @(\w{1,15}):")
_STATUS_LINK = re.compile(r"https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(\w{1,15})/status(?:es)?/(\d+)", re.I)


def _named_in_item(item: dict, kind: str, ref_id: str | None) -> str | None:
    """The referenced author's handle as the item itself gives it, for pages without includes.
    A quote's mentions are not used: they name whom the quote addresses, not whom it quotes."""
    text, entities = item.get("text"), item.get("entities")
    if kind == "share":
        named = _RETWEET.match(text) if isinstance(text, str) else None
        return named.group(1) if named else None
    if kind == "quote" and ref_id:
        urls = entities.get("urls") if isinstance(entities, dict) else None
        for url in urls if isinstance(urls, list) else []:
            link = _STATUS_LINK.match(str(url.get("expanded_url") or "")) if isinstance(url, dict) else None
            if link and link.group(2) == ref_id:
                return link.group(1)
    return None


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
                       ref_account=(users.get(ref_author) or {}).get("username") or _named_in_item(item, kind, ref_id)
                       or ref_author)
            if kind == "reply":
                row["parent_post_id"] = ref_id
    if row["account_handle"] and post_id:
        row["permalink"] = f"https://x.com/{row['account_handle']}/status/{post_id}"
    return row


def post_in_url(host: str, path: list[str], query: dict) -> tuple[str, str | None] | None:
    """(tweet id, handle) of /<handle>/status/<id>."""
    if len(path) >= 3 and path[1] == "status" and path[2].isdigit():
        return path[2], path[0]
    return None
