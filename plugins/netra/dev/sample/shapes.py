"""Sample posts rendered in each platform's real response shape (see ../shared/fixtures/api):
Graph API page posts and comments, Instagram Graph media and comments, X API v2 with
expansions, YouTube Data API v3 videos and commentThreads, TikTok Research API videos; and as
a monitor's capture export holds them, under their public address.
"""
from __future__ import annotations

import datetime as dt
import hashlib

UTC = dt.timezone.utc


def _fb_time(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _x_time(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _etag(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:27]


def facebook_item(p, text: str) -> dict:
    a = p.account
    if p.post_type == "comment":
        page_id, post_no = p.parent.post_id.split("_")
        return {"id": p.post_id, "message": text, "created_time": _fb_time(p.created_at),
                "from": {"id": a.platform_user_id, "name": a.display_name},
                "like_count": p.metrics["likes"], "comment_count": 0,
                "permalink_url": f"https://www.facebook.com/{page_id}/posts/{post_no}/?comment_id={p.post_id.split('_')[1]}"}
    page_id, post_no = p.post_id.split("_")
    item = {"id": p.post_id, "message": text, "created_time": _fb_time(p.created_at),
            "permalink_url": f"https://www.facebook.com/{page_id}/posts/{post_no}",
            "from": {"id": a.platform_user_id, "name": a.display_name},
            "shares": {"count": p.metrics["shares"]},
            "reactions": {"data": [], "summary": {"total_count": p.metrics["likes"], "viewer_reaction": "NONE"}},
            "comments": {"data": [], "summary": {"order": "ranked", "total_count": p.metrics["comments"],
                                                 "can_comment": True}}}
    if p.ref_post is not None:
        item["parent_id"] = p.ref_post.post_id
        item["status_type"] = "shared_story"
    if not text:
        del item["message"]
    return item


def instagram_item(p, text: str) -> dict:
    a = p.account
    if p.post_type == "comment":
        return {"id": p.post_id, "text": text, "timestamp": _fb_time(p.created_at), "username": a.handle,
                "like_count": p.metrics["likes"], "from": {"id": a.platform_user_id, "username": a.handle}}
    code = hashlib.md5(p.post_id.encode()).hexdigest()[:11]
    return {"id": p.post_id, "caption": text, "comments_count": p.metrics["comments"],
            "like_count": p.metrics["likes"], "media_type": "IMAGE",
            "media_url": f"https://scontent.cdninstagram.com/v/{code}.jpg", "permalink": f"https://www.instagram.com/p/{code}/",
            "timestamp": _fb_time(p.created_at), "username": a.handle, "owner": {"id": a.platform_user_id}}


def x_tweet(p, text: str) -> dict:
    a = p.account
    tweet = {"id": p.post_id, "text": text, "created_at": _x_time(p.created_at), "author_id": a.platform_user_id,
             "conversation_id": p.post_id, "lang": "in", "edit_history_tweet_ids": [p.post_id],
             "public_metrics": {"retweet_count": p.metrics["shares"], "reply_count": p.metrics["comments"],
                                "like_count": p.metrics["likes"], "quote_count": 0, "impression_count": p.metrics["views"]}}
    if p.ref_post is not None:
        kind = {"share": "retweeted", "quote": "quoted", "reply": "replied_to"}[p.post_type]
        tweet["referenced_tweets"] = [{"type": kind, "id": p.ref_post.post_id}]
        if kind == "replied_to":
            tweet["in_reply_to_user_id"] = p.ref_post.account.platform_user_id
            tweet["conversation_id"] = p.ref_post.post_id
    return tweet


def x_user(a) -> dict:
    return {"id": a.platform_user_id, "name": a.display_name, "username": a.handle}


def x_includes(posts) -> dict:
    users, tweets = {}, {}
    for p in posts:
        users[p.account.handle] = x_user(p.account)
        if p.ref_post is not None:
            r = p.ref_post
            users[r.account.handle] = x_user(r.account)
            tweets[r.post_id] = x_tweet(r, r.text)
    out = {"users": list(users.values())}
    if tweets:
        out["tweets"] = list(tweets.values())
    return out


def x_text(p, text: str) -> str:
    if p.post_type == "share":
        return f"RT @{p.ref_post.account.handle}: {p.ref_post.text}"[:280]
    return text


def youtube_video(p, text: str) -> dict:
    a = p.account
    title, _, description = text.partition("\n")
    return {"kind": "youtube#video", "etag": _etag(p.post_id, text), "id": p.post_id,
            "snippet": {"publishedAt": _x_time(p.created_at).replace(".000", ""), "channelId": a.platform_user_id,
                        "title": title, "description": description, "channelTitle": a.display_name,
                        "tags": [], "categoryId": "25", "liveBroadcastContent": "none"},
            "statistics": {"viewCount": str(p.metrics["views"]), "likeCount": str(p.metrics["likes"]),
                           "favoriteCount": "0", "commentCount": str(p.metrics["comments"])}}


def youtube_thread(p, text: str) -> dict:
    a, video = p.account, p.parent
    published = _x_time(p.created_at).replace(".000", "")
    return {"kind": "youtube#commentThread", "etag": _etag(p.post_id, text), "id": p.post_id,
            "snippet": {"channelId": video.account.platform_user_id, "videoId": video.post_id,
                        "topLevelComment": {"kind": "youtube#comment", "etag": _etag(p.post_id), "id": p.post_id,
                                            "snippet": {"authorDisplayName": f"@{a.handle}",
                                                        "authorChannelUrl": f"http://www.youtube.com/@{a.handle}",
                                                        "authorChannelId": {"value": a.platform_user_id},
                                                        "channelId": video.account.platform_user_id,
                                                        "videoId": video.post_id, "textDisplay": text,
                                                        "textOriginal": text, "canRate": True,
                                                        "viewerRating": "none", "likeCount": p.metrics["likes"],
                                                        "publishedAt": published, "updatedAt": published}},
                        "canReply": True, "totalReplyCount": 0, "isPublic": True}}


def tiktok_video(p, text: str) -> dict:
    tags = [w[1:].lower() for w in text.split() if w.startswith("#") and len(w) > 1]
    return {"id": int(p.post_id), "create_time": int(p.created_at.timestamp()), "username": p.account.handle,
            "region_code": "ID", "video_description": text, "like_count": p.metrics["likes"],
            "comment_count": p.metrics["comments"], "share_count": p.metrics["shares"],
            "view_count": p.metrics["views"], "hashtag_names": tags, "music_id": 7000000000000000000 + int(p.post_id) % 10**9}


def tiktok_comment(p, text: str) -> dict:
    return {"id": int(p.post_id), "video_id": int(p.parent.post_id), "text": text,
            "create_time": int(p.created_at.timestamp()), "like_count": p.metrics["likes"], "reply_count": 0,
            "parent_comment_id": int(p.parent.post_id), "username": p.account.handle}


def item(p, text: str) -> dict:
    """One post as its platform's API (or, for captures, the browser) serves it."""
    platform = p.platform
    if platform == "facebook":
        return facebook_item(p, text)
    if platform == "instagram":
        return instagram_item(p, text)
    if platform == "x":
        return x_tweet(p, x_text(p, text))
    if platform == "youtube":
        return youtube_thread(p, text) if p.post_type == "comment" else youtube_video(p, text)
    if platform == "tiktok":
        return tiktok_comment(p, text) if p.post_type == "comment" else tiktok_video(p, text)
    raise ValueError(platform)


def page(platform: str, kind: str, items: list[dict], posts, page_no: int, last: bool, scope: str) -> dict:
    """One API response page around `items`, with the platform's own paging fields."""
    cursor = hashlib.sha1(f"{scope}:{page_no}".encode()).hexdigest()[:16]
    if platform in ("facebook", "instagram"):
        body = {"data": items, "paging": {"cursors": {"before": f"b{cursor}", "after": f"a{cursor}"}}}
        if not last:
            body["paging"]["next"] = (f"https://graph.facebook.com/v19.0/{scope}/{'comments' if kind == 'comments' else 'posts'}"
                                      f"?limit=25&after=a{cursor}")
        if kind == "comments" and platform == "facebook":
            body["summary"] = {"order": "chronological", "total_count": len(items), "can_comment": True}
        return body
    if platform == "x":
        body = {"data": items, "includes": x_includes(posts),
                "meta": {"result_count": len(items)}}
        if items:
            body["meta"].update(newest_id=items[0]["id"], oldest_id=items[-1]["id"])
        if not last:
            body["meta"]["next_token"] = cursor
        return body
    if platform == "youtube":
        body = {"kind": "youtube#commentThreadListResponse" if kind == "comments" else "youtube#videoListResponse",
                "etag": _etag(scope, page_no), "pageInfo": {"totalResults": len(items), "resultsPerPage": 25},
                "items": items}
        if not last:
            body["nextPageToken"] = cursor
        return body
    if platform == "tiktok":
        key = "comments" if kind == "comments" else "videos"
        return {"data": {key: items, "cursor": page_no * 25 + len(items), "has_more": not last,
                         "search_id": hashlib.sha1(scope.encode()).hexdigest()[:19]},
                "error": {"code": "ok", "message": "", "log_id": cursor}}
    raise ValueError(platform)


def permalink(p) -> str:
    """The post's public address, as a monitor or a tipster sees it."""
    if p.platform == "facebook":
        owner, num = p.post_id.split("_")
        return f"https://www.facebook.com/{p.account.handle}/posts/{num}"
    if p.platform == "instagram":
        return instagram_item(p, "")["permalink"] if p.post_type != "comment" else \
            f"https://www.instagram.com/p/{hashlib.md5(p.parent.post_id.encode()).hexdigest()[:11]}/c/{p.post_id}/"
    if p.platform == "x":
        return f"https://x.com/{p.account.handle}/status/{p.post_id}"
    if p.platform == "youtube":
        return f"https://www.youtube.com/watch?v={p.post_id}" if p.post_type != "comment" else \
            f"https://www.youtube.com/watch?v={p.parent.post_id}&lc={p.post_id}"
    return f"https://www.tiktok.com/@{p.account.handle}/video/{p.post_id if p.post_type != 'comment' else p.parent.post_id}"


def capture(p, monitor: str, captured: dt.datetime) -> dict:
    """One line of a monitor's capture export: the item as the browser saw it, in an envelope."""
    env = {"captured_at": captured.isoformat(), "captured_by": monitor, "platform": p.platform,
           "kind": "comment" if p.post_type == "comment" else "post",
           "page_url": permalink(p), "item": item(p, p.text)}
    if p.parent is not None:
        env["parent"] = {"post_id": p.parent.post_id, "account": p.parent.account.handle}
    if p.platform == "x":
        env["includes"] = x_includes([p])
    if p.platform == "facebook":
        env["item"]["from"]["username"] = p.account.handle
        if p.ref_post is not None:
            env["shared_from"] = {"id": p.ref_post.account.platform_user_id, "username": p.ref_post.account.handle}
    return env
