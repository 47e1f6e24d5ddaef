"""The analysts' marts: materialized views over core and findings, refreshed after a window is judged."""
from __future__ import annotations

import sqlalchemy as sa

from netra import warehouse


def refresh(engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(warehouse.sql("mart/refresh")))
