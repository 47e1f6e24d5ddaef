"""Overdue cases escalate: once a deadline of the legal clock has passed its last day unmet, it is
escalated (cases.escalation, audited) and, where the workflow says the direct superior had to
act, the superior is flagged. Run daily by the netra_case_clock DAG for the day it covers."""
from __future__ import annotations

import datetime as dt

from netra import warehouse
from netra.cases import workflow as workflows


def escalate(engine, today: dt.date) -> dict:
    """Escalate every deadline whose last day is before `today`; idempotent for a day."""
    flow, _ = workflows.load()
    pairs = [(d.id, state) for d in flow.deadlines for state in d.flag_superior_in]
    with engine.begin() as conn:
        rows = warehouse.execute(conn, "cases/escalate", {
            "today": today, "flag_deadlines": [d for d, _ in pairs], "flag_states": [s for _, s in pairs]}).all()
    return {"escalated": len(rows), "superiors_flagged": sum(r.flagged_employee_id is not None for r in rows),
            "by_deadline": {d: sum(r.deadline_id == d for r in rows) for d in sorted({r.deadline_id for r in rows})}}
