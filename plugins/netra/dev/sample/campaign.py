"""The sample campaign: what the city's accounts, the candidates and the public post over the
election, day by day (posts, shares, comments), and which posts are later edited or deleted.
landing_files.py writes what a collector would have landed of it; truth.jsonl holds the ground
truth of every post for tests and the demo summary.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from netra.platforms import NAMES
from netra.rules.election import Election
from netra.dev.sample import texts
from netra.dev.sample.city import Account, City

UTC = dt.timezone.utc


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
    """`days` defaults to the election's campaign through voting day. A province's region is a
    campaign of its own city over one day: `region` keeps its public accounts' handles and
    `id_base` its post ids apart from the other regions', and `activity` multiplies how often its
    OPDs and employees post."""

    def __init__(self, rng: random.Random, city: City, election: Election, *, days: list[dt.date] | None = None,
                 activity: int = 1, region: str = "", id_base: int = 10**6):
        self.rng, self.city, self.election = rng, city, election
        self.tz = election.tz
        p = election.election.periods
        self.days = days or [p.campaign[0] + dt.timedelta(days=i)
                             for i in range((p.voting_day - p.campaign[0]).days + 1)]
        self.activity = activity
        self.posts: list[Post] = []
        self._ids: dict[str, int] = defaultdict(lambda: id_base)
        self.official = [a for a in city.accounts if a.official]
        self.personal = [a for a in city.accounts if a.owner_type == "employee"]
        self.candidate_accounts = [
            (c.number, Account(acc.platform, acc.handle, acc.id or self._cand_id(acc.platform, acc.handle), "candidate",
                               display_name=c.pair_name))
            for c in election.candidates for acc in c.accounts]
        self.public = [Account(pf, f"warga{region.lower()}{i}{'_' if pf in ('x', 'instagram') else ''}{rng.randrange(100)}",
                               str(rng.randrange(10**14, 10**15)) if pf != "youtube" else f"UCwarga{i:017d}",
                               "public", display_name=f"Warga {i}") for i in range(600)
                       for pf in [NAMES[i % len(NAMES)]]]
        self.malformed: list[tuple[str, str]] = []

    def _cand_id(self, platform: str, handle: str) -> str | None:
        return None if platform == "tiktok" else str(int(hashlib.sha1(handle.encode()).hexdigest()[:12], 16))

    def new_id(self, platform: str, account: Account, parent: Post | None = None) -> str:
        """A fresh id in the platform's own format (a Facebook comment's names its post)."""
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

    def metrics(self, scale: int = 50) -> dict:
        """Random engagement; the comment count is filled in when the comments are made."""
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
            first = len(self.posts)
            for number, acc in self.candidate_accounts:
                for _ in range(r.choice([2, 3, 4]) if campaigning else 0):
                    text = self._fill(r.choice(texts.CANDIDATE_POSTS), number)
                    if acc.platform == "youtube":
                        text = f"{acc.display_name}: {text.split('.')[0]}\n{text}"
                    p = self._add(Post(acc.platform, self.new_id(acc.platform, acc), acc, self._at(day), "original",
                                       text, "api", label="candidate", candidate=[number], category="candidate",
                                       metrics=self.metrics(400)))
                    cand_posts[acc.platform].append(p)
            for _ in range(self.activity):
                for acc in self.official:
                    for _ in range(r.choices([0, 1, 2, 3], [25, 45, 22, 8])[0]):
                        self._official_post(acc, day, cand_posts)
                for acc in r.sample(self.personal, k=int(len(self.personal) * 0.55)):
                    self._personal_post(acc, day, cand_posts)
            self._comments(day, [p for p in self.posts[first:] if p.post_type != "comment"
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
        when = self._at(day, 7, 21)
        p = self._add(Post(acc.platform, self.new_id(acc.platform, acc), acc, when, post_type, text, "api",
                           label=label, candidate=cand, category=category, ref_post=ref, metrics=self.metrics(120)))
        # Cross-posting: the same caption on the OPD's other official accounts, often with hashtags added.
        if acc.platform in ("facebook", "instagram") and r.random() < 0.35 and p.post_type == "original":
            twin = next((a for a in self.official if a.opd_code == acc.opd_code
                         and a.platform == ("instagram" if acc.platform == "facebook" else "facebook")), None)
            if twin is not None:
                extra = r.choice(["", " #PuriSegara", " #PemkotPuriSegara", "."])
                self._add(Post(twin.platform, self.new_id(twin.platform, twin), twin,
                               when + dt.timedelta(minutes=r.randrange(1, 90)), "original", text + extra, "api",
                               label=label, candidate=cand, category=category + ":cross_post",
                               metrics=self.metrics(120)))

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
        p = Post(acc.platform, self.new_id(acc.platform, acc, parent), acc, self._at(day), post_type, text, "capture",
                 label=label, candidate=cand, category=category, parent=parent, ref_post=ref, metrics=self.metrics(30))
        self._add(p)
        if parent is not None:
            parent.comments.append(p)   # the platform lists it under the post too: API and capture both see it

    def _comments(self, day: dt.date, parents: list[Post]) -> None:
        r = self.rng
        personal, public = defaultdict(list), defaultdict(list)     # by platform, in their order
        for pool, accounts in ((personal, self.personal), (public, self.public)):
            for a in accounts:
                pool[a.platform].append(a)
        for parent in parents:
            if parent.platform == "x":
                continue   # replies on X arrive as posts (replied_to), collected with their authors
            if parent.platform == "tiktok":
                continue   # the Research API returns no commenter identity; captures carry those
            n = r.randrange(10, 30) if parent.label == "candidate" else r.randrange(2, 10)
            for _ in range(n):
                employee_side = r.random() < (0.08 if parent.label == "candidate" else 0.05)
                pool = (personal if employee_side else public)[parent.platform]
                if not pool:
                    continue
                author = r.choice(pool)
                text = r.choice(texts.COMMENTS_PUBLIC)
                label, cand, category = "neutral", [], "comment"
                if employee_side and parent.label == "candidate":
                    text = r.choice(texts.INTERACTION_TEXT[1:] + texts.COMMENTS_PUBLIC[:4])
                    label, cand, category = "partisan", parent.candidate, "interaction"
                when = parent.created_at + dt.timedelta(minutes=r.randrange(5, 60 * 30))
                c = self._add(Post(parent.platform, self.new_id(parent.platform, author, parent), author, when,
                                   "comment", text, "api", label=label, candidate=cand, category=category,
                                   parent=parent, metrics=self.metrics(10)))
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

    def write_truth(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as f:
            for p in self.posts:
                f.write(json.dumps({"platform": p.platform, "post_id": p.post_id, "account": p.account.handle,
                                    "owner": p.account.owner_type, "source": p.source, "post_type": p.post_type,
                                    "label": p.label, "candidate": p.candidate, "category": p.category,
                                    "edited": p.edit is not None, "deleted": p.deleted_at is not None, "landed": p.landed,
                                    "created_at": p.created_at.isoformat()}, ensure_ascii=False) + "\n")
