"""The audit trail: append a row, find where the chain breaks.

audit.event is append-only for every role and each row is chained to the one before by SHA-256
(migration 0006), so a row rewritten with the triggers off shows where verification stops.
"""
from __future__ import annotations

import hashlib
import json

from netra import warehouse


def record(conn, actor: str, kind: str, subject: str, detail: dict) -> None:
    warehouse.execute(conn, "audit/record", {"actor": actor, "kind": kind, "subject": subject,
                                             "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)})


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def breach(engine) -> int | None:
    """The first audit event that was rewritten or does not follow the one before it; None when
    the trail holds."""
    with engine.connect() as conn:
        return warehouse.execute(conn, "audit/verify").scalar()
