"""Raw pages compressed with lz4 instead of pglz (issue 14).

Revision ID: 0012_raw_lz4
Revises: 0011_loader_integrity
"""
from netra.migrations.sqlfile import run_sql

revision = "0012_raw_lz4"
down_revision = "0011_loader_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0012_raw_lz4.up.sql")


def downgrade() -> None:
    run_sql("0012_raw_lz4.down.sql")
