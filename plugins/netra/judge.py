"""Judge the window's post versions with the neutrality rules and load the findings.

Text rules run in Python (netra.rules.engine), the interaction rule in SQL; both meet in
netra.rules.ruleset.judge, which sets severity from the catalogue and the owner's status. Findings,
rule hits and escalations (NET-QUIET with the post, NET-REPEAT in SQL over the account's recent
findings) are loaded set-based and idempotently for the window, under one lock for every writer of
findings: windows that overlap share findings and the escalations of their accounts, so concurrent
runs queue and leave what sequential runs leave. The first run under a ruleset label records in the
audit trail what the label stands for (the hashes of the files it was loaded from).
"""
from __future__ import annotations

import contextlib
import json
import logging
from collections import defaultdict
from pathlib import Path

from netra import audit, collector, settings, spawned, warehouse
from netra.rules.datafile import RulesFileError
from netra.rules.election import ElectionFileError, load_election
from netra.rules.ruleset import judge, ruleset
from netra.window import Window

ACTOR = "netra pipeline"
VERSIONS_PER_PART = 20_000
log = logging.getLogger(__name__)
STAGE_COLUMNS = ("window_start", "window_end", "post_pk", "content_hash", "election_id", "ruleset_version", "candidate_numbers",
                 "stance", "period", "owner_kind", "severity_ethics", "severity_discipline", "hits",
                 "disposition", "supports", "opposes", "escalations")


def election_files(directory: Path | None = None) -> dict[str, Path]:
    """Election files by election id."""
    found = {}
    for path in sorted((directory or settings.elections_dir()).glob("*.yaml")):
        found[load_election(path).id] = path
    return found


def warm() -> None:
    """Load the election files' rulesets in this process, for the task processes it forks (each
    judge task loaded them again: 0.3 s of its 0.75 on a city's day). The cache is keyed by the
    files' hashes, so a file changed afterwards is loaded anew; one that does not load is left for
    the judge task to report."""
    try:
        for path in election_files().values():
            ruleset(path)
    except (ElectionFileError, RulesFileError) as exc:
        log.warning("rulesets not preloaded: %s", exc)


def judge_window(engine, window: Window, run_id: str | None = None, dag_id: str | None = None,
                 elections_dir: Path | None = None) -> dict:
    """The window's versions are read once, VERSIONS_PER_PART at a time (a province's window has a
    million), and judged against every election running in it, the parts after the first by
    NETRA_JUDGE_WORKERS processes while this one reads the next; only the findings are kept."""
    files = election_files(elections_dir)
    params = {"window_start": window.start, "window_end": window.end}
    summary = {"versions": 0, "findings": 0, "by_rule": defaultdict(int), "elections": []}
    judging = []
    with engine.connect() as conn:
        for election_id, sha in warehouse.execute(conn, "rules/active_elections", params).all():
            if election_id not in files:
                raise ElectionFileError(f"election {election_id} is in the registry but no file under include/rules/elections has it")
            rs = ruleset(files[election_id])
            if rs.election.sha256 != sha:
                raise ElectionFileError(f"{files[election_id]} changed since it was loaded: run `netra election load` first")
            interactions = defaultdict(list)
            for post_pk, number, ref in warehouse.execute(conn, "rules/interaction", {
                    **params, "election_id": election_id,
                    "post_types": list(rs.catalogue.param("NET-INTERACT", "post_types"))}):
                interactions[post_pk].append((number, ref))
            judging.append((election_id, rs, interactions, []))
        if hash_joins(**warehouse.execute(conn, "rules/window_share", params).mappings().one()):
            conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
        versions = warehouse.stream(conn, "rules/window_versions", params, VERSIONS_PER_PART)
        calls = _calls(versions, [(e, files[e], inter) for e, _, inter, _ in judging], window, summary)
        with contextlib.closing(spawned.ordered(judge_part, calls, settings.judge_workers())) as judged, \
                collector.paused():
            for found, by_rule in judged:
                for election_id, _, _, rows in judging:
                    rows += found[election_id]
                for rule_id, n in by_rule.items():
                    summary["by_rule"][rule_id] += n
    for election_id, rs, _, rows in judging:
        cat, label = rs.catalogue, rs.label
        repeat = cat.rule("NET-REPEAT")
        p = {**params, "election_id": election_id, "ruleset_version": label, "rule_version": repeat.version,
             "min_findings": repeat.params["min_findings"], "within_days": repeat.params["within_days"]}
        with engine.begin() as conn:
            warehouse.lock(conn, "netra.findings")
            if warehouse.execute(conn, "rules/ruleset_recorded", {"subject": f"ruleset:{label}"}).first() is None:
                audit.record(conn, ACTOR, "ruleset_load", f"ruleset:{label}", rs.provenance())
            warehouse.execute(conn, "findings/clear_stage", p)
            warehouse.copy_rows(conn, "stage.finding", STAGE_COLUMNS, rows)
            warehouse.analyze(conn, len(rows), "stage.finding", at_least=1000)
            warehouse.execute(conn, "findings/drop_unflagged", p)
            warehouse.execute(conn, "findings/upsert", p)
            warehouse.analyze(conn, len(rows), "findings.finding")
            warehouse.execute(conn, "findings/clear_hits", p)
            warehouse.execute(conn, "findings/insert_hits", p)
            warehouse.execute(conn, "findings/clear_escalations", p)
            warehouse.execute(conn, "findings/escalate_post", p)
            warehouse.execute(conn, "findings/escalate_repeat", p)
        summary["findings"] += len(rows)
        summary["elections"].append(election_id)
    summary["by_rule"] = dict(summary["by_rule"])
    with engine.begin() as conn:
        # Recorded under the name the step had before it was `judge`: ops.task_metric keeps one
        # series per phase across versions.
        warehouse.execute(conn, "load/record_metric", {
            "task_id": "findings", "batch_key": "", "window_start": window.start, "window_end": window.end,
            "dag_id": dag_id, "run_id": run_id, "rows_in": summary["versions"], "rows_out": summary["findings"],
            "duplicates": 0, "quarantined": 0, "details": json.dumps(summary)})
    return summary


def hash_joins(versions: int, stored: int) -> bool:
    """Whether to read the window's versions with hash joins instead of the planner's nested loops.
    The planner takes the window's versions for a thirtieth of their number (the join of
    window_post and post_version on two columns multiplies their selectivities) and probes post and
    employee_status once a version, about 9 µs each; hashing reads every stored version and post
    instead. A province's first window (all of the versions) took 8.3 s with the probes and 3.9 s
    hashed; a city's day among 150,703 stored versions (1,479 of them) 0.05 s probed, 3.6 s hashed."""
    return versions * 3 >= stored > 0


def _calls(versions, elections: list[tuple[str, Path, dict]], window: Window, summary: dict):
    """judge_part's arguments for each part of the window's versions (VERSIONS_PER_PART of them, as
    column names and tuples, which a worker process is sent cheaply) with the part's own
    interactions; the versions counted in the summary."""
    files = [(election_id, path) for election_id, path, _ in elections]
    for columns, rows in versions:
        summary["versions"] += len(rows)
        pks = [r[columns.index("post_pk")] for r in rows]
        own = {election_id: {pk: inter[pk] for pk in pks if pk in inter} for election_id, _, inter in elections}
        yield files, window, columns, rows, own


def judge_part(elections: list[tuple[str, Path]], window: Window, columns: list[str], rows: list[tuple],
               interactions: dict[str, dict]) -> tuple[dict[str, list[tuple]], dict[str, int]]:
    """One part of the window's versions judged against each election (in a worker process after
    the first part: netra.spawned.ordered): the stage.finding rows per election, and the hits per
    rule. The rulesets are loaded once per process."""
    by_rule: dict[str, int] = defaultdict(int)
    with collector.paused():
        versions = [dict(zip(columns, r)) for r in rows]
        found = {election_id: _findings(ruleset(path), election_id, window, versions, interactions[election_id],
                                        by_rule) for election_id, path in elections}
    return found, dict(by_rule)


def _findings(rs, election_id: str, window: Window, versions, interactions, by_rule) -> list[tuple]:
    """stage.finding rows for the versions the election's rules flag; counts hits in `by_rule`."""
    cat, rows = rs.catalogue, []
    verdicts = rs.engine.evaluate_many([v["text"] for v in versions], [
        v["ref_account"] if v["post_type"] in ("share", "quote") else None for v in versions])
    for v, verdict in zip(versions, verdicts, strict=True):
        inter = [h for number, ref in interactions.get(v["post_pk"], [])
                 if (h := rs.interaction(v["post_type"], number, ref))]
        if not verdict and not inter:
            continue
        finding = judge(rs, v["owner_kind"], rs.periods(v["created_at"]), verdict, inter,
                        rs.election.pairs_on(v["created_at"]))
        if finding is None:
            continue
        for h in finding["hits"]:
            by_rule[h["rule_id"]] += 1
        escalations = [{"rule_id": x, "rule_version": cat.rule(x).version} for x in finding["escalations"]]
        rows.append((window.start, window.end, v["post_pk"], v["content_hash"], election_id, rs.label,
                     finding["candidate_numbers"], finding["stance"], rs.election.period_of(v["created_at"]),
                     v["owner_kind"], finding["severity_ethics"], finding["severity_discipline"], finding["hits"],
                     finding["disposition"], tuple(finding["supports"]), tuple(finding["opposes"]), escalations))
    return rows
