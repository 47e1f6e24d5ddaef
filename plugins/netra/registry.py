"""Loading the registry: the personnel export and account declarations (CSV), and election files.

Both are idempotent upserts keyed by the source's own identifiers, so a city can reload its
export every day. What findings rely on is kept: an employee's status over time (a change takes
effect on the day of the load that brings it), and the candidates a changed election file no
longer lists (marked, not deleted). Every load is audited with the hashes of its files. Employees
and accounts get keyed pseudonyms (netra.pseudonym) on every load, so a rotated key re-keys all.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from netra import audit, pseudonym, settings, warehouse
from netra.rules.election import Election, load_election

ACTOR = "netra pipeline"
FILES = {
    "opd": ("opd.csv", ["code", "name", "kind"]),
    "employee": ("employee.csv", ["employee_code", "nip", "full_name", "status", "position", "supervisor_code"]),
    "assignment": ("assignment.csv", ["employee_code", "opd_code", "valid_from", "valid_to"]),
    "account": ("account.csv", ["platform", "handle", "platform_user_id", "owner_type", "opd_code",
                                "employee_code", "official", "declared_on"]),
}
STEPS = ("opd", "employee", "status_close", "status_open", "supervisor", "assignment_prune", "assignment", "account")


class RegistryFileError(ValueError):
    pass


def read_rows(path: Path, columns: list[str]) -> list[tuple]:
    return _parse(path, path.read_bytes(), columns)


def _parse(path: Path, data: bytes, columns: list[str]) -> list[tuple]:
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, None)
    if header != columns:
        raise RegistryFileError(f"{path}: expected header {columns}, got {header}")
    rows = []
    for n, row in enumerate(reader, start=2):
        if len(row) != len(columns):
            raise RegistryFileError(f"{path}:{n}: {len(row)} fields where {len(columns)} are expected")
        rows.append(tuple(row))
    return rows


def load_registry(engine, directory: Path, key: bytes | None = None, *, day: dt.date | None = None,
                  actor: str = ACTOR) -> dict:
    """Load the export in `directory`; rows per file. `key` keys the pseudonyms (by default the
    netra_pseudonym_key connection's); `day` is the day the export speaks for (today in the
    city's zone), when the status changes it brings take effect."""
    key = pseudonym.check(key) if key is not None else pseudonym.key()
    day = day or dt.datetime.now(ZoneInfo(settings.timezone())).date()
    counts, files = {}, {}
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.registry")
        for name, (filename, columns) in FILES.items():
            path = Path(directory) / filename
            data = path.read_bytes()
            rows = _parse(path, data, columns)
            conn.execute(sa.text(f"CREATE TEMP TABLE reg_{name} ({', '.join(c + ' text' for c in columns)}) ON COMMIT DROP"))
            warehouse.copy_rows(conn, f"pg_temp.reg_{name}", columns, rows)
            counts[name] = len(rows)
            files[filename] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": len(rows)}
        changed = {}
        for step in STEPS:
            changed[step] = warehouse.execute(conn, f"registry/{step}", {"day": day}).rowcount
        _pseudonyms(conn, key)
        audit.record(conn, actor, "registry_load", "registry", {
            "files": files, "day": day.isoformat(), "status_changes": changed["status_close"]})
    return counts


def _pseudonyms(conn, key: bytes) -> None:
    """Every employee's and account's pseudonym under `key`, computed here and set in one UPDATE each."""
    employees = [(i, pseudonym.employee(key, code)) for i, code in warehouse.execute(conn, "registry/employee_codes")]
    accounts = [(i, pseudonym.account(key, platform, handle_key))
                for i, platform, handle_key in warehouse.execute(conn, "registry/account_keys")]
    for name, rows in (("employee", employees), ("account", accounts)):
        conn.execute(sa.text(f"CREATE TEMP TABLE reg_{name}_pseudonym (id int PRIMARY KEY, pseudonym text) ON COMMIT DROP"))
        warehouse.copy_rows(conn, f"pg_temp.reg_{name}_pseudonym", ("id", "pseudonym"), rows)
        warehouse.execute(conn, f"registry/{name}_pseudonym")


def _runoff(r) -> dict:
    if r is None:
        return dict.fromkeys(("runoff_campaign_start", "runoff_campaign_end", "runoff_quiet_start", "runoff_quiet_end",
                              "runoff_voting_day", "runoff_pairs"))
    return {"runoff_campaign_start": r.campaign[0], "runoff_campaign_end": r.campaign[1], "runoff_quiet_start": r.quiet[0],
            "runoff_quiet_end": r.quiet[1], "runoff_voting_day": r.voting_day, "runoff_pairs": r.pairs or None}


def load_election_file(engine, path: Path, actor: str = ACTOR) -> Election:
    """Load an election file. A changed file upserts its candidates; the pairs, people and accounts
    it no longer lists stay, marked out of the file, for the findings and cases that name them."""
    election = load_election(path)
    e, p = election.election, election.election.periods
    with engine.begin() as conn:
        changed = warehouse.execute(conn, "registry/election", {
            "election_id": e.id, "name": e.name, "region": e.region, "timezone": e.timezone,
            "determination_day": p.determination_day, "campaign_start": p.campaign[0], "campaign_end": p.campaign[1],
            "quiet_start": p.quiet[0], "quiet_end": p.quiet[1], "voting_day": p.voting_day,
            **_runoff(p.second_round), "results_day": p.end, "file_sha256": election.sha256}).first()
        if changed:
            warehouse.execute(conn, "registry/election_out_of_file", {"election_id": e.id})
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
        audit.record(conn, actor, "election_load", f"election:{e.id}", {
            "file": Path(path).name, "sha256": election.sha256, "changed": changed is not None,
            "pairs": [c.number for c in election.candidates]})
    return election
