"""`netra eval`: score a labelled set and say how the rules did and why.

A labelled set is JSON lines of `netra score` input with `_label` (partisan, neutral or unclear),
`_candidate` (a number, a list or null) and `_category`, as ../shared/eval/GUIDELINES.md writes
them. Posts labelled unclear are left out. The figures are the shared scorer's (precision and
recall of `flagged` against partisan, F1, attribution: a flagged partisan post names a pair the
label names), per category too; the errors list every missed post, false alarm and wrong pair
with what the rules found and which guards fired, so that whoever writes an election file sees
why a post was or was not flagged.

A set may hold posts of several elections: each post's `election` key then names its file in
the set's `elections/` folder.
"""
from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from netra.rules.score import score_lines


class LabelledSetError(ValueError):
    pass


@dataclass
class Result:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    attributed: int = 0
    per_category: dict = field(default_factory=lambda: defaultdict(lambda: {"partisan": 0, "flagged": 0,
                                                                            "neutral": 0, "false_alarms": 0}))
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.tp if self.tp else 0.0

    def figures(self) -> dict:
        return {"posts": self.tp + self.fp + self.fn + self.tn, "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "attribution": round(self.attribution, 3)}


def load_set(posts_path: Path, election: Path | None = None) -> tuple[list[dict], list[Path]]:
    """The labelled posts, and the election file each post is judged against (in the same order)."""
    posts = []
    for n, line in enumerate(posts_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                posts.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise LabelledSetError(f"{posts_path} line {n}: not JSON: {exc}") from None
    files: list[Path] = []
    for p in posts:
        if p.get("_label") not in ("partisan", "neutral", "unclear"):
            raise LabelledSetError(f"{posts_path}: post {p.get('post_id')!r} has _label {p.get('_label')!r}, "
                                   "not partisan, neutral or unclear")
        if p["_label"] == "partisan" and not p.get("_candidate"):
            raise LabelledSetError(f"{posts_path}: partisan post {p.get('post_id')!r} names no _candidate")
        if election is not None:
            files.append(election)
        elif p.get("election"):
            path = posts_path.parent / "elections" / f"{p['election']}.yaml"
            if not path.exists():
                raise LabelledSetError(f"{posts_path}: post {p.get('post_id')!r} names election {p['election']!r}, "
                                       f"but {path} is not there")
            files.append(path)
        else:
            path = posts_path.parent / "election.yaml"
            if not path.exists():
                raise LabelledSetError(f"{posts_path}: pass --election, or put election.yaml beside the posts")
            files.append(path)
    return posts, files


def score(posts: list[dict], files: list[Path]) -> list[dict]:
    """`netra score --explain` of every post, in order, each against its own election file."""
    by_election: dict[Path, list[int]] = defaultdict(list)
    for i, path in enumerate(files):
        by_election[path].append(i)
    rows: list[dict] = [{}] * len(posts)
    for election, members in by_election.items():
        out, errors = io.BytesIO(), io.StringIO()
        score_lines((json.dumps(posts[i], ensure_ascii=False).encode() for i in members), out, election, errors, explain=True)
        if errors.getvalue():
            raise LabelledSetError(f"posts the scorer cannot read ({election.name}): {errors.getvalue().strip()}")
        for i, line in zip(members, out.getvalue().splitlines(), strict=True):
            rows[i] = json.loads(line)
    return rows


def evaluate(posts: list[dict], rows: list[dict]) -> Result:
    result = Result()
    for p, row in zip(posts, rows, strict=True):
        if p["_label"] == "unclear":
            continue
        flagged, partisan = bool(row["flagged"]), p["_label"] == "partisan"
        cat = result.per_category[p.get("_category", "-")]
        want = p.get("_candidate")
        want = want if isinstance(want, list) else [want] if want else []
        kind = None
        if partisan:
            cat["partisan"] += 1
            if flagged:
                result.tp += 1
                cat["flagged"] += 1
                if set(want) & set(row["candidate_numbers"]):
                    result.attributed += 1
                else:
                    kind = "wrong pair"
            else:
                result.fn += 1
                kind = "missed"
        else:
            cat["neutral"] += 1
            if flagged:
                result.fp += 1
                cat["false_alarms"] += 1
                kind = "false alarm"
            else:
                result.tn += 1
        if kind:
            result.errors.append({"kind": kind, "post_id": p["post_id"], "category": p.get("_category", "-"),
                                  "gold": want, "predicted": row["candidate_numbers"], "stance": row["stance"],
                                  "evidence": [f"{e['rule_id']} {e['text']!r}" for e in row["evidence"]],
                                  "references": [f"{r['text']!r}→{r['candidate_number']} ({r['kind']})"
                                                 for r in row["explain"]["references"]],
                                  "guards": row["explain"]["guards"], "period": row["explain"]["period"],
                                  "text": p.get("text") or ""})
    return result


def report(result: Result, width: int = 100) -> str:
    """The errors, the per-category table and the figures, the figures last (as the shared scorer)."""
    lines = []
    for e in result.errors:
        lines.append(f"{e['kind']:<11} {e['post_id']} [{e['category']}] gold={e['gold']} got={e['predicted']} "
                     f"period={e['period']}")
        if e["evidence"]:
            lines.append(f"    evidence:   {'; '.join(e['evidence'])}")
        if e["references"] and not e["evidence"]:
            lines.append(f"    found:      {'; '.join(e['references'])}")
        if e["guards"]:
            lines.append(f"    guards:     {'; '.join(e['guards'])}")
        text = " ".join(e["text"].split())
        lines.append(f"    text:       {text[:width]}{'…' if len(text) > width else ''}")
    lines.append("")
    lines.append(f"{'category':<28} {'partisan':>8} {'flagged':>8} {'recall':>7} {'neutral':>8} {'alarms':>7}")
    for name, c in sorted(result.per_category.items()):
        recall = f"{c['flagged'] / c['partisan']:.3f}" if c["partisan"] else "-"
        lines.append(f"{name:<28} {c['partisan']:>8} {c['flagged']:>8} {recall:>7} {c['neutral']:>8} {c['false_alarms']:>7}")
    f = result.figures()
    lines.append(f"posts={f['posts']} tp={f['tp']} fp={f['fp']} fn={f['fn']} tn={f['tn']}")
    lines.append(f"precision={f['precision']:.3f} recall={f['recall']:.3f} f1={f['f1']:.3f} attribution={f['attribution']:.3f}")
    return "\n".join(lines)
