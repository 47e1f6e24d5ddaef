"""The sample campaign: what the city's accounts and the candidates post over the election, and
the landing files a collector would have written for it.

Layout written under the landing directory (the interface of `netra.extract.landing`):
  api/<platform>/<YYYY-MM-DD>/manifest.json   the fetches made for that day's window
  api/<platform>/<YYYY-MM-DD>/<fetch>.jsonl   one API response page per line, verbatim
  capture/<YYYY-MM-DD>/<monitor>.jsonl        monitor capture exports
  tips/<YYYY-MM-DD>.csv                       public tips
Every API fetch re-reads the previous day too, as the real connectors do, which is what yields
re-fetched duplicates, edits (new versions) and deletions (tombstones). truth.jsonl holds the
ground truth of every post for tests and the demo summary.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from netra.rules.election import Election
from netra.dev.sample import shapes, texts
from netra.dev.sample.city import Account, City

UTC = dt.timezone.utc
PAGE_SIZE = 25
MONITORS = ["monitor-a", "monitor-b", "monitor-c"]


@dataclass(eq=False)
class Post:
    platform: str
    post_id: str
    account: Account
    created_at: dt.datetime
    post_type: str
    text: str
    source: str                     # api | capture
    label: str = "neutral"
    candidate: list[int] = field(default_factory=list)
    category: str = "everyday"
    parent: Post | None = None      # the post a comment sits under
    ref_post: Post | None = None    # shared, quoted or replied-to post
    metrics: dict = field(default_factory=dict)
    edit: tuple[dt.datetime, str] | None = None
    deleted_at: dt.datetime | None = None
    comments: list[Post] = field(default_factory=list)
    landed: bool = False            # reached at least one landing file (fetched or captured)

    def text_at(self, t: dt.datetime) -> str:
        return self.edit[1] if self.edit and t >= self.edit[0] else self.text

    def exists_at(self, t: dt.datetime) -> bool:
        return self.created_at <= t and (self.deleted_at is None or t < self.deleted_at)


class Campaign:
    def __init__(self, rng: random.Random, city: City, election: Election):
        self.rng, self.city, self.election = rng, city, election
        self.tz = election.tz
        p = election.election.periods
        self.days = [p.campaign[0] + dt.timedelta(days=i) for i in range((p.voting_day - p.campaign[0]).days + 1)]
        self.posts: list[Post] = []
        self._ids: dict[str, int] = defaultdict(lambda: 10**6)
        self.official = [a for a in city.accounts if a.official]
        self.personal = [a for a in city.accounts if a.owner_type == "employee"]
        self.candidate_accounts = [
            (c.number, Account(acc.platform, acc.handle, acc.id or self._cand_id(acc.platform, acc.handle), "candidate",
                               display_name=c.pair_name))
            for c in election.candidates for acc in c.accounts]
        self.public = [Account(pf, f"warga{i}{'_' if pf in ('x', 'instagram') else ''}{rng.randrange(100)}",
                               str(rng.randrange(10**14, 10**15)) if pf != "youtube" else f"UCwarga{i:017d}",
                               "public", display_name=f"Warga {i}") for i in range(600)
                       for pf in [("facebook", "instagram", "x", "tiktok", "youtube")[i % 5]]]
        self.malformed: list[tuple[str, str]] = []

    def _cand_id(self, platform: str, handle: str) -> str | None:
        return None if platform == "tiktok" else str(int(hashlib.sha1(handle.encode()).hexdigest()[:12], 16))

    def _new_id(self, platform: str, account: Account, parent: Post | None = None) -> str:
        self._ids[platform] += 1
        n = self._ids[platform]
        if platform == "facebook":
            base = parent.post_id.split("_")[1] if parent else account.platform_user_id
            return f"{base}_{10**11 + n}"
        if platform == "instagram":
            return str(17900000000000000 + n)
        if platform == "x":
            return str(1840000000000000000 + n * 1013)
        if platform == "youtube":
            h = hashlib.sha1(f"yt{n}".encode()).hexdigest()
            return ("Ugz" + h[:20]) if parent else h[:11]
        return str(7400000000000000000 + n * 7)

    def _at(self, day: dt.date, lo: int = 6, hi: int = 23) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(self.rng.randrange(lo, hi), self.rng.randrange(60),
                                                 self.rng.randrange(60)), self.tz)
        return local.astimezone(UTC)

    def _metrics(self, scale: int = 50) -> dict:
        r = self.rng
        return {"likes": r.randrange(scale), "comments": 0, "shares": r.randrange(scale // 5 + 1),
                "views": r.randrange(scale * 20)}

    def _fill(self, template: str, number: int | None = None, other_number: int | None = None, opd: str = "") -> str:
        r, e = self.rng, self.election
        cand = next(c for c in e.candidates if c.number == number) if number else r.choice(e.candidates)
        others = [c for c in e.candidates if c.number != cand.number] or [cand]
        other = next((c for c in others if c.number == other_number), None) or r.choice(others)
        aliases = [a for person in cand.people for a in person.aliases] or [cand.pair_name]
        name = r.choice(aliases)
        spaced = " ".join(name.split()[-1].upper()) if r.random() < 0.5 else ".".join(name.split()[-1])
        values = dict(
            name=name, pair=cand.pair_name, num=cand.number, slogan=r.choice(cand.slogans or [cand.pair_name]),
            tag=r.choice(cand.hashtags or ["#" + cand.pair_name.replace("-", "")]),
            tag2=r.choice(cand.hashtags or ["#" + cand.pair_name.replace("-", "")]),
            other_name=r.choice([a for p in other.people for a in p.aliases] or [other.pair_name]),
            other_num=other.number, numword=texts.NUMBER_WORDS.get(cand.number, str(cand.number)),
            finger=texts.FINGER.get(cand.number, ""), keycap=texts.KEYCAP.get(cand.number, str(cand.number)),
            spaced=spaced, place=r.choice(texts.PLACES), program=r.choice(texts.PROGRAMS),
            all_pairs=", ".join(f"{c.number}. {c.pair_name}" for c in e.candidates),
            numword_digit=r.randrange(1, 9), opd=opd)
        return template.format(**values)

    def _add(self, post: Post) -> Post:
        self.posts.append(post)
        return post

    def generate(self) -> None:
        r = self.rng
        cand_posts: dict[str, list[Post]] = defaultdict(list)
        for day in self.days:
            period = self.election.period_of(self._at(day))
            campaigning = period == "campaign"
            todays_candidate = []
            for number, acc in self.candidate_accounts:
                for _ in range(r.choice([2, 3, 4]) if campaigning else 0):
                    text = self._fill(r.choice(texts.CANDIDATE_POSTS), number)
                    if acc.platform == "youtube":
                        text = f"{acc.display_name}: {text.split('.')[0]}\n{text}"
                    p = self._add(Post(acc.platform, self._new_id(acc.platform, acc), acc, self._at(day), "original",
                                       text, "api", label="candidate", candidate=[number], category="candidate",
                                       metrics=self._metrics(400)))
                    todays_candidate.append(p)
                    cand_posts[acc.platform].append(p)
            for acc in self.official:
                for _ in range(r.choices([0, 1, 2, 3], [25, 45, 22, 8])[0]):
                    self._official_post(acc, day, cand_posts)
            for acc in r.sample(self.personal, k=int(len(self.personal) * 0.55)):
                self._personal_post(acc, day, cand_posts)
            self._comments(day, [p for p in self.posts[-3000:] if p.post_type != "comment"
                                 and p.source == "api" and p.created_at.astimezone(self.tz).date() == day])
        self._edits_and_deletions()

    def _official_post(self, acc: Account, day: dt.date, cand_posts) -> None:
        r = self.rng
        opd_name = next(n for c, n, _ in self.city.opds if c == acc.opd_code)
        roll = r.random()
        label, cand, category, ref = "neutral", [], "official", None
        if roll < 0.006 and cand_posts.get(acc.platform):
            ref = r.choice(cand_posts[acc.platform][-40:])
            text, label, cand, category = r.choice(texts.INTERACTION_TEXT), "partisan", ref.candidate, "interaction"
        elif roll < 0.012:
            number = r.choice(self.election.candidates).number
            text = self._fill(r.choice(texts.PARTISAN["A"] + texts.PARTISAN["S"]), number)
            label, cand, category = "partisan", [number], "explicit"
        elif roll < 0.05:
            text, category = self._fill(r.choice(texts.NEUTRAL_ELECTION)), "neutral_election"
        elif roll < 0.08:
            text, category = self._fill(r.choice(texts.TRAPS)), "trap"
        else:
            text = self._fill(r.choice(texts.OFFICIAL), opd=opd_name)
        post_type = "share" if ref is not None else "original"
        if acc.platform == "youtube":
            text = f"{opd_name}: {text.split('.')[0]}\n{text}"
        if acc.platform == "x" and ref is not None and ref.platform != "x":
            return
        when = self._at(day, 7, 21)
        p = self._add(Post(acc.platform, self._new_id(acc.platform, acc), acc, when, post_type, text, "api",
                           label=label, candidate=cand, category=category, ref_post=ref, metrics=self._metrics(120)))
        # Cross-posting: the same caption on the OPD's other official accounts, often with hashtags added.
        if acc.platform in ("facebook", "instagram") and r.random() < 0.35 and p.post_type == "original":
            twin = next((a for a in self.official if a.opd_code == acc.opd_code
                         and a.platform == ("instagram" if acc.platform == "facebook" else "facebook")), None)
            if twin is not None:
                extra = r.choice(["", " #PuriSegara", " #PemkotPuriSegara", "."])
                self._add(Post(twin.platform, self._new_id(twin.platform, twin), twin,
                               when + dt.timedelta(minutes=r.randrange(1, 90)), "original", text + extra, "api",
                               label=label, candidate=cand, category=category + ":cross_post",
                               metrics=self._metrics(120)))

    def _personal_post(self, acc: Account, day: dt.date, cand_posts) -> None:
        r = self.rng
        roll = r.random()
        label, cand, category, ref, post_type = "neutral", [], "everyday", None, "original"
        if roll < 0.012 and cand_posts.get(acc.platform) and acc.platform in ("facebook", "x", "instagram", "tiktok"):
            ref = r.choice(cand_posts[acc.platform][-60:])
            post_type = {"facebook": "share", "x": r.choice(["share", "quote", "reply"]),
                         "instagram": "comment", "tiktok": "comment"}[acc.platform]
            text = "" if post_type == "share" else r.choice(texts.INTERACTION_TEXT[1:])
            label, cand, category = "partisan", ref.candidate, "interaction"
        elif roll < 0.045:
            kind = r.choices(["A", "N", "S", "O"], [40, 15, 25, 20])[0]
            numbers = [c.number for c in self.election.candidates]
            number = r.choice(numbers)
            target = r.choice([n for n in numbers if n != number] or [number])
            text = self._fill(r.choice(texts.PARTISAN[kind]), number, other_number=target)
            cand = [target] if kind == "N" else [number]   # attacking a pair is about that pair
            label, category = "partisan", {"A": "explicit", "N": "negative", "S": "slogan", "O": "obfuscated"}[kind]
        elif roll < 0.08:
            text, category = self._fill(r.choice(texts.NEUTRAL_ELECTION)), "neutral_election"
        elif roll < 0.13:
            text, category = self._fill(r.choice(texts.TRAPS)), "trap"
        else:
            text = self._fill(r.choice(texts.PERSONAL))
        if acc.platform == "youtube":
            text = f"Vlog: {text.split(',')[0]}\n{text}"
        parent = ref if post_type == "comment" else None
        if post_type == "comment":
            ref = None
        p = Post(acc.platform, self._new_id(acc.platform, acc, parent), acc, self._at(day), post_type, text, "capture",
                 label=label, candidate=cand, category=category, parent=parent, ref_post=ref, metrics=self._metrics(30))
        self._add(p)
        if parent is not None:
            parent.comments.append(p)   # the platform lists it under the post too: API and capture both see it

    def _comments(self, day: dt.date, parents: list[Post]) -> None:
        r = self.rng
        for parent in parents:
            if parent.platform == "x":
                continue   # replies on X arrive as posts (replied_to), collected with their authors
            if parent.platform == "tiktok":
                continue   # the Research API returns no commenter identity; captures carry those
            n = r.randrange(10, 30) if parent.label == "candidate" else r.randrange(2, 10)
            for _ in range(n):
                employee_side = r.random() < (0.08 if parent.label == "candidate" else 0.05)
                pool = [a for a in self.personal if a.platform == parent.platform] if employee_side else \
                    [a for a in self.public if a.platform == parent.platform]
                if not pool:
                    continue
                author = r.choice(pool)
                text = r.choice(texts.COMMENTS_PUBLIC)
                label, cand, category = "neutral", [], "comment"
                if employee_side and parent.label == "candidate":
                    text = r.choice(texts.INTERACTION_TEXT[1:] + texts.COMMENTS_PUBLIC[:4])
                    label, cand, category = "partisan", parent.candidate, "interaction"
                when = parent.created_at + dt.timedelta(minutes=r.randrange(5, 60 * 30))
                c = self._add(Post(parent.platform, self._new_id(parent.platform, author, parent), author, when,
                                   "comment", text, "api", label=label, candidate=cand, category=category,
                                   parent=parent, metrics=self._metrics(10)))
                parent.comments.append(c)
            parent.metrics["comments"] = len(parent.comments)

    def _edits_and_deletions(self) -> None:
        r = self.rng
        for p in self.posts:
            if p.source != "api" or p.post_type == "comment":
                continue
            roll = r.random()
            if roll < 0.02:
                new = p.text + r.choice([" (ralat jadwal)", " Update: lokasi pindah.", " 🙏"])
                p.edit = (p.created_at + dt.timedelta(hours=r.randrange(2, 20)), new)
            elif roll < 0.03 or (p.label == "partisan" and roll < 0.25):
                p.deleted_at = p.created_at + dt.timedelta(hours=r.randrange(6, 30))

    # -- landing files ---------------------------------------------------------------------

    def write_landing(self, out: Path) -> dict:
        counts = {"api_fetches": 0, "api_pages": 0, "capture_items": 0, "tips": 0}
        by_account: dict[tuple[str, str], list[Post]] = defaultdict(list)
        for p in self.posts:
            if p.source == "api" and p.post_type != "comment":
                by_account[(p.platform, p.account.handle)].append(p)
        self._by_day = defaultdict(list)
        for p in self.posts:
            self._by_day[p.created_at.astimezone(self.tz).date()].append(p)
        api_accounts = [(a.platform, a) for a in self.official] + [(a.platform, a) for _, a in self.candidate_accounts]
        for day in self.days:
            start = dt.datetime.combine(day, dt.time(), self.tz)
            since, until = start - dt.timedelta(days=1), start + dt.timedelta(days=1)
            manifests: dict[str, list] = defaultdict(list)
            for platform, acc in api_accounts:
                fetched = (until + dt.timedelta(minutes=15 + self.rng.randrange(30))).astimezone(UTC)
                posts = sorted((p for p in by_account.get((platform, acc.handle), [])
                                if since <= p.created_at < until and p.exists_at(fetched)),
                               key=lambda p: p.created_at, reverse=True)
                manifests[platform].append(self._fetch(out, day, acc, "timeline", acc.handle, posts, since, until,
                                                       fetched, counts))
                for parent in posts:
                    comments = sorted((c for c in parent.comments if c.exists_at(fetched)), key=lambda c: c.created_at)
                    if parent.platform in ("facebook", "instagram", "youtube"):
                        manifests[platform].append(self._fetch(out, day, acc, "comments", parent.post_id, comments,
                                                               since, until, fetched, counts))
            for platform, entries in manifests.items():
                path = out / "api" / platform / day.isoformat() / "manifest.json"
                path.write_text(json.dumps({"platform": platform, "window_day": day.isoformat(),
                                            "fetches": entries}, indent=1), encoding="utf-8")
            self._write_captures(out, day, counts)
            self._write_tips(out, day, counts)
        return counts

    def _fetch(self, out: Path, day: dt.date, acc: Account, scope_kind: str, scope_key: str, posts: list[Post],
               since: dt.datetime, until: dt.datetime, fetched: dt.datetime, counts: dict) -> dict:
        platform = acc.platform
        directory = out / "api" / platform / day.isoformat()
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
        lines = self._corrupt_api(platform, lines)
        (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts["api_fetches"] += 1
        counts["api_pages"] += len(lines)
        endpoint = {
            ("facebook", "timeline"): "GET /v19.0/{page-id}/posts", ("facebook", "comments"): "GET /v19.0/{post-id}/comments",
            ("instagram", "timeline"): "GET /v19.0/{ig-user-id}/media", ("instagram", "comments"): "GET /v19.0/{media-id}/comments",
            ("x", "timeline"): "GET /2/users/{id}/tweets", ("youtube", "timeline"): "GET /youtube/v3/videos",
            ("youtube", "comments"): "GET /youtube/v3/commentThreads", ("tiktok", "timeline"): "POST /v2/research/video/query/",
        }[(platform, scope_kind)]
        return {"fetch_id": f"api:{platform}:{day.isoformat()}:{scope_kind}:{scope_key}", "file": name,
                "scope_kind": scope_kind, "scope_key": scope_key, "account": acc.handle,
                "account_platform_id": acc.platform_user_id, "endpoint": endpoint,
                "params": {"since": since.isoformat(), "until": until.isoformat(), "limit": PAGE_SIZE},
                "since": since.isoformat(), "until": until.isoformat(), "fetched_at": fetched.isoformat(),
                "complete": True, "pages": len(lines)}

    def _corrupt_api(self, platform: str, lines: list[str]) -> list[str]:
        r = self.rng
        if r.random() < 0.004 and lines:
            body = json.loads(lines[0])
            items = body.get("data") if isinstance(body.get("data"), list) else body.get("items") or \
                (body.get("data") or {}).get("videos") or []
            if items:
                victim = r.choice(items)
                kind = r.choice(["missing_time", "bad_id", "bad_time"])
                for key in ("created_time", "timestamp", "created_at", "create_time"):
                    if key in victim:
                        if kind == "missing_time":
                            del victim[key]
                        elif kind == "bad_time":
                            victim[key] = "kemarin sore"
                        break
                if kind == "bad_id":
                    victim["id"] = [victim.get("id")]
                self.malformed.append((platform, kind))
                lines[0] = json.dumps(body, ensure_ascii=False)
        if r.random() < 0.0008 and len(lines) > 1:
            lines[-1] = lines[-1][: len(lines[-1]) // 2]            # truncated response body
            self.malformed.append((platform, "truncated_page"))
        return lines

    def _write_captures(self, out: Path, day: dt.date, counts: dict) -> None:
        r = self.rng
        directory = out / "capture" / day.isoformat()
        directory.mkdir(parents=True, exist_ok=True)
        files: dict[str, list[bytes]] = {m: [] for m in MONITORS}
        todays = [p for p in self._by_day[day] if p.source == "capture"]
        for p in todays:
            monitors = [r.choice(MONITORS)] + ([r.choice(MONITORS)] if r.random() < 0.02 else [])
            p.landed = True
            for m in monitors:
                captured = p.created_at + dt.timedelta(minutes=r.randrange(10, 600))
                files[m].append(json.dumps(self._capture_item(p, m, captured), ensure_ascii=False).encode())
        files[MONITORS[0]].extend(self._bad_captures(day))
        for m, lines in files.items():
            (directory / f"{m}.jsonl").write_bytes(b"\n".join(lines) + (b"\n" if lines else b""))
            counts["capture_items"] += len(lines)

    def _capture_item(self, p: Post, monitor: str, captured: dt.datetime) -> dict:
        env = {"captured_at": captured.isoformat(), "captured_by": monitor, "platform": p.platform,
               "kind": "comment" if p.post_type == "comment" else "post",
               "page_url": self.permalink(p), "item": shapes.item(p, p.text)}
        if p.parent is not None:
            env["parent"] = {"post_id": p.parent.post_id, "account": p.parent.account.handle}
        if p.platform == "x":
            env["includes"] = shapes.x_includes([p])
        if p.platform == "facebook":
            env["item"]["from"]["username"] = p.account.handle
            if p.ref_post is not None:
                env["shared_from"] = {"id": p.ref_post.account.platform_user_id, "username": p.ref_post.account.handle}
        return env

    def _bad_captures(self, day: dt.date) -> list[bytes]:
        """A few deliberately broken capture lines per week: each must end in quarantine with a reason."""
        r = self.rng
        if day.toordinal() % 7:
            return []
        acc = r.choice(self.personal)
        when = dt.datetime.combine(day, dt.time(12), self.tz).astimezone(UTC)
        base = Post(acc.platform, self._new_id(acc.platform, acc), acc, when, "original", "", "capture")
        base.metrics = self._metrics(10)

        def good(text: str, kind: str) -> dict:
            post = Post(**{**base.__dict__, "text": text, "post_id": self._new_id(acc.platform, acc),
                           "category": kind, "landed": True})
            self.posts.append(post)        # in the truth file too, so every landed item is accounted for
            return self._capture_item(post, MONITORS[0], when)

        bad = []
        bad.append(json.dumps(good("ada byte \u0000 NUL di sini", "malformed:nul")).encode())
        bad.append(json.dumps(good("caption raksasa " + "x" * 1_000_000, "malformed:huge_caption")).encode())
        unknown = good("posting di platform lain", "malformed:unknown_platform")
        unknown["platform"] = "friendster"
        bad.append(json.dumps(unknown).encode())
        bad.append(b'{"captured_at": "' + day.isoformat().encode() + b'T10:00:00+08:00", "platform": "instagram", '
                   b'"item": {"id": "1790000", "caption": "teks rusak \xff\xfe tidak UTF-8"}}')
        bad.append(b'{"captured_at": "2024-10-01T10:00:00+08:00", "platform": "x", "item": {"id": ')
        missing = good("tanpa waktu posting", "malformed:missing_time")
        missing["item"].pop(next(k for k in ("created_time", "timestamp", "created_at", "create_time", "snippet")
                                 if k in missing["item"]), None)
        bad.append(json.dumps(missing).encode())
        self.malformed.extend((acc.platform, k) for k in ("nul", "huge_caption", "unknown_platform", "invalid_utf8",
                                                          "truncated_json", "missing_time"))
        # Text that looks like SQL is ordinary content: it must be stored verbatim, not refused.
        sqlish = good("Robert'); DROP TABLE core.post;-- lagi belajar SQL di kantor", "sql_text")
        bad.append(json.dumps(sqlish).encode())
        return bad

    def permalink(self, p: Post) -> str:
        if p.platform == "facebook":
            owner, num = p.post_id.split("_")
            return f"https://www.facebook.com/{p.account.handle}/posts/{num}"
        if p.platform == "instagram":
            return shapes.instagram_item(p, "")["permalink"] if p.post_type != "comment" else \
                f"https://www.instagram.com/p/{hashlib.md5(p.parent.post_id.encode()).hexdigest()[:11]}/c/{p.post_id}/"
        if p.platform == "x":
            return f"https://x.com/{p.account.handle}/status/{p.post_id}"
        if p.platform == "youtube":
            return f"https://www.youtube.com/watch?v={p.post_id}" if p.post_type != "comment" else \
                f"https://www.youtube.com/watch?v={p.parent.post_id}&lc={p.post_id}"
        return f"https://www.tiktok.com/@{p.account.handle}/video/{p.post_id if p.post_type != 'comment' else p.parent.post_id}"

    def _write_tips(self, out: Path, day: dt.date, counts: dict) -> None:
        r = self.rng
        directory = out / "tips"
        directory.mkdir(parents=True, exist_ok=True)
        partisan = [p for p in self._by_day[day] if p.label == "partisan" and p.post_type != "comment"]
        rows = []
        for i, p in enumerate(r.sample(partisan, k=min(len(partisan), r.randrange(1, 6)))):
            url = self.permalink(p)
            if p.platform == "x" and r.random() < 0.5:
                url = url.replace("https://x.com", "https://twitter.com") + "?s=20&t=abc123"
            elif p.platform == "facebook" and r.random() < 0.5:
                url = url.replace("www.facebook", "m.facebook")
            shot = f"tip-{day:%Y%m%d}-{i}.jpg"
            rows.append([dt.datetime.combine(day, dt.time(20, i), self.tz).isoformat(), url,
                         f"pelapor{r.randrange(1000)}@contoh.id", "Mohon ditindaklanjuti", shot,
                         hashlib.sha256(shot.encode()).hexdigest()])
        if day.toordinal() % 9 == 0:
            rows.append([dt.datetime.combine(day, dt.time(21), self.tz).isoformat(), "https://bit.ly/3xYzAbc",
                         "0812xxxx", "Link dari grup WA", "", ""])
        with (directory / f"{day.isoformat()}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["received_at", "post_url", "reporter_contact", "note", "screenshot_file", "screenshot_sha256"])
            w.writerows(rows)
        counts["tips"] += len(rows)

    def write_truth(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as f:
            for p in self.posts:
                f.write(json.dumps({"platform": p.platform, "post_id": p.post_id, "account": p.account.handle,
                                    "owner": p.account.owner_type, "source": p.source, "post_type": p.post_type,
                                    "label": p.label, "candidate": p.candidate, "category": p.category,
                                    "edited": p.edit is not None, "deleted": p.deleted_at is not None, "landed": p.landed,
                                    "created_at": p.created_at.isoformat()}, ensure_ascii=False) + "\n")
