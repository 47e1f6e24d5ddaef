"""Cases and the append-only, hash-chained audit trail (issue 12).

Revision ID: 0006_cases
Revises: 0005_evidence
"""
from netra.migrations.sqlfile import run_sql

revision = "0006_cases"
down_revision = "0005_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0006_cases.up.sql")


def downgrade() -> None:
    run_sql("0006_cases.down.sql")
