"""A second round (run-off) and the day results are determined, in the election registry.

Revision ID: 0004_runoff
Revises: 0003_fetch_outcome
"""
from netra.migrations.sqlfile import run_sql

revision = "0004_runoff"
down_revision = "0003_fetch_outcome"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0004_runoff.up.sql")


def downgrade() -> None:
    run_sql("0004_runoff.down.sql")
