"""Fetch outcomes: one row per requested account or post and window.

Revision ID: 0003_fetch_outcome
Revises: 0002_rules_v2
"""
from netra.migrations.sqlfile import run_sql

revision = "0003_fetch_outcome"
down_revision = "0002_rules_v2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0003_fetch_outcome.up.sql")


def downgrade() -> None:
    run_sql("0003_fetch_outcome.down.sql")
