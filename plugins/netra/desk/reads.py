"""What the desk reads, through the views of schema `desk` (include/sql/desk), which show each
login only the cases it may see. Everything runs on the user's own engine."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from netra import warehouse
from netra.desk import labels

QUEUE_LIMIT = 300
SOON_DAYS = 3            # "due soon": within this many days
# Evidence without offsets: an interaction with a candidate's account ("comment of @handle").
INTERACTION = re.compile(r"^(?P<kind>[a-z]+) of @(?P<ref>\S+)$")


@dataclass(frozen=True)
class Filters:
    """The queue's filters, as GET parameters; an unknown value is no filter."""
    opd: str = ""
    status: str = "terbuka"          # every open case, "semua" for every case, or a state id
    tenggat: str = ""                # lewat (overdue) or segera (due within SOON_DAYS)
    keparahan: str = ""              # a discipline tier
    platform: str = ""

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> Filters:
        def get(name: str) -> str:
            return (params.get(name) or "").strip()
        return cls(opd=get("opd"), status=get("status") or "terbuka", platform=get("platform"),
                   tenggat=get("tenggat") if get("tenggat") in labels.DEADLINE else "",
                   keparahan=get("keparahan") if get("keparahan") in labels.SEVERITY else "")

    def params(self) -> dict:
        return {"opd": self.opd or None, "state": None if self.status == "semua" else self.status,
                "deadline": self.tenggat or None, "severity": self.keparahan or None,
                "platform": self.platform or None, "soon": SOON_DAYS, "limit": QUEUE_LIMIT}


def queue(engine, filters: Filters) -> tuple[list, int]:
    """The queue's rows under the filters (at most QUEUE_LIMIT) and how many match in all."""
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "desk/queries/queue", filters.params()).all()
    return rows, (rows[0].total if rows else 0)


def options(engine) -> dict[str, list[tuple[str, str]]]:
    """The OPDs and platforms the filters offer: those of the cases the reader may see."""
    out: dict[str, list[tuple[str, str]]] = {"opd": [], "platform": []}
    with engine.connect() as conn:
        for r in warehouse.execute(conn, "desk/queries/filter_options"):
            out[r.filter].append((r.value, r.label))
    return out


def visible(engine, case_id: int) -> bool:
    """Whether the reader may see the case at all."""
    with engine.connect() as conn:
        return warehouse.execute(conn, "desk/queries/case", {"case_id": case_id}).first() is not None


@dataclass
class CaseFile:
    case: object
    posts: list[dict]
    events: list
    deadlines: list


def case(engine, case_id: int) -> CaseFile | None:
    """A case with its posts, timeline and clock, read in one snapshot; None when there is no such
    case or the reader may not see it."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True) as conn:
        head = warehouse.execute(conn, "desk/queries/case", {"case_id": case_id}).one_or_none()
        if head is None:
            return None
        params = {"case_id": case_id}
        posts = [post(r._mapping) for r in warehouse.execute(conn, "desk/queries/case_posts", params)]
        events = warehouse.execute(conn, "desk/queries/case_events", params).all()
        deadlines = warehouse.execute(conn, "desk/queries/case_deadlines", params).all()
    return CaseFile(head, posts, events, deadlines)


def post(row: Mapping) -> dict:
    """A post of a case, its text cut into segments with the evidence marked."""
    spans, notes = [], []
    for hit in row["hits"]:
        for ev in hit["evidence"]:
            if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans.append((ev["start"], ev["end"]))
            else:
                notes.append(interaction(ev.get("text") or ""))
    return {**row, "segments": highlight(row["text"], spans), "notes": notes}


def interaction(text: str) -> str:
    found = INTERACTION.match(text)
    if found is None:
        return text
    return f"{labels.label(labels.POST_TYPE, found['kind'])} pada akun @{found['ref']}"


def highlight(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text as (piece, is_evidence) segments; overlapping or touching spans merge, spans
    outside the text are clipped."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, at = [], 0
    for start, end in merged:
        if start > at:
            segments.append((text[at:start], False))
        segments.append((text[start:end], True))
        at = end
    if at < len(text):
        segments.append((text[at:], False))
    return segments
