"""Loading the registry: the personnel export and account declarations (CSV), and election files.

Both are idempotent upserts keyed by the source's own identifiers, so a city can reload its
export every day.
"""
from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa

from netra import warehouse
from netra.rules.election import Election, load_election

FILES = {
    "opd": ("opd.csv", ["code", "name", "kind"]),
    "employee": ("employee.csv", ["employee_code", "nip", "full_name", "status", "position", "supervisor_code"]),
    "assignment": ("assignment.csv", ["employee_code", "opd_code", "valid_from", "valid_to"]),
    "account": ("account.csv", ["platform", "handle", "platform_user_id", "owner_type", "opd_code",
                                "employee_code", "official", "declared_on"]),
}


class RegistryFileError(ValueError):
    pass


def read_rows(path: Path, columns: list[str]) -> list[tuple]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != columns:
            raise RegistryFileError(f"{path}: expected header {columns}, got {header}")
        rows = []
        for n, row in enumerate(reader, start=2):
            if len(row) != len(columns):
                raise RegistryFileError(f"{path}:{n}: {len(row)} fields where {len(columns)} are expected")
            rows.append(tuple(row))
        return rows


def load_registry(engine, directory: Path) -> dict:
    counts = {}
    with engine.begin() as conn:
        for name, (filename, columns) in FILES.items():
            rows = read_rows(Path(directory) / filename, columns)
            conn.execute(sa.text(f"CREATE TEMP TABLE reg_{name} ({', '.join(c + ' text' for c in columns)}) ON COMMIT DROP"))
            warehouse.copy_rows(conn, f"pg_temp.reg_{name}", columns, rows)
            counts[name] = len(rows)
        for step in ("opd", "employee", "supervisor", "assignment_prune", "assignment", "account"):
            warehouse.execute(conn, f"registry/{step}")
    return counts


def _runoff(r) -> dict:
    if r is None:
        return dict.fromkeys(("runoff_campaign_start", "runoff_campaign_end", "runoff_quiet_start", "runoff_quiet_end",
                              "runoff_voting_day", "runoff_pairs"))
    return {"runoff_campaign_start": r.campaign[0], "runoff_campaign_end": r.campaign[1], "runoff_quiet_start": r.quiet[0],
            "runoff_quiet_end": r.quiet[1], "runoff_voting_day": r.voting_day, "runoff_pairs": r.pairs or None}


def load_election_file(engine, path: Path) -> Election:
    election = load_election(path)
    e, p = election.election, election.election.periods
    with engine.begin() as conn:
        changed = warehouse.execute(conn, "registry/election", {
            "election_id": e.id, "name": e.name, "region": e.region, "timezone": e.timezone,
            "determination_day": p.determination_day, "campaign_start": p.campaign[0], "campaign_end": p.campaign[1],
            "quiet_start": p.quiet[0], "quiet_end": p.quiet[1], "voting_day": p.voting_day,
            **_runoff(p.second_round), "results_day": p.end, "file_sha256": election.sha256}).first()
        if changed:
            warehouse.execute(conn, "registry/election_clear", {"election_id": e.id})
            for c in election.candidates:
                base = {"election_id": e.id, "number": c.number}
                warehouse.execute(conn, "registry/candidate_pair", {**base, "pair_name": c.pair_name,
                                                                    "slogans": c.slogans, "hashtags": c.hashtags})
                for person in c.people:
                    warehouse.execute(conn, "registry/candidate_person", {
                        **base, "role": person.role, "name": person.name, "aliases": person.aliases,
                        "incumbent": person.incumbent})
                for acc in c.accounts:
                    warehouse.execute(conn, "registry/candidate_account", {
                        **base, "platform": acc.platform, "handle": acc.handle, "platform_user_id": acc.id})
    return election
