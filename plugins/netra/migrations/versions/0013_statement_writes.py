"""A statement a trigger runs is counted with the statement that fired it (issue 14).

Revision ID: 0013_statement_writes
Revises: 0012_raw_lz4
"""
from netra.migrations.sqlfile import run_sql

revision = "0013_statement_writes"
down_revision = "0012_raw_lz4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0013_statement_writes.up.sql")


def downgrade() -> None:
    run_sql("0013_statement_writes.down.sql")
