"""Near-duplicates: one owner's post carried to another platform, often with a hashtag added.

Exact duplicates never reach core (the upsert keys on platform and post id, and versions on
content). Cross-posts are different posts, so they are linked, not merged: one owner's original
posts on different platforms, made within 24 hours of each other, where some version of one is at
least `threshold` similar to some version of the other (rapidfuzz ratio of the normalized texts).
Any version, not the current one: a post edited after it was carried over stays a cross-post, and
the links are the same whatever order the windows (and their edits) are processed in: the window
that adds a post's last version sees all versions of both posts.
"""
from __future__ import annotations

import datetime as dt
from itertools import groupby

import sqlalchemy as sa
from rapidfuzz import fuzz

from netra import collector, warehouse
from netra.normalize.parse import text_key
from netra.window import Window


def link_cross_posts(engine, window: Window, threshold: float = 90.0, min_length: int = 20) -> int:
    """Link the pairs that involve at least one of the window's posts; returns how many."""
    params = {"window_start": window.start, "window_end": window.end}
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "crosspost/cross_post_candidates", params).all()
    with collector.paused():
        links = _links(rows, threshold, min_length)
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.core")
        conn.execute(sa.text("CREATE TEMP TABLE cross_post (post_pk bigint, linked_post_pk bigint, similarity real) "
                             "ON COMMIT DROP"))
        warehouse.copy_rows(conn, "pg_temp.cross_post", ("post_pk", "linked_post_pk", "similarity"), links)
        warehouse.execute(conn, "crosspost/link_cross_posts")
    return len(links)


def _links(rows, threshold: float, min_length: int) -> list[tuple[int, int, float]]:
    """(lower post_pk, higher, similarity) of the candidates' pairs that are cross-posts; the rows
    come by owner, then post, in time order."""
    links, day = [], dt.timedelta(hours=24)
    for _, owned in groupby(rows, key=lambda r: r.owner):
        posts = []                          # (post, normalized texts of its versions long enough to compare)
        for _, versions in groupby(owned, key=lambda r: r.post_pk):
            versions = list(versions)
            keys = {k for k in (text_key(v.text) for v in versions) if len(k) >= min_length}
            if keys:
                posts.append((versions[0], keys))
        for i, (a, a_keys) in enumerate(posts):
            for j in range(i + 1, len(posts)):
                b, b_keys = posts[j]
                if b.created_at - a.created_at > day:
                    break
                if a.platform == b.platform or not (a.in_window or b.in_window):
                    continue
                score = max(fuzz.ratio(x, y) for x in a_keys for y in b_keys)
                if score >= threshold:
                    lo, hi = sorted((a.post_pk, b.post_pk))
                    links.append((lo, hi, round(score / 100, 3)))
    return links
