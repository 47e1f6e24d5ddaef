"""Findings become cases: one open case per employee (or OPD account) and election.

A breach finding on a registered account joins its subject's open case, or opens one in the
workflow's first state, discovered when its first finding was made (the legal clock starts
there: cases.opened). A finding the monitoring team dismissed for that post version and election
never joins again, whatever window or ruleset version finds it anew. A case that has ended (a
terminal state) takes no more findings: a later breach opens a new case with its own clock.
Runs under the findings lock, so it never races a window's judging.
"""
from __future__ import annotations

import json

from netra import warehouse
from netra.window import Window

ACTOR = "netra pipeline"


def open_cases(engine, window: Window | None = None) -> dict:
    """Open and attach for every breach finding not in a case yet (the window only names the
    run in the audit trail: findings that another window judged are picked up too)."""
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.findings")
        first = warehouse.execute(conn, "cases/stage_open").scalar()
        if first is None:
            raise RuntimeError("no case workflow in the warehouse: run `netra case workflow` first")
        warehouse.execute(conn, "cases/open_candidates")
        opened = warehouse.execute(conn, "cases/open", {"first_state": first}).scalars().all()
        attached = warehouse.execute(conn, "cases/attach", {
            "actor": ACTOR, "window": json.dumps(window.as_dict() if window else None, default=str)}).all()
    return {"opened": len(opened), "cases_with_new_findings": len(attached),
            "findings_attached": sum(len(ids) for _, ids in attached)}
