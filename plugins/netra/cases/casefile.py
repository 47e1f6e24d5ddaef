"""A case's file: everything its evidence package reports, read in one go from include/sql/evidence
through the caller's login (so the database decides what may be read)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from netra import settings, warehouse
from netra.rules.catalogue import Rule, load_catalogue


@dataclass(frozen=True)
class CaseFile:
    """Everything the package reports about one case, as rows of include/sql/evidence."""
    case: object
    posts: list
    hits: dict[int, list]            # by finding_id
    escalations: dict[int, list]     # by finding_id
    sightings: dict[int, list]       # by post_pk
    tips: dict[int, list]            # by post_pk
    payloads: list
    events: list
    deadlines: list
    rules: dict[str, Rule]           # the catalogue's rules, for their legal basis
    as_of: dt.datetime

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.case.timezone)

    @property
    def ruleset_versions(self) -> list[str]:
        return sorted({p.ruleset_version for p in self.posts})


def read(conn, case_id: int) -> CaseFile:
    """The case's file; LookupError when there is no such case or the login may not see it."""
    params = {"case_id": case_id}
    case = warehouse.execute(conn, "evidence/case", params).one_or_none()
    if case is None:
        raise LookupError(f"no case {case_id} (or not visible to this login)")

    def rows(name: str) -> list:
        return warehouse.execute(conn, f"evidence/{name}", params).all()

    def grouped(name: str, key: str) -> dict[int, list]:
        out = defaultdict(list)
        for r in rows(name):
            out[getattr(r, key)].append(r)
        return dict(out)

    posts, payloads, events, deadlines = rows("posts"), rows("payloads"), rows("events"), rows("deadlines")
    sightings = grouped("sightings", "post_pk")
    catalogue = load_catalogue(settings.rules_dir() / "catalogue.yaml")
    times = [case.discovered_at, case.opened_at, case.closed_at]
    times += [t for p in posts for t in (p.evaluated_at, p.attached_at, p.last_seen_at, p.deleted_at)]
    times += [t for p in payloads for t in (p.landed_at, p.removed_at, p.fetched_at)]
    times += [s.seen_at for seen in sightings.values() for s in seen]
    times += [e.at for e in events] + [t for d in deadlines for t in (d.started_at, d.met_at, d.escalated_at)]
    return CaseFile(case=case, posts=posts, hits=grouped("hits", "finding_id"),
                    escalations=grouped("escalations", "finding_id"), sightings=sightings,
                    tips=grouped("tips", "post_pk"), payloads=payloads, events=events, deadlines=deadlines,
                    rules={r.id: r for r in catalogue.rules}, as_of=max(t for t in times if t is not None))
