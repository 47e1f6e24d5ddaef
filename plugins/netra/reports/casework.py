"""What case officers act on: the period's new findings, each with where it stands, its evidence
and its links, counted by status, candidate pair, platform and escalation; the cases whose
deadline is near or was escalated.

Employees appear by pseudonym only, as in mart.finding_list: an OPD post's text is shown whole with
its evidence marked, an employee's only as the evidence spans, because report files are read by
more people than the desk and an employee's words searched on the platform find the employee.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from netra import evidence_spans, warehouse
from netra.reports import labels
from netra.reports.period import Period

# A deadline falling due within this many days of the period's last day is listed as near.
NEAR_DAYS = 3


@dataclass(frozen=True)
class Finding:
    finding_id: int
    when: str
    subject: str
    opd: str
    platform: str
    pairs: tuple[str, ...]
    stance: str
    severity: str
    status: str
    rules: tuple[str, ...]
    escalations: tuple[str, ...]
    text: tuple[tuple[str, str | None], ...]          # an OPD post: its text in runs, a run's rule when marked
    spans: tuple[tuple[str, str], ...]                 # evidence not marked in a text: (rule, its text)
    permalink: str | None
    case_id: int | None
    case_url: str | None
    deleted: bool
    official: bool                                     # an OPD's own post


def status(row) -> str:
    if row["verdict"] == "ditolak":
        return labels.STATUS_DISMISSED
    if row["disposition"] == "review":
        return labels.STATUS_REVIEW
    return f"Kasus: {row['case_state']}" if row["case_id"] else labels.STATUS_NO_CASE


def _placed(evidence: dict, text: str | None) -> bool:
    """The span has a valid position in the text (an interaction, a share, has none)."""
    start, end = evidence.get("start"), evidence.get("end")
    return bool(text) and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def marked(text: str, hits: list[dict]) -> tuple[tuple[str, str | None], ...]:
    """The text cut into runs, each evidence span (with a valid position) a run naming its rule."""
    return evidence_spans.runs(text, ((e["start"], e["end"], h["rule_id"]) for h in hits for e in h["evidence"]
                                      if _placed(e, text)))


def _link(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def findings(conn, period: Period, pairs: dict[tuple[str, int], str], desk_url: str | None) -> list[Finding]:
    zone = ZoneInfo(period.timezone)
    out = []
    for r in warehouse.execute(conn, "report/period_findings", {"start": period.start, "end": period.end}).mappings():
        hits = r["hits"] or []
        at = r["created_at"].astimezone(zone)
        if r["owner_kind"] == "opd":
            subject, when = f"Akun resmi {r['opd_name']}", f"{at:%d-%m-%Y %H:%M}"
        else:       # the mart gives the hour only
            subject, when = r["employee_pseudonym"] or r["account_pseudonym"], f"{at:%d-%m-%Y %H}.00\u2013{at:%H}.59"
        out.append(Finding(
            finding_id=r["finding_id"], when=when, subject=subject,
            opd=r["opd_name"] or "tidak diketahui", platform=labels.platform(r["platform"]),
            pairs=tuple(pair_label(pairs, r["election_id"], n) for n in r["candidate_numbers"]),
            stance=labels.STANCES.get(r["stance"], "menyebut"), severity=labels.SEVERITIES.get(r["severity_discipline"], "\u2014"),
            status=status(r), rules=tuple(h["rule_id"] for h in hits), escalations=tuple(r["escalations"] or ()),
            text=marked(r["text"], hits) if r["owner_kind"] == "opd" and r["text"] else (),
            spans=tuple((h["rule_id"], e["text"]) for h in hits for e in h["evidence"]
                        if e.get("text") and not (r["owner_kind"] == "opd" and _placed(e, r["text"]))),
            permalink=_link(r["permalink"]), case_id=r["case_id"],
            case_url=f"{desk_url.rstrip('/')}/kasus/{r['case_id']}" if desk_url and r["case_id"] else None,
            deleted=r["deleted"], official=r["owner_kind"] == "opd"))
    return out


def pair_label(pairs: dict[tuple[str, int], str], election_id: str, number: int) -> str:
    name = pairs.get((election_id, number))
    return f"{number:02d} {name}" if name else f"{number:02d}"


def counts(items: list[Finding]) -> dict[str, list[tuple[str, int]]]:
    """The findings per status, candidate pair, platform and escalating rule, most first."""
    pairs = Counter(p for f in items for p in f.pairs or ("tanpa pasangan calon",))
    return {"status": Counter(f.status for f in items).most_common(),
            "pair": sorted(pairs.items()),
            "platform": Counter(f.platform for f in items).most_common(),
            "escalation": Counter(x for f in items for x in f.escalations).most_common()}


def deadlines(conn, period: Period) -> list[dict]:
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/cases_near_deadline", {
        "last_day": period.last_day, "within": NEAR_DAYS, "timezone": period.timezone})]


def escalated_cases(conn, period: Period) -> list[dict]:
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/cases_escalated", {
        "start": period.start, "end": period.end, "timezone": period.timezone})]


def pair_names(conn, election_ids: list[str]) -> dict[tuple[str, int], str]:
    return {(e, n): name for e, n, name in warehouse.execute(conn, "report/candidate_pairs", {"elections": election_ids})}

