"""The case desk: roles, pseudonyms, cases from findings on the legal clock, holds (issue 12).

Revision ID: 0007_case_desk
Revises: 0006_cases
"""
from netra.migrations.sqlfile import run_sql

revision = "0007_case_desk"
down_revision = "0006_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("0007_case_desk.up.sql")


def downgrade() -> None:
    run_sql("0007_case_desk.down.sql")
