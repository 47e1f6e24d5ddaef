"""The audit trail: append a row, find where the chain breaks.

audit.event is append-only for every role and each row is chained to the one before by SHA-256
(migration 0006), so a row rewritten with the triggers off shows where verification stops; one
rewritten with every later hash recomputed shows against the heads logged before (`head`).
"""
from __future__ import annotations

import hashlib
import json

from netra import warehouse


class TrailBroken(RuntimeError):
    """A row of the audit trail no longer matches its hash or the row before it."""


def record(conn, actor: str, kind: str, subject: str, detail: dict) -> None:
    warehouse.execute(conn, "audit/record", {"actor": actor, "kind": kind, "subject": subject,
                                             "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)})


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def head(engine) -> tuple[int, str] | None:
    """The newest event and its hash. Logged daily outside the warehouse (netra_case_clock's task
    log): whoever rewrites a row and recomputes every hash after it cannot make the heads logged
    before match again."""
    with engine.connect() as conn:
        row = warehouse.execute(conn, "audit/head").first()
    return tuple(row) if row else None


def breach(engine) -> int | None:
    """The first audit event that was rewritten or does not follow the one before it; None when
    the trail holds."""
    with engine.connect() as conn:
        return warehouse.execute(conn, "audit/verify").scalar()
