"""Evidence before tombstones, durable hand-off, windows keyed by start and end (issue 10).

Revision ID: 0005_evidence
Revises: 0004_runoff
"""
from netra.migrations.sqlfile import run_sql

revision = "0005_evidence"
down_revision = "0004_runoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0005_evidence.up.sql")


def downgrade() -> None:
    run_sql("0005_evidence.down.sql")
