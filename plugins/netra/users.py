"""Logins for people and services, each a member of one of the warehouse's group roles.

Creating one needs a login with CREATEROLE (the DBA's, or the embedded cluster's superuser). The
password reaches PostgreSQL only as a SCRAM-SHA-256 verifier computed here, never in the clear
(so no server log can hold it). A supervisor's login is scoped to the OPDs it may see
(cases.scope). Every grant and removal made here is audited; pg_auth_members against the trail
shows one made by hand.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

import sqlalchemy as sa

from netra import audit, warehouse

ROLES = {"owner": "netra_owner", "loader": "netra_loader", "analyst": "netra_analyst",
         "case_officer": "netra_case_officer", "supervisor": "netra_supervisor", "auditor": "netra_auditor"}
NAME = re.compile(r"^[a-z][a-z0-9_]{2,62}$")
ITERATIONS = 4096


class UserError(ValueError):
    pass


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """The verifier PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802/7677)."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"SCRAM-SHA-256${ITERATIONS}:{b64(salt)}${b64(hashlib.sha256(client_key).digest())}:{b64(server_key)}"


def add(engine, name: str, role: str, password: str, opds: list[str] = (), actor: str = "netra user") -> None:
    """Create login `name` in the group of `role`; a supervisor needs the codes of their OPDs."""
    if not NAME.match(name):
        raise UserError(f"{name!r}: a login is 3 to 63 lower-case letters, digits or _, starting with a letter")
    if role not in ROLES:
        raise UserError(f"no role {role!r}: one of {sorted(ROLES)}")
    if (role == "supervisor") != bool(opds):
        raise UserError("a supervisor's login needs --opd (the OPDs whose cases it sees); no other role takes one")
    if len(password) < 12:
        raise UserError("a password of at least 12 characters")
    with engine.begin() as conn:
        found = warehouse.execute(conn, "users/opd_ids", {"codes": list(opds)}).all()
        missing = sorted(set(opds) - {code for code, _ in found})
        if missing:
            raise UserError(f"no OPD with code {missing} in the registry")
        conn.execute(sa.text(f'CREATE ROLE "{name}" LOGIN IN ROLE "{ROLES[role]}" PASSWORD :verifier'),
                     {"verifier": scram_verifier(password)})
        for _, opd_id in found:
            warehouse.execute(conn, "users/scope", {"role_name": name, "opd_id": opd_id})
        audit.record(conn, actor, "role_grant", f"login:{name}", {"role": ROLES[role], "opds": sorted(opds)})


def remove(engine, name: str, actor: str = "netra user") -> None:
    if not NAME.match(name):
        raise UserError(f"{name!r} is not a login name netra user makes")
    with engine.begin() as conn:
        if not warehouse.execute(conn, "users/is_member", {"name": name}).scalar():
            raise UserError(f"{name!r} is not a login of Netra's roles")
        warehouse.execute(conn, "users/unscope", {"role_name": name})
        conn.execute(sa.text(f'DROP ROLE "{name}"'))
        audit.record(conn, actor, "role_revoke", f"login:{name}", {})


def members(engine) -> list[dict]:
    """Every login in Netra's group roles, with its OPDs when scoped."""
    with engine.connect() as conn:
        return [dict(r) for r in warehouse.execute(conn, "users/members").mappings()]
