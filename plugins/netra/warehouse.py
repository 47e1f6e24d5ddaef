"""Access to the PostgreSQL warehouse: where it is, its SQL files, set-based loads.

The warehouse is the Airflow connection `netra_warehouse` and nothing else: given in
AIRFLOW_CONN_NETRA_WAREHOUSE (URI or JSON form) or kept by Airflow. A connection that cannot be
read is an error that names it, never a quiet fall back to some other database; the `netra`
command supplies the embedded development cluster's connection itself.
"""
from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from urllib.parse import quote

import orjson
import psycopg2.extensions
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from netra import settings

CONN_ID, ENV_VAR = settings.WAREHOUSE_CONN_ID, settings.WAREHOUSE_ENV


class WarehouseConnectionError(RuntimeError):
    """The `netra_warehouse` connection is missing or unreadable."""


def url_from_airflow_conn(value: str) -> str:
    """An Airflow connection (URI or JSON) as a SQLAlchemy URL using psycopg2."""
    value = value.strip()
    if value.startswith("{"):
        try:
            c = json.loads(value)
        except ValueError as exc:
            raise ValueError(f"not a connection in JSON form: {exc}") from None
        auth = ""
        if c.get("login"):
            auth = quote(c["login"], safe="")
            if c.get("password"):
                auth += ":" + quote(c["password"], safe="")
            auth += "@"
        port = f":{c['port']}" if c.get("port") else ""
        value = f"postgresql://{auth}{c.get('host') or 'localhost'}{port}/{c.get('schema') or ''}"
    for prefix in ("postgresql+psycopg2://", "postgresql+psycopg://", "postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg2://" + value[len(prefix):]
    raise ValueError("not a PostgreSQL connection (expected postgresql://...)")


def connection_url() -> str:
    """The `netra_warehouse` connection as a SQLAlchemy URL: from the environment, else from
    Airflow (its metadata database or secrets backend). A connection that is not there or not
    PostgreSQL is a WarehouseConnectionError naming where it was looked for; a lookup that fails
    for another reason (Airflow's API restarting) keeps its own error, which a retry may cure."""
    given = settings.warehouse_conn()
    if given:
        return _postgresql(given, f"{ENV_VAR}")
    try:
        from airflow.sdk import BaseHook
    except ImportError:
        raise WarehouseConnectionError(f"no connection {CONN_ID!r}: set {ENV_VAR} to a postgresql:// URI") from None
    try:
        conn = BaseHook.get_connection(CONN_ID)
    except Exception as exc:
        if type(exc).__name__ != "AirflowNotFoundException":
            raise
        raise WarehouseConnectionError(f"the Airflow connection {CONN_ID!r} is not defined: {exc}") from exc
    return _postgresql(conn.get_uri(), f"the Airflow connection {CONN_ID!r}")


def _postgresql(value: str, where: str) -> str:
    try:
        return url_from_airflow_conn(value)
    except ValueError as exc:
        raise WarehouseConnectionError(f"{where}: {exc}") from None


# Netra's sessions run many short statements over a window's rows: PostgreSQL's JIT (on by default
# from 12) spent 0.7 s compiling a report query that ran in 0.13 s, so its sessions go without.
SESSION_OPTIONS = "-c jit=off"


@functools.lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    return sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2,
                            connect_args={"options": SESSION_OPTIONS})


def engine(url: str | None = None) -> Engine:
    """A pooled engine per URL, created in the process that uses it (never across a fork)."""
    return _engine(url or connection_url())


@functools.lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of include/sql/<name>.sql: one statement's purpose per file."""
    path = settings.sql_dir() / f"{name}.sql"
    return path.read_text(encoding="utf-8")


def execute(conn: Connection, name: str, params: Mapping | None = None) -> sa.CursorResult:
    return conn.execute(sa.text(sql(name)), dict(params or {}))


def stream(conn: Connection, name: str, params: Mapping, size: int) -> Iterator[tuple[list[str], list[tuple]]]:
    """The rows of include/sql/<name>.sql `size` at a time (column names, plain tuples), read from a
    server-side cursor in the connection's transaction. Plain DB-API rows: SQLAlchemy's Row objects
    and their mappings took 6.6 of the 15 s that judging a province's 881,497 versions took."""
    compiled = sa.text(sql(name)).compile(dialect=conn.dialect)
    with conn.connection.dbapi_connection.cursor(name=f"netra_{name.replace('/', '_')}") as cur:
        cur.itersize = size
        cur.execute(compiled.string, compiled.construct_params(dict(params)))
        while rows := cur.fetchmany(size):
            yield [d.name for d in cur.description], rows


# A load of this many rows can outgrow what the planner believes of a table: its statistics are
# refreshed by autovacuum only after the transaction, and a province's window planned nested loops
# over tables it took for empty. A city's day is left to autovacuum; a small table (a window's
# stage) is cheap to analyze, so its callers ask from fewer rows.
ANALYZE_AFTER_ROWS = 20_000


def analyze(conn: Connection, rows: int, *tables: str, at_least: int = ANALYZE_AFTER_ROWS) -> bool:
    """Refresh the statistics of `tables` inside this transaction when `rows` (at least
    `at_least`) were just loaded into them; whether it did."""
    if rows < at_least:
        return False
    execute(conn, "load/analyze", {"tables": list(tables)})
    return True


def lock(conn: Connection, phase: str, key: str | None = None, shared: bool = False) -> None:
    """Hold a phase's advisory lock (per key, e.g. a batch and window, when given) until the
    transaction ends: concurrent runs of one phase queue, so they leave what sequential runs leave.
    A `shared` holder only excludes exclusive ones (the batches of a window stage side by side;
    the window's upsert waits for them and they for it)."""
    fn = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    if key is None:
        conn.execute(sa.text(f"SELECT {fn}(hashtext(:phase))"), {"phase": phase})
    else:
        conn.execute(sa.text(f"SELECT {fn}(hashtext(:phase), hashtext(:key))"), {"phase": phase, "key": key})


def copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """COPY rows into a table inside the connection's transaction; None becomes NULL.

    Uses COPY's text format, whose escaping keeps NULL, empty text and a literal backslash-N
    apart. Rows stream through a bounded buffer, so memory does not grow with the row count.
    """
    return copy_text(conn, table, columns, copy_chunks(rows))


def copy_text(conn: Connection, table: str, columns: Sequence[str], chunks: Iterable[tuple[str, int]]) -> int:
    """COPY chunks of rows already written as COPY text (copy_chunks: in another process, say).
    Each chunk is encoded once and sent a megabyte a write: from a StringIO, psycopg2 reads and
    encodes 8 KB at a time, which cost a province's ingest 3.9 s of its task's 15."""
    stmt = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    dbapi = conn.connection.dbapi_connection
    encoding = psycopg2.extensions.encodings[dbapi.encoding]
    total = 0
    with dbapi.cursor() as cur:
        for text, rows in chunks:
            cur.copy_expert(stmt, io.BytesIO(text.encode(encoding)), size=1 << 20)
            total += rows
    return total


def copy_chunks(rows: Iterable[Sequence], limit: int = 8 << 20) -> Iterator[tuple[str, int]]:
    """The rows as COPY text, in chunks of about `limit` characters, each with its row count."""
    # Most values are text or NULL: written here, the rest by copy_value (a call per value costs
    # more than the escaping, at a million rows).
    return copy_lines(("\t".join([copy_escape(v) if type(v) is str else "\\N" if v is None else copy_value(v)
                                   for v in row]) for row in rows), limit)


def copy_lines(lines: Iterable[str], limit: int = 8 << 20) -> Iterator[tuple[str, int]]:
    """Rows already written as lines of COPY text, in chunks of about `limit` characters, each with
    its row count."""
    size, chunk = 0, []
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size > limit:
            yield "\n".join(chunk) + "\n", len(chunk)
            size, chunk = 0, []
    if chunk:
        yield "\n".join(chunk) + "\n", len(chunk)


def copy_escape(text: str) -> str:
    """Text as a value of COPY's text format: backslash, tab, newline and carriage return escaped.
    Each is searched for before it is replaced: all four are rare, and a search runs at memory
    speed where str.translate goes a character at a time through non-ASCII text (a post's text
    took 5-10 µs)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\t" in text:
        text = text.replace("\t", "\\t")
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


def copy_value(v) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    if isinstance(v, tuple):                      # a tuple is a PostgreSQL array, a list is JSON
        return "{" + ",".join(str(x) for x in v) + "}"
    if isinstance(v, (dict, list)):           # for json and jsonb columns, which read either spacing
        try:
            v = orjson.dumps(v).decode()
        except TypeError:                       # keys that are not text, a lone surrogate: json's way
            v = json.dumps(v, ensure_ascii=False)
    return copy_escape(str(v))
