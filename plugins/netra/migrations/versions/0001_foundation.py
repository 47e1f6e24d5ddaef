"""Foundation: registry, raw, stage, core, quarantine, findings, mart, ops.

Revision ID: 0001_foundation
Revises:
"""
from netra.migrations.sqlfile import run_sql

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0001_foundation.up.sql")


def downgrade() -> None:
    run_sql("0001_foundation.down.sql")
