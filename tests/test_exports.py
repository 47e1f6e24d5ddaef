"""`netra export` on real PostgreSQL, through the logins of the roles: an analyst's findings export
holds the period's findings of mart.finding_list (read back with openpyxl and csv), cases are
refused to an analyst and limited to a supervisor's OPDs, and formula-like text comes out inert."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
import sqlalchemy as sa

from netra import exports
from tests.cases import conftest as cases_fixtures
from tests.cases.conftest import q, run

pytestmark = pytest.mark.db
# The case tests' warehouse: two days of the short election run once, cases opened, copied per test.
cases_template, cases_db, desk_login = cases_fixtures.cases_template, cases_fixtures.cases_db, cases_fixtures.desk_login
DAY, NEXT = dt.date(2024, 11, 19), dt.date(2024, 11, 20)
NASTY = ['=HYPERLINK("http://contoh.invalid","klik")', "+1", "@x", "-2+3", "\tx", "\rx"]


def _xlsx(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _findings_of_day(engine, day: dt.date) -> set[int]:
    """The findings whose post was made on `day` in the city's zone, from the base tables."""
    return {r[0] for r in q(engine, """SELECT f.finding_id FROM findings.finding f JOIN core.post p USING (post_pk)
                                       WHERE (p.created_at AT TIME ZONE 'Asia/Makassar')::date = :d""", d=day)}


def test_findings_export_of_an_analyst_holds_the_periods_findings(cases_db, desk_login):
    engine, _ = cases_db
    analyst, _ = desk_login("netra_analyst")
    want = _findings_of_day(engine, DAY)
    assert want and _findings_of_day(engine, NEXT)          # the next day has findings to leave out
    sheet = _xlsx(exports.export(analyst, "findings", DAY, NEXT, "xlsx"))
    header, rows = list(sheet[0]), sheet[1:]
    assert {r[header.index("finding_id")] for r in rows} == want and len(rows) == len(want)
    assert {r[header.index("day")] for r in rows} == {dt.datetime(2024, 11, 19)}
    employees = [r for r in rows if r[header.index("owner_kind")] != "opd"]
    assert employees and all(r[header.index("text")] is None and r[header.index("permalink")] is None
                             for r in employees)
    table = _csv(exports.export(analyst, "findings", DAY, NEXT, "csv"))
    assert table[0] == header
    assert sorted(int(r[0]) for r in table[1:]) == sorted(want)


def test_cases_export_is_refused_to_an_analyst(cases_db, desk_login):
    analyst, _ = desk_login("netra_analyst")
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        exports.export(analyst, "cases", DAY, dt.date(2024, 11, 24), "csv")


def test_a_supervisor_exports_only_the_cases_of_their_opd(cases_db, desk_login):
    engine, _ = cases_db
    opds = q(engine, "SELECT opd_id, array_agg(case_id ORDER BY case_id) FROM cases.case "
                     "WHERE opd_id IS NOT NULL GROUP BY 1 ORDER BY 1")
    assert len(opds) > 1                                    # other OPDs' cases exist to be hidden
    # The pipeline discovers a case when it judges the finding: the days it ran, not the posts'.
    first, last = q(engine, "SELECT min((discovered_at AT TIME ZONE 'Asia/Makassar')::date), "
                            "max((discovered_at AT TIME ZONE 'Asia/Makassar')::date) FROM cases.case")[0]
    start, end = first, last + dt.timedelta(days=1)
    opd, mine = opds[0]
    supervisor, name = desk_login("netra_supervisor")
    run(engine, "INSERT INTO cases.scope SELECT :n, :o", n=name, o=opd)
    sheet = _xlsx(exports.export(supervisor, "cases", start, end, "xlsx"))
    assert sheet[0][0] == "Nomor Kasus" and sorted(r[0] for r in sheet[1:]) == mine
    assert len(_xlsx(exports.export(supervisor, "cases", start - dt.timedelta(days=7), start, "xlsx"))) == 1
    officer, _ = desk_login("netra_case_officer")
    every = _csv(exports.export(officer, "cases", start, end, "csv"))
    assert sorted(int(r[0]) for r in every[1:]) == [r[0] for r in q(engine, "SELECT case_id FROM cases.case ORDER BY 1")]


def test_an_opd_posts_formula_text_comes_out_inert(cases_db, desk_login):
    engine, _ = cases_db
    finding = q(engine, """SELECT f.finding_id FROM findings.finding f JOIN core.post p USING (post_pk)
                           WHERE f.owner_kind = 'opd'
                             AND (p.created_at AT TIME ZONE 'Asia/Makassar')::date = :d LIMIT 1""", d=DAY)[0][0]
    run(engine, """UPDATE core.post_version v SET text = :t FROM findings.finding f
                   WHERE f.finding_id = :f AND v.post_pk = f.post_pk AND v.content_hash = f.content_hash""",
        t=NASTY[0], f=finding)
    analyst, _ = desk_login("netra_analyst")
    table = _csv(exports.export(analyst, "findings", DAY, NEXT, "csv"))
    row = next(r for r in table[1:] if int(r[0]) == finding)
    assert row[table[0].index("text")] == "'" + NASTY[0]
    ws = openpyxl.load_workbook(io.BytesIO(exports.export(analyst, "findings", DAY, NEXT, "xlsx"))).active
    column = [c.value for c in ws[1]].index("text")
    cell = next(r[column] for r in ws.iter_rows(min_row=2) if r[0].value == finding)
    assert cell.value == NASTY[0] and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_the_shared_writer_neutralizes_formula_like_text_and_keeps_numbers(delimiter):
    """The writer of this export and of the decided cases' (netra.cases.export): text that starts
    like a formula is quoted in CSV and a quote-prefixed string in XLSX; numbers stay numbers."""
    table = [["teks", "angka"]] + [[v, -5] for v in NASTY] + [["biasa", 3]]
    rows = list(csv.reader(io.StringIO(exports.write(table, "csv", "Uji", delimiter).decode("utf-8-sig"),
                                       newline=""), delimiter=delimiter))[1:]
    assert [r[0] for r in rows] == ["'" + v for v in NASTY] + ["biasa"] and {r[1] for r in rows} == {"-5", "3"}
    cells = list(openpyxl.load_workbook(io.BytesIO(exports.write(table, "xlsx", "Uji", delimiter))).active
                 .iter_rows(min_row=2))
    assert [r[0].value for r in cells] == [v.replace("\r", "\n") for v in NASTY] + ["biasa"]   # XML folds CR
    assert all(r[0].data_type == "s" for r in cells) and all(r[0].quotePrefix for r in cells[:-1])
    assert not cells[-1][0].quotePrefix and {r[1].value for r in cells} == {-5, 3}


def test_scorecard_export_of_an_analyst_names_every_opd_and_the_partisan_posts(cases_db, desk_login):
    engine, _ = cases_db
    analyst, _ = desk_login("netra_analyst")
    rows = _xlsx(exports.export(analyst, "scorecard", DAY, NEXT, "xlsx"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ("Pemilihan", "Peringkat", "Kode OPD", "Nama OPD")
    opds = {r[0] for r in q(engine, "SELECT code FROM registry.opd")}
    elections = {r[0] for r in q(engine, "SELECT election_id FROM registry.election")}
    assert {(r[0], r[2]) for r in body} == {(e, o) for e in elections for o in opds}
    [(expected,)] = q(engine, """
        SELECT count(DISTINCT (f.post_pk, f.election_id)) FROM findings.finding f JOIN core.post p USING (post_pk)
        WHERE f.owner_kind = 'opd' AND f.disposition = 'breach' AND p.post_type <> 'comment'
          AND (p.created_at AT TIME ZONE 'Asia/Makassar')::date = :d""", d=DAY)
    assert sum(r[header.index("Unggahan Partisan")] for r in body) == expected > 0
    shares = [r[header.index("Persentase Partisan (%)")] for r in body]
    assert all(isinstance(x, (int, float)) for x in shares) and max(shares) > 0      # numbers a sheet can sum
    ranks = [r[1] for r in body if r[0] == body[0][0]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert _csv(exports.export(analyst, "scorecard", DAY, NEXT, "csv"))[0][:2] == ["Pemilihan", "Peringkat"]


def test_the_command_refuses_an_analyst_the_cases_in_one_line(cases_db, desk_login, monkeypatch, capsys):
    from netra.cli import main

    analyst, _ = desk_login("netra_analyst")
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", analyst.url.render_as_string(hide_password=False)
                       .replace("postgresql+psycopg2://", "postgresql://"))
    assert main.main(["export", "cases", "--from", "2024-11-19", "--to", "2024-11-24"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netra: this login may not read or do that: permission denied") and "Traceback" not in err
