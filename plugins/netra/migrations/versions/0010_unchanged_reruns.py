"""Reruns of an unchanged window: a count of writes to what the steps read, and each window's
record of its last complete run (issue 14).

Revision ID: 0010_unchanged_reruns
Revises: 0009_partitions
"""
from netra.migrations.sqlfile import run_sql

revision = "0010_unchanged_reruns"
down_revision = "0009_partitions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0010_unchanged_reruns.up.sql")


def downgrade() -> None:
    run_sql("0010_unchanged_reruns.down.sql")
