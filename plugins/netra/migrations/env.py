"""Alembic environment: migrations are SQL files under include/sql/migrations, run in order. The mart
views are not among them: netra.marts makes them from include/sql/mart after Alembic runs."""
from alembic import context
from sqlalchemy import create_engine, pool

url = context.config.get_main_option("sqlalchemy.url")
given = context.config.attributes.get("connection")      # netra.schema's, inside its transaction
if given is not None:
    context.configure(connection=given)
    with context.begin_transaction():
        context.run_migrations()
elif context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
