"""Cases in the warehouse: the workflow and its calendar loaded into it, steps taken on a case.

The workflow is checked twice: here, to say in words what is not allowed, and by the warehouse
(cases.step), which refuses a step the loaded workflow does not list, or that the sender's role may
not take, whoever sends it. The warehouse also keeps the legal clock (cases.deadline) from the
deadlines and days off loaded here. Each step and each load is audited in its own transaction.
"""
from __future__ import annotations

import datetime as dt

from netra import audit, warehouse
from netra.cases import workflow as workflows
from netra.cases.clock import Clock
from netra.cases.workflow import Workflow, WorkflowError


def _years() -> range:
    """Three years back and three ahead: the days off a case opened now can meet."""
    today = dt.date.today()
    return range(today.year - 3, today.year + 4)


def ensure_workflow(engine, actor: str) -> bool:
    """Load the workflow and calendar files unless the warehouse already has these very files for
    these years (what the pipeline does before opening cases); True when it loaded them."""
    flow, sha256 = workflows.load()
    clock = Clock.load()
    years = _years()
    with engine.connect() as conn:
        last = warehouse.execute(conn, "cases/last_workflow_load").scalar()
    if last and (last.get("sha256"), last.get("calendar_sha256"), last.get("years")) == \
            (sha256, clock[1], [years.start, years.stop - 1]):
        return False
    load_workflow(engine, actor, flow, sha256, clock, years)
    return True


def load_workflow(engine, actor: str, flow: Workflow | None = None, sha256: str | None = None,
                  clock: tuple[Clock, str] | None = None, years: range | None = None) -> None:
    """Make the warehouse's workflow the file's: states, transitions (with who may take them),
    decisions and deadlines in, those no longer listed retired (past steps keep theirs); the days
    off of `years` from the clock. Audited with the files' hashes."""
    if flow is None:
        flow, sha256 = workflows.load()
    clock, calendar_sha = clock or Clock.load()
    years = years or _years()
    days = clock.days_off(years)
    with engine.begin() as conn:
        warehouse.lock(conn, "netra.workflow")
        for position, s in enumerate(flow.states):
            warehouse.execute(conn, "cases/state", {"state_id": s.id, "label": s.label, "terminal": s.terminal,
                                                    "position": position})
        warehouse.execute(conn, "cases/retire_rules")
        for t in flow.transitions:
            warehouse.execute(conn, "cases/transition_rule", {"from_state": t.from_, "to_state": t.to, "action": t.action,
                                                              "decision": t.decision, "roles": list(t.roles)})
        warehouse.execute(conn, "cases/retire_outcomes")
        for track_id, track in flow.decisions.items():
            for o in track.outcomes:
                warehouse.execute(conn, "cases/outcome", {"track": track_id, "outcome_id": o.id, "label": o.label,
                                                          "measure": o.measure})
        warehouse.execute(conn, "cases/retire_deadlines")
        for d in flow.deadlines:
            warehouse.execute(conn, "cases/deadline_rule", {"deadline_id": d.id, "label": d.label, "from_state": d.from_,
                                                            "until_state": d.until, "days": d.days, "unit": d.unit})
        warehouse.execute(conn, "cases/clear_days_off", {"first": years.start, "last": years.stop - 1})
        warehouse.execute(conn, "cases/day_off", {"days": list(days), "names": list(days.values())})
        audit.record(conn, actor, "workflow_load", "workflow.yaml", {
            "sha256": sha256, "version": flow.version, "calendar_sha256": calendar_sha,
            "days_off": len(days), "years": [years.start, years.stop - 1]})


def step(engine, flow: Workflow, case_id: int, action: str, reason: str, *,
         track: str | None = None, outcome: str | None = None, measure: str | None = None) -> str:
    """Take `action` on a case as the engine's login; returns the state it reaches. Every step has
    a reason; a decision names its track and outcome (and the measure where the outcome needs one)."""
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
            "case_id": case_id, "from_state": state, "to_state": t.to, "action": action,
            "reason": reason, "decision_track": track, "decision_outcome": outcome, "measure": measure})
    return t.to
