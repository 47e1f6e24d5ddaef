"""The warehouse documents itself: every schema, table, view and column carries a COMMENT from one
source (include/rules/dictionary, a file per schema), applied after every migration (netra.schema),
and the data dictionary page is read back from the catalogue, so it shows what the warehouse says.

Who may read an object is not written in the file: it is read from the grants when the comments
are applied (include/sql/roles/grants.sql is their truth) and appended to the object's comment.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Annotated

from psycopg2 import sql
from pydantic import AfterValidator

from netra import roles, settings, warehouse
from netra.reports import files
from netra.rules.datafile import RulesFileError, Strict, load_yaml

SCHEMAS = ("registry", "raw", "stage", "core", "quarantine", "findings", "mart", "ops", "audit", "cases", "desk")
READERS = tuple(r for r in roles.GROUPS if r != "netra_owner")
KINDS = {"r": "TABLE", "p": "TABLE", "f": "FOREIGN TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW"}
PAGE = "dictionary.html"


def _text(value: str) -> str:
    """A description on one line; an empty one is an error (it would document nothing)."""
    if not value.strip():
        raise ValueError("an empty description")
    return " ".join(value.split())


Text = Annotated[str, AfterValidator(_text)]


class Entry(Strict):
    comment: Text
    columns: dict[str, Text] = {}


class SchemaFile(Strict):
    """include/rules/dictionary/<schema>.yaml: the schema's description and its objects'."""

    comment: Text
    objects: dict[str, Entry]


class Dictionary(Strict):
    """Every description, by schema and by `schema.relation`."""

    schemas: dict[str, str]
    objects: dict[str, Entry]


def load(directory: Path | None = None) -> Dictionary:
    """Every schema's file, validated; a file for each Netra schema and for nothing else."""
    directory = directory or settings.rules_dir() / "dictionary"
    files = {p.stem: p for p in directory.glob("*.yaml")}
    if files.keys() != set(SCHEMAS):
        raise RulesFileError(f"{directory}: one file per schema, {', '.join(SCHEMAS)}: "
                             f"missing {sorted(set(SCHEMAS) - files.keys())}, unknown {sorted(files.keys() - set(SCHEMAS))}")
    parsed = {schema: load_yaml(files[schema], SchemaFile) for schema in SCHEMAS}
    return Dictionary(schemas={s: f.comment for s, f in parsed.items()},
                      objects={f"{s}.{name}": e for s, f in parsed.items() for name, e in f.objects.items()})


def _readers(names: list[str], partly: list[str]) -> str:
    if not names:
        return "Read by: its owner (netra_owner) only."
    return "Read by: " + ", ".join(f"{n} (some columns)" if n in partly else n for n in names) + "."


def statements(conn, book: Dictionary) -> list[sql.Composed]:
    """The COMMENT statements for every object the catalogue has. Every object must have its
    description and every description must name an object: either missing is an error that names
    them all (a migration that adds or drops one updates the file with it)."""
    described: dict[tuple, str] = {(s,): t for s, t in book.schemas.items()}
    for name, entry in book.objects.items():
        schema, relation = name.split(".")
        described[(schema, relation)] = entry.comment
        described |= {(schema, relation, c): t for c, t in entry.columns.items()}
    found = warehouse.execute(conn, "dictionary/objects", {"schemas": list(SCHEMAS), "roles": list(READERS)}).all()
    catalogue = {tuple(x for x in (r.schema, r.relation, r.column) if x is not None): r for r in found}
    missing = sorted(".".join(k) for k in catalogue.keys() - described.keys())
    unknown = sorted(".".join(k) for k in described.keys() - catalogue.keys())
    if missing or unknown:
        raise RulesFileError("include/rules/dictionary: " + "; ".join(
            p for p in (missing and f"no description for {', '.join(missing)}",
                        unknown and f"no such object in the warehouse: {', '.join(unknown)}") if p))
    out = []
    for key, row in sorted(catalogue.items()):
        text = described[key]
        if len(key) == 1:
            target = sql.SQL("SCHEMA {}").format(sql.Identifier(*key))
        elif len(key) == 2:
            target = sql.SQL(KINDS[row.kind] + " {}").format(sql.Identifier(*key))
        else:
            target = sql.SQL("COLUMN {}").format(sql.Identifier(*key))
        if len(key) < 3:
            text = f"{text} {_readers(row.readers, row.partly)}"
        out.append(sql.SQL("COMMENT ON {} IS {}").format(target, sql.Literal(text)))
    return out


def apply(conn, book: Dictionary | None = None) -> int:
    """Comment every Netra schema, relation and column in the connection's transaction; the number
    of comments. Identifiers and text are quoted by psycopg2 (sql.Identifier, sql.Literal)."""
    stmts = statements(conn, book or load())
    with conn.connection.cursor() as cur:
        cur.execute(sql.SQL(";\n").join(stmts))
    return len(stmts)


def page(engine) -> str:
    """The data dictionary as an HTML page: every schema, its tables and views with their comments,
    each column with its type and comment, as the warehouse's catalogue has them."""
    with engine.connect() as conn:
        rows = warehouse.execute(conn, "dictionary/page", {"schemas": list(SCHEMAS)}).all()
    e = html.escape
    toc, body, schema, relation = [], [], None, None
    for r in rows:
        if r.schema != schema:
            if relation:
                body.append("</table>")
            schema, relation = r.schema, None
            toc.append(f"<li><a href='#{e(schema)}'>{e(schema)}</a></li>")
            body.append(f"<h2 id='{e(schema)}'>{e(schema)}</h2><p>{e(r.schema_comment or '')}</p>")
        if r.relation and r.relation != relation:
            if relation:
                body.append("</table>")
            relation, full = r.relation, f"{r.schema}.{r.relation}"
            body.append(f"<h3 id='{e(full)}'>{e(full)} <small>{e(KINDS[r.kind].lower())}</small></h3>"
                        f"<p>{e(r.relation_comment or '')}</p><table><tr><th>column</th><th>type</th><th>description</th></tr>")
        if r.column:
            body.append(f"<tr><td><code>{e(r.column)}</code></td><td>{e(r.type)}</td><td>{e(r.column_comment or '')}</td></tr>")
    if relation:
        body.append("</table>")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    style = ("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}table{border-collapse:collapse;"
             "margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
             "th{background:#f3f3f3}h3 small{color:#666;font-weight:normal}")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Netra data dictionary</title>"
            f"<style>{style}</style></head><body><h1>Netra data dictionary</h1>"
            f"<p>Read from the warehouse's catalogue at {stamp}; the descriptions come from include/rules/dictionary."
            f"</p><ul>{''.join(toc)}</ul>{''.join(body)}</body></html>")


def write(engine, out: Path | None = None) -> Path:
    """Write the page beside the reports (or to `out`); its path."""
    path = out or settings.reports() / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    files.replace(path, page(engine))
    return path
