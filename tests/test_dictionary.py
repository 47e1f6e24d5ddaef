"""The warehouse documents itself, on real PostgreSQL: after migrating, every schema, table, view,
materialized view and column of Netra's schemas has a comment from include/rules/dictionary
naming who may read it; the files describe nothing the warehouse lacks; the dictionary page lists
every table; the README's analyst examples run as an analyst's login."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from netra import dictionary, warehouse
from netra.cli.main import main
from netra.rules.datafile import RulesFileError
from tests.conftest import ROOT, SHORT_ELECTION
from tests.pipeline_helpers import load, run_window

pytestmark = pytest.mark.db
OBJECTS = ("SELECT n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class') FROM pg_class c "
           "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(:s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
           "AND NOT c.relispartition")                     # a partition is described by its partitioned table
COLUMNS = ("SELECT n.nspname, c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c "
           "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
           "WHERE n.nspname = ANY(:s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition "
           "AND a.attnum > 0 AND NOT a.attisdropped")


def rows(engine, query: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(query), params).all()


def test_every_schema_table_view_and_column_has_a_comment(engine):
    s = list(dictionary.SCHEMAS)
    schemas = rows(engine, "SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ANY(:s)", s=s)
    relations, columns = rows(engine, OBJECTS, s=s), rows(engine, COLUMNS, s=s)
    assert len(schemas) == len(s) and {r[2] for r in relations} >= {"r", "v", "m"} and len(columns) > 500
    assert [r[0] for r in schemas if not (r[1] or "").strip()] == []
    assert [f"{r[0]}.{r[1]}" for r in relations if not (r[3] or "").strip()] == []
    assert [f"{r[0]}.{r[1]}.{r[2]}" for r in columns if not (r[3] or "").strip()] == []
    # Who may read it comes from the grants, not from the file.
    comment = dict(((r[0], r[1]), r[3]) for r in relations)
    assert comment[("mart", "finding_list")].endswith("Read by: netra_analyst, netra_case_officer, netra_loader.")
    assert "netra_case_officer (some columns)" in comment[("raw", "payload")]
    assert "netra_analyst" not in comment[("registry", "employee")]
    assert comment[("audit", "event")].endswith("Read by: netra_auditor, netra_loader.")
    # The renamed counts say what they count.
    daily = {r[2]: r[3] for r in columns if r[:2] == ("mart", "findings_daily")}
    assert {"flagged_posts", "finding_count"} <= daily.keys() and not {"posts", "findings"} & daily.keys()


def test_every_entry_names_an_existing_object_and_every_object_has_one(engine):
    book = dictionary.load()
    s = list(dictionary.SCHEMAS)
    in_warehouse = {(r[0], r[1]) for r in rows(engine, OBJECTS, s=s)}
    columns = {(r[0], r[1], r[2]) for r in rows(engine, COLUMNS, s=s)}
    described = {tuple(name.split(".")) for name in book.objects}
    assert described == in_warehouse
    assert {(*name.split("."), c) for name, e in book.objects.items() for c in e.columns} == columns
    assert set(book.schemas) == set(s)
    # An entry for something the warehouse lacks, or an object without one, stops the migration.
    ghost = book.model_copy(update={"objects": book.objects | {"mart.ghost": dictionary.Entry(comment="Not there.")}})
    with engine.begin() as conn, pytest.raises(RulesFileError, match="no such object in the warehouse: mart.ghost"):
        dictionary.apply(conn, ghost)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE ops.undocumented (x int)"))
        with pytest.raises(RulesFileError, match=r"no description for ops.undocumented, ops.undocumented.x"):
            dictionary.apply(conn, book)


def test_comments_are_quoted_as_literals(engine):
    book = dictionary.load()
    tricky = "It's 10:00 %s; DROP TABLE ops.task_metric; -- \"quoted\" \\ back"
    entry = book.objects["ops.task_metric"].model_copy(update={"comment": tricky})
    with engine.begin() as conn:
        dictionary.apply(conn, book.model_copy(update={"objects": book.objects | {"ops.task_metric": entry}}))
    assert rows(engine, "SELECT obj_description('ops.task_metric'::regclass, 'pg_class')")[0][0].startswith(tricky + " Read by:")


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_description_is_refused_on_load(tmp_path, text):
    for schema in dictionary.SCHEMAS:
        (tmp_path / f"{schema}.yaml").write_text(f"comment: '{schema}'\nobjects: {{t: {{comment: 'T.', columns: {{x: 'X.'}}}}}}\n")
    assert dictionary.load(tmp_path).objects["ops.t"].columns == {"x": "X."}
    (tmp_path / "ops.yaml").write_text(f"comment: 'ops'\nobjects: {{t: {{comment: 'T.', columns: {{x: '{text}'}}}}}}\n")
    with pytest.raises(RulesFileError, match=r"ops.yaml: objects.t.columns.x: Value error, an empty description"):
        dictionary.load(tmp_path)


def test_a_schema_without_its_file_or_a_file_for_no_schema_is_refused(tmp_path):
    for schema in dictionary.SCHEMAS[1:] + ("public",):
        (tmp_path / f"{schema}.yaml").write_text("comment: x\nobjects: {}\n")
    with pytest.raises(RulesFileError, match=r"missing \['registry'\], unknown \['public'\]"):
        dictionary.load(tmp_path)


def test_the_page_lists_every_table_with_its_columns(engine, db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", db_url)
    monkeypatch.setenv("NETRA_REPORT_DIR", str(tmp_path / "reports"))
    assert main(["dictionary"]) == 0
    path = tmp_path / "reports" / "dictionary.html"
    assert capsys.readouterr().out.strip() == str(path)
    page = path.read_text(encoding="utf-8")
    for schema, name, _, comment in rows(engine, OBJECTS, s=list(dictionary.SCHEMAS)):
        assert f"<h3 id='{schema}.{name}'>" in page
    assert "<code>flagged_posts</code>" in page and "Distinct posts with at least one finding" in page
    assert "Read by: netra_analyst" in page
    assert main(["dictionary", "--out", str(tmp_path / "d.html")]) == 0
    assert "<h2 id='desk'>desk</h2>" in (tmp_path / "d.html").read_text(encoding="utf-8")


def readme_examples() -> list[str]:
    """The SQL in the ```sql blocks of the README's Warehouse section, one statement each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Warehouse\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    code = "\n".join(line for b in blocks for line in b.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in code.split(";") if s.strip()]


def test_the_readme_analyst_examples_run_as_an_analyst(engine, short_sample, login):
    examples = readme_examples()
    assert len(examples) >= 4
    load(engine, short_sample[0], SHORT_ELECTION)
    run_window(engine, short_sample[0], dt.date(2024, 11, 21))
    analyst = warehouse.engine(login("netra_analyst"))
    for query in examples:
        assert rows(analyst, query), query
    # What the examples promise about finding_list: text and evidence for OPD posts only.
    listed = rows(analyst, "SELECT owner_kind, text, evidence FROM mart.finding_list")
    assert [r for r in listed if r.owner_kind == "opd" and r.text and r.evidence]
    assert all(r.text is None and r.evidence is None for r in listed if r.owner_kind != "opd")
