"""The demo's logins, one per role (environment.LOGINS): made once in the demo's cluster with the
passwords kept in .netra/airflow/secrets.json, the supervisor scoped to the OPD with the most
employee accounts. `netra demo credentials` prints them; the demo's summary names them only."""
from __future__ import annotations

import sqlalchemy as sa

from netra import users, warehouse
from netra.dev.demo.environment import LOGINS, logins


def supervisor_opd(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.text(
            "SELECT o.code FROM registry.opd o JOIN registry.assignment a ON a.opd_id = o.opd_id AND a.valid_to IS NULL "
            "JOIN registry.account acc ON acc.employee_id = a.employee_id GROUP BY o.code ORDER BY count(*) DESC, o.code "
            "LIMIT 1")).scalar()


def ensure(engine) -> str:
    """Make the logins that are missing (and the supervisor's scope in this warehouse, which a
    switched source starts afresh); returns the supervisor's OPD code."""
    opd = supervisor_opd(engine)
    present = {m["login"] for m in users.members(engine)}
    passwords = logins()
    for name, role in LOGINS.items():
        if name not in present:
            users.add(engine, name, role, passwords[name], opds=[opd] if role == "supervisor" else [], actor="netra demo")
        elif role == "supervisor":
            with engine.begin() as conn:
                for code, opd_id in warehouse.execute(conn, "users/opd_ids", {"codes": [opd]}):
                    warehouse.execute(conn, "users/scope", {"role_name": name, "opd_id": opd_id})
    return opd
