"""Judge the window's post versions with the neutrality rules and load the findings.

Text rules run in Python (netra.rules.engine), the interaction rule in SQL; both meet here, get
their severity from the catalogue and the account owner's status, and are loaded set-based.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from netra import config, paths, warehouse
from netra.rules.catalogue import Catalogue, load_catalogue, load_lexicon
from netra.rules.election import Election, ElectionFileError, load_election
from netra.rules.engine import Engine, Hit
from netra.window import Window

STAGE_COLUMNS = ("window_start", "post_pk", "content_hash", "election_id", "ruleset_version", "candidate_numbers",
                 "stance", "period", "owner_kind", "severity_ethics", "severity_discipline", "hits")


@dataclass(frozen=True)
class Ruleset:
    catalogue: Catalogue
    engine: Engine

    @property
    def election(self) -> Election:
        return self.engine.election


def election_files(directory: Path | None = None) -> dict[str, Path]:
    """Election files by election id."""
    found = {}
    for path in sorted((directory or config.elections_dir()).glob("*.yaml")):
        found[load_election(path).id] = path
    return found


@lru_cache(maxsize=8)
def ruleset(election_path: Path) -> Ruleset:
    rules = paths.rules_dir()
    catalogue = load_catalogue(rules / "catalogue.yaml")
    return Ruleset(catalogue, Engine(load_election(election_path), catalogue, load_lexicon(rules / "lexicon" / "cues.yaml")))


def judge(rs: Ruleset, owner_kind: str, period: str, hits: list[Hit]) -> dict | None:
    """Combine a version's hits into one finding with its severity, or None when nothing applies."""
    applicable = []
    for h in hits:
        rule = rs.catalogue.rule(h.rule_id)
        if period in rule.periods and (owner_kind == "unregistered" or owner_kind in rule.applies_to):
            applicable.append((rule, h))
    if not applicable:
        return None
    numbers = sorted({n for _, h in applicable for n in h.candidate_numbers})
    stances = {h.stance for _, h in applicable if h.stance}
    stance = stances.pop() if len(stances) == 1 else ("mixed" if stances else None)
    worst = None
    if owner_kind != "unregistered":
        order = ["ringan", "sedang", "berat"]
        levels = [r.severity.discipline.get(owner_kind) for r, _ in applicable]
        worst = max((lv for lv in levels if lv), key=lambda lv: order.index(lv) if lv in order else -1, default=None)
    ethics = next((r.severity.ethics for r, _ in applicable if r.severity.ethics), None)
    return {"candidate_numbers": tuple(numbers), "stance": stance, "severity_ethics": ethics,
            "severity_discipline": worst,
            "hits": [{"rule_id": r.id, "rule_version": r.version, "candidate_numbers": h.candidate_numbers,
                      "stance": h.stance, "evidence": h.evidence} for r, h in applicable]}


def evaluate_window(engine, window: Window, run_id: str | None = None, dag_id: str | None = None,
                    elections_dir: Path | None = None) -> dict:
    files = election_files(elections_dir)
    params = {"window_start": window.start, "window_end": window.end}
    summary = {"versions": 0, "findings": 0, "by_rule": defaultdict(int), "elections": []}
    with engine.connect() as conn:
        active = warehouse.execute(conn, "rules/active_elections", params).all()
        versions = warehouse.execute(conn, "rules/window_versions", params).mappings().all()
    summary["versions"] = len(versions)
    for election_id, sha in active:
        if election_id not in files:
            raise ElectionFileError(f"election {election_id} is in the registry but no file under include/rules/elections has it")
        rs = ruleset(files[election_id])
        if rs.election.sha256 != sha:
            raise ElectionFileError(f"{files[election_id]} changed since it was loaded: run `netra election load` first")
        label = rs.catalogue.label
        with engine.connect() as conn:
            interactions = defaultdict(list)
            for post_pk, number, ref in warehouse.execute(conn, "rules/interaction", {**params, "election_id": election_id}):
                interactions[post_pk].append((number, ref))
        rows = []
        for v in versions:
            hits = rs.engine.evaluate(v["text"])
            if v["post_pk"] in interactions:
                pairs = interactions[v["post_pk"]]
                hits.append(Hit("NET-INTERACT", sorted({n for n, _ in pairs}),
                                [{"text": f"{v['post_type']} of @{ref}", "start": None, "end": None} for _, ref in pairs]))
            if not hits:
                continue
            period = rs.election.period_of(v["created_at"])
            finding = judge(rs, v["owner_kind"], period, hits)
            if finding is None:
                continue
            for h in finding["hits"]:
                summary["by_rule"][h["rule_id"]] += 1
            rows.append((window.start, v["post_pk"], v["content_hash"], election_id, label, finding["candidate_numbers"],
                         finding["stance"], period, v["owner_kind"], finding["severity_ethics"],
                         finding["severity_discipline"], finding["hits"]))
        p = {**params, "election_id": election_id, "ruleset_version": label}
        with engine.begin() as conn:
            warehouse.execute(conn, "findings/clear_stage", p)
            warehouse.copy_rows(conn, "stage.finding", STAGE_COLUMNS, rows)
            warehouse.execute(conn, "findings/drop_unflagged", p)
            warehouse.execute(conn, "findings/upsert", p)
            warehouse.execute(conn, "findings/clear_hits", p)
            warehouse.execute(conn, "findings/insert_hits", p)
        summary["findings"] += len(rows)
        summary["elections"].append(election_id)
    summary["by_rule"] = dict(summary["by_rule"])
    with engine.begin() as conn:
        warehouse.execute(conn, "load/record_metric", {
            "task_id": "findings", "batch_key": "", "window_start": window.start, "window_end": window.end,
            "dag_id": dag_id, "run_id": run_id, "rows_in": summary["versions"], "rows_out": summary["findings"],
            "duplicates": 0, "quarantined": 0, "details": json.dumps(summary)})
    return summary


def refresh_marts(engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(warehouse.sql("mart/refresh")))
