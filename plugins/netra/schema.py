"""The warehouse's schema: Alembic migrations (include/sql/migrations), then the analysts' mart
views made from their files (include/sql/mart, netra.marts), so that no migration needs to know
the views."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from netra import dictionary, marts, roles, unchanged, warehouse


def migrate(url: str | None = None, revision: str = "head") -> None:
    """Bring the warehouse schema to `revision` with Alembic, and the marts to their files."""
    _alembic(url, lambda command, cfg: command.upgrade(cfg, revision))


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Take the warehouse schema back to `revision`; the marts come back when it still fits them."""
    _alembic(url, lambda command, cfg: command.downgrade(cfg, revision))


def _alembic(url: str | None, run) -> None:
    """Run an Alembic command between dropping the marts and creating them again from their files
    (netra.marts), all in one transaction: the migrations do not know the views, a warehouse whose
    views an older version made ends with the files' definitions, readers never see the marts
    missing, and a migration that fails leaves everything as it was. Below marts.SINCE the files
    do not fit, so the marts stay dropped. Then everything goes to netra_owner and the roles get
    their grants from include/sql/roles (netra.roles), in the same transaction; the comments of
    include/rules/dictionary describe the newest schema, so a warehouse taken back below it keeps
    the comments it had."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    url = url or warehouse.connection_url()
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    db = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with db.begin() as conn:
            marts.drop(conn)
            cfg.attributes["connection"] = conn
            run(command, cfg)
            script = ScriptDirectory.from_config(cfg)
            heads = MigrationContext.configure(conn).get_current_heads()
            applied = {r.revision for head in heads for r in script.walk_revisions("base", head)}
            marts.create(conn, applied)
            if unchanged.SINCE in applied:
                conn.execute(sa.text("SELECT ops.count_writes()"))     # tables added since 0010
            if roles.SINCE in applied:
                roles.apply(conn)
            if set(heads) == set(script.get_heads()):
                dictionary.apply(conn)
    finally:
        db.dispose()
