"""Cases in the warehouse: the workflow loaded into it, steps taken on a case, the audit trail.

The workflow is checked twice: here, to say in words what is not allowed, and by the warehouse
(cases.step), which refuses a step the loaded workflow does not list whoever sends it. Each step
and each load writes an audit row in its own transaction; the trail is append-only and chained.
"""
from __future__ import annotations

import json

from netra import warehouse
from netra.cases import workflow as workflows
from netra.cases.workflow import Workflow, WorkflowError


def load_workflow(engine, actor: str, flow: Workflow | None = None, sha256: str | None = None) -> None:
    """Make the warehouse's workflow the file's: states and transitions in, transitions no longer
    listed retired (past steps keep theirs), and the load audited with the file's hash."""
    if flow is None:
        flow, sha256 = workflows.load()
    with engine.begin() as conn:
        for position, s in enumerate(flow.states):
            warehouse.execute(conn, "cases/state", {"state_id": s.id, "label": s.label, "terminal": s.terminal,
                                                    "position": position})
        warehouse.execute(conn, "cases/retire_rules")
        for t in flow.transitions:
            warehouse.execute(conn, "cases/transition_rule", {"from_state": t.from_, "to_state": t.to,
                                                              "action": t.action, "decision": t.decision})
        record(conn, actor, "workflow_load", "workflow.yaml", {"sha256": sha256, "version": flow.version})


def step(engine, flow: Workflow, case_id: int, action: str, actor: str, reason: str, *,
         track: str | None = None, outcome: str | None = None, measure: str | None = None) -> str:
    """Take `action` on a case; returns the state it reaches. Every step has an actor and a reason;
    a decision names its track and outcome (and the measure where the outcome needs one)."""
    if not reason or not reason.strip():
        raise WorkflowError("every step needs a reason")
    with engine.begin() as conn:
        state = warehouse.execute(conn, "cases/case_state", {"case_id": case_id}).scalar()
        if state is None:
            raise WorkflowError(f"no case {case_id}")
        t = flow.transition(state, action)
        if t.decision:
            if track is None or outcome is None:
                raise WorkflowError(f"{action!r} records a decision: name its track and outcome")
            if flow.outcome(track, outcome).measure and not (measure and measure.strip()):
                raise WorkflowError(f"outcome {outcome!r} needs the concrete measure")
        elif track or outcome:
            raise WorkflowError(f"{action!r} records no decision")
        warehouse.execute(conn, "cases/step", {
            "case_id": case_id, "from_state": state, "to_state": t.to, "action": action, "actor": actor,
            "reason": reason, "decision_track": track, "decision_outcome": outcome, "measure": measure})
    return t.to


def record(conn, actor: str, kind: str, subject: str, detail: dict) -> None:
    warehouse.execute(conn, "audit/record", {"actor": actor, "kind": kind, "subject": subject,
                                             "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True)})


def audit_breach(engine) -> int | None:
    """The first audit event that was rewritten or does not follow the one before it; None when
    the trail holds."""
    with engine.connect() as conn:
        return warehouse.execute(conn, "audit/verify").scalar()
