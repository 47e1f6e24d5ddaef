"""The evidence package of a case: the PDF for the PPK and the bundle (ZIP) a verifier can check.

Both are read in one snapshot of the warehouse, through the caller's login (the desk connects as
its user, so the database decides what each may read; a case officer reads everything here but
reporters' contacts). Neither carries the clock's time: the package is dated by the latest change
to what it reports (`as_of`), so the same case state gives the same bytes, and the PDF printed
from the desk names the same manifest hash as the ZIP downloaded beside it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from netra import settings, warehouse
from netra.cases import bundle as bundles
from netra.cases import bundle_verify, evidence_pdf
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


def _snapshot(engine, case_id: int):
    """The case's file and its bundle's contents, read in one consistent snapshot."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            f = read(conn, case_id)
    return f, bundles.contents(f)


def pdf(engine, case_id: int) -> bytes:
    """The PDF for the PPK, in Bahasa Indonesia, naming its bundle's manifest hash."""
    f, contents = _snapshot(engine, case_id)
    return evidence_pdf.render(f, contents.manifest_sha256)


def bundle(engine, case_id: int) -> bytes:
    """The ZIP: raw pages, their WARC, the PDF, manifest.json and SHA256SUMS."""
    f, contents = _snapshot(engine, case_id)
    return bundles.archive(contents, evidence_pdf.render(f, contents.manifest_sha256), f.as_of)


def verify(zip_bytes: bytes, engine=None) -> list[str]:
    """The problems found in a bundle (empty: it holds); given an engine, checked against raw too."""
    return bundle_verify.verify(zip_bytes, engine)
