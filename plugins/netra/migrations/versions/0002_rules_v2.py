"""Rules v2: breach or review findings, supports and opposes, escalations.

Revision ID: 0002_rules_v2
Revises: 0001_foundation
"""
from netra.migrations.sqlfile import run_sql

revision = "0002_rules_v2"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0002_rules_v2.up.sql")


def downgrade() -> None:
    run_sql("0002_rules_v2.down.sql")
