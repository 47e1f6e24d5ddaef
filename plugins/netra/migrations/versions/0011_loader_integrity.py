"""The fact tables' references kept by their one writer, not by a trigger per row (issue 14).

Revision ID: 0011_loader_integrity
Revises: 0010_unchanged_reruns
"""
from netra.migrations.sqlfile import run_sql

revision = "0011_loader_integrity"
down_revision = "0010_unchanged_reruns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0011_loader_integrity.up.sql")


def downgrade() -> None:
    run_sql("0011_loader_integrity.down.sql")
