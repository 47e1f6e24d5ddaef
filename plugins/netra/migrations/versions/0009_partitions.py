"""The large tables partitioned by month, on ids that carry their month (issue 14).

Revision ID: 0009_partitions
Revises: 0008_statistics
"""
from netra.migrations.sqlfile import run_sql

revision = "0009_partitions"
down_revision = "0008_statistics"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0009_partitions.up.sql")


def downgrade() -> None:
    run_sql("0009_partitions.down.sql")
