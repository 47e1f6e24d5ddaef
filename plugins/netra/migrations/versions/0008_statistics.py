"""Province scale: planner statistics on demand (ops.analyze, which the loader may call after a
large load), and a case clock that opens tens of thousands of cases at once (issue 14).

Revision ID: 0008_statistics
Revises: 0007_case_desk
"""
from netra.migrations.sqlfile import run_sql

revision = "0008_statistics"
down_revision = "0007_case_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0008_statistics.up.sql")


def downgrade() -> None:
    run_sql("0008_statistics.down.sql")
