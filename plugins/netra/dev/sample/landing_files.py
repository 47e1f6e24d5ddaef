"""The landing files a collector would have written for the sample campaign, in the layout of
netra.extract.layout: each day's API fetches and their manifests, the monitors' capture exports
and the public tips.

Every API fetch re-reads the previous day too, as the real connectors do, which is what yields
re-fetched duplicates, edits (new versions) and deletions (tombstones).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from netra.extract import layout
from netra.dev.sample import faults, shapes
from netra.dev.sample.campaign import UTC, Campaign, Post
from netra.dev.sample.city import Account

PAGE_SIZE = 25
MONITORS = ["monitor-a", "monitor-b", "monitor-c"]
# The request each fetch stands for; a platform has a comments scope where its API lists a post's
# comments with their authors.
ENDPOINTS = {
    ("facebook", "timeline"): "GET /v19.0/{page-id}/posts", ("facebook", "comments"): "GET /v19.0/{post-id}/comments",
    ("instagram", "timeline"): "GET /v19.0/{ig-user-id}/media", ("instagram", "comments"): "GET /v19.0/{media-id}/comments",
    ("x", "timeline"): "GET /2/users/{id}/tweets", ("youtube", "timeline"): "GET /youtube/v3/videos",
    ("youtube", "comments"): "GET /youtube/v3/commentThreads", ("tiktok", "timeline"): "POST /v2/research/video/query/",
}


class LandingWriter:
    """Writes the campaign's landing files under `root`, drawing from the campaign's random
    stream in a fixed order: the same seed gives the same bytes. A province's regions share one
    tree: each region after the first appends to the day's capture and tip files (`append`), and
    only one of them fetches the candidates' accounts (`candidates`)."""

    def __init__(self, campaign: Campaign, root: Path, *, candidates: bool = True, append: bool = False):
        self.campaign, self.root, self.rng = campaign, root, campaign.rng
        self.append = append
        self.counts = {"api_fetches": 0, "api_pages": 0, "capture_items": 0, "tips": 0}
        self.by_day: dict[dt.date, list[Post]] = defaultdict(list)
        self.by_account: dict[tuple[str, str], list[Post]] = defaultdict(list)
        for p in campaign.posts:
            self.by_day[p.created_at.astimezone(campaign.tz).date()].append(p)
            if p.source == "api" and p.post_type != "comment":
                self.by_account[(p.platform, p.account.handle)].append(p)
        self.api_accounts = [(a.platform, a) for a in campaign.official] + \
            ([(a.platform, a) for _, a in campaign.candidate_accounts] if candidates else [])

    def write(self) -> dict:
        """Every day of the campaign; returns how many fetches, pages, captured items and tips."""
        for day in self.campaign.days:
            for platform, entries in self.fetches(day).items():
                layout.write_manifest(self.root, platform, day, entries)
            self.captures(day)
            self.tips(day)
        return self.counts

    def fetches(self, day: dt.date) -> dict[str, list[layout.ManifestEntry]]:
        """The day's API fetches as page files, and their manifest entries by platform."""
        campaign = self.campaign
        start = dt.datetime.combine(day, dt.time(), campaign.tz)
        since, until = start - dt.timedelta(days=1), start + dt.timedelta(days=1)
        manifests: dict[str, list[layout.ManifestEntry]] = defaultdict(list)
        for platform, acc in self.api_accounts:
            fetched = (until + dt.timedelta(minutes=15 + self.rng.randrange(30))).astimezone(UTC)
            posts = sorted((p for p in self.by_account.get((platform, acc.handle), [])
                            if since <= p.created_at < until and p.exists_at(fetched)),
                           key=lambda p: p.created_at, reverse=True)
            manifests[platform].append(self._fetch(day, acc, "timeline", acc.handle, posts, since, until, fetched))
            for parent in posts:
                comments = sorted((c for c in parent.comments if c.exists_at(fetched)), key=lambda c: c.created_at)
                if (platform, "comments") in ENDPOINTS:
                    manifests[platform].append(self._fetch(day, acc, "comments", parent.post_id, comments,
                                                           since, until, fetched))
        return manifests

    def _fetch(self, day: dt.date, acc: Account, scope_kind: str, scope_key: str, posts: list[Post],
               since: dt.datetime, until: dt.datetime, fetched: dt.datetime) -> layout.ManifestEntry:
        platform = acc.platform
        directory = layout.api_folder(self.root, platform, day)
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{acc.handle}.{scope_kind}" + (f".{scope_key}" if scope_kind == "comments" else "") + ".jsonl"
        chunks = [posts[i:i + PAGE_SIZE] for i in range(0, len(posts), PAGE_SIZE)] or [[]]
        lines = []
        for n, chunk in enumerate(chunks):
            items = [shapes.item(p, p.text_at(fetched)) for p in chunk]
            for p in chunk:
                p.landed = True
            body = shapes.page(platform, "comments" if scope_kind == "comments" else "posts", items, chunk, n,
                               n == len(chunks) - 1, scope_key)
            lines.append(json.dumps(body, ensure_ascii=False))
            if self.rng.random() < 0.03:          # a page re-fetched after a timeout: exact duplicate
                lines.append(lines[-1])
        lines = faults.corrupt_pages(self.campaign, platform, lines)
        (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.counts["api_fetches"] += 1
        self.counts["api_pages"] += len(lines)
        return layout.ManifestEntry(
            fetch_id=f"api:{platform}:{day.isoformat()}:{scope_kind}:{scope_key}", file=name,
            scope_kind=scope_kind, scope_key=scope_key, account=acc.handle,
            account_platform_id=acc.platform_user_id, endpoint=ENDPOINTS[(platform, scope_kind)],
            params={"since": since.isoformat(), "until": until.isoformat(), "limit": PAGE_SIZE},
            since=since.isoformat(), until=until.isoformat(), fetched_at=fetched.isoformat(),
            complete=True, pages=len(lines))

    def captures(self, day: dt.date) -> None:
        r = self.rng
        layout.capture_folder(self.root, day).mkdir(parents=True, exist_ok=True)
        files: dict[str, list[bytes]] = {m: [] for m in MONITORS}
        todays = [p for p in self.by_day[day] if p.source == "capture"]
        for p in todays:
            monitors = [r.choice(MONITORS)] + ([r.choice(MONITORS)] if r.random() < 0.02 else [])
            p.landed = True
            for m in monitors:
                captured = p.created_at + dt.timedelta(minutes=r.randrange(10, 600))
                files[m].append(json.dumps(shapes.capture(p, m, captured), ensure_ascii=False).encode())
        files[MONITORS[0]].extend(faults.bad_captures(self.campaign, day, MONITORS[0]))
        for m, lines in files.items():
            with layout.capture_file(self.root, day, m).open("ab" if self.append else "wb") as f:
                f.write(b"\n".join(lines) + (b"\n" if lines else b""))
            self.counts["capture_items"] += len(lines)

    def tips(self, day: dt.date) -> None:
        r, tz = self.rng, self.campaign.tz
        partisan = [p for p in self.by_day[day] if p.label == "partisan" and p.post_type != "comment"]
        rows = []
        for i, p in enumerate(r.sample(partisan, k=min(len(partisan), r.randrange(1, 6)))):
            url = shapes.permalink(p)
            if p.platform == "x" and r.random() < 0.5:
                url = url.replace("https://x.com", "https://twitter.com") + "?s=20&t=abc123"
            elif p.platform == "facebook" and r.random() < 0.5:
                url = url.replace("www.facebook", "m.facebook")
            shot = f"tip-{day:%Y%m%d}-{i}.jpg"
            rows.append([dt.datetime.combine(day, dt.time(20, i), tz).isoformat(), url,
                         f"pelapor{r.randrange(1000)}@contoh.id", "Mohon ditindaklanjuti", shot,
                         hashlib.sha256(shot.encode()).hexdigest()])
        rows += faults.bad_tips(day, tz)
        path = layout.tips_file(self.root, day)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = not (self.append and path.exists())
        with path.open("a" if not header else "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            if header:
                w.writerow(["received_at", "post_url", "reporter_contact", "note", "screenshot_file",
                            "screenshot_sha256"])
            w.writerows(rows)
        self.counts["tips"] += len(rows)
