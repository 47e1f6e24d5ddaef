"""Near-duplicates: one owner's post carried to another platform, often with a hashtag added.

Exact duplicates never reach core (the upsert keys on platform and post id, and versions on
content). Cross-posts are different posts, so they are linked, not merged: within one owner's
posts of a day either side of the window, on different platforms, within 24 hours, whose
normalized texts are at least `threshold` similar (rapidfuzz ratio).
"""
from __future__ import annotations

import datetime as dt
from itertools import groupby

import sqlalchemy as sa
from rapidfuzz import fuzz

from netra import warehouse
from netra.window import Window


def link_cross_posts(engine, window: Window, threshold: float = 90.0, min_length: int = 20) -> int:
    params = {"window_start": window.start, "window_end": window.end, "min_length": min_length}
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "crosspost/cross_post_candidates", params).all()
    links = []
    for _, group in groupby(rows, key=lambda r: r.owner):
        posts = list(group)
        for i, a in enumerate(posts):
            for b in posts[i + 1:]:
                if b.created_at - a.created_at > dt.timedelta(hours=24):
                    break
                if a.platform == b.platform:
                    continue
                score = fuzz.ratio(a.text_key, b.text_key)
                if score >= threshold:
                    lo, hi = sorted((a.post_pk, b.post_pk))
                    links.append((lo, hi, round(score / 100, 3)))
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.core")
        conn.execute(sa.text("CREATE TEMP TABLE cross_post (post_pk bigint, linked_post_pk bigint, similarity real) "
                             "ON COMMIT DROP"))
        warehouse.copy_rows(conn, "pg_temp.cross_post", ("post_pk", "linked_post_pk", "similarity"), links)
        warehouse.execute(conn, "crosspost/link_cross_posts")
    return len(links)
