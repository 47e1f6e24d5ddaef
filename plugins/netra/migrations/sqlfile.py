"""Runs one migration's SQL file; the SQL itself lives in include/sql/migrations."""
from alembic import op

from netra import settings


def run_sql(name: str) -> None:
    op.execute((settings.sql_dir() / "migrations" / name).read_text(encoding="utf-8"))
