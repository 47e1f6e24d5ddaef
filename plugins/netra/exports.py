"""`netra export`: findings and cases of a period as CSV or XLSX, and the spreadsheet writing the
case desk's export shares.

Read through the caller's login only, so the database decides what comes out: findings from
mart.finding_list (pseudonyms; analysts may read it), cases from desk.queue (case officers every
case, supervisors their OPDs'), the OPDs' scorecard from mart.opd_scorecard_daily. A text cell a spreadsheet would take for a formula (=, +, -, @,
tab, carriage return first) is neutralized: a leading quote in CSV, a string cell with the quote
prefix in XLSX, so an exported post's text cannot run as a formula on an officer's machine.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from netra import settings, warehouse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What each export reads (include/sql/exports/<name>.sql), its sheet's title and its headers:
# the mart's column names for analysts' findings, Indonesian for the case officers' cases.
EXPORTS = {
    "findings": ("Temuan", None),
    "cases": ("Kasus", {
        "case_id": "Nomor Kasus", "election_id": "Pemilihan", "state_label": "Status Kasus",
        "nip": "NIP", "full_name": "Nama", "employee_pseudonym": "Pseudonim Pegawai",
        "account_platform": "Platform Akun", "account_handle": "Akun", "opd_code": "Kode OPD",
        "opd_name": "Unit Kerja", "severity": "Tingkat Hukuman Terberat", "platforms": "Platform",
        "findings": "Jumlah Temuan", "discovered_date": "Tanggal Diketahui", "opened_date": "Tanggal Dibuka",
        "closed_date": "Tanggal Ditutup", "deadline_label": "Tenggat Berjalan", "due_on": "Jatuh Tempo",
        "overdue": "Lewat Tenggat", "escalated": "Dieskalasi"}),
}


def export(engine, what: str, start: dt.date, end: dt.date, fmt: str) -> bytes:
    """The `what` ("findings", "cases" or "scorecard") of the days [start, end) in the city's
    zone, as `fmt`."""
    if what == "scorecard":
        return write(scorecard_table(engine, start, end), fmt, "Rapor Netralitas OPD")
    if what not in EXPORTS:
        raise ValueError(f"no export {what!r}: {', '.join(EXPORTS)} or scorecard")
    title, headers = EXPORTS[what]
    with engine.connect() as conn:
        result = warehouse.execute(conn, f"exports/{what}", {
            "start": start, "end": end, "timezone": settings.timezone()})
        names, found = list(result.keys()), result.all()
    table = [[headers.get(n, n) for n in names] if headers else names] + [list(r) for r in found]
    return write(table, fmt, title)


def scorecard_table(engine, start: dt.date, end: dt.date) -> list[list]:
    """The OPDs' neutrality scorecard of the days [start, end) as the reports rank it
    (netra.reports.scorecard), for every election with OPD posts in those days."""
    from netra.reports import scorecard

    with engine.connect() as conn:
        elections = warehouse.execute(conn, "exports/scorecard_elections", {"start": start, "end": end}).scalars().all()
        table = []
        for election_id in elections:
            header, rows = scorecard.rows(conn, election_id, start, end)
            table += [[election_id, *r] for r in rows]
    return [["Pemilihan", *header], *table] if elections else [["Pemilihan", *scorecard.HEADERS.values()]]


def write(table: list[list], fmt: str, title: str, delimiter: str = ",", list_separator: str = "; ") -> bytes:
    """A header row and its rows as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX."""
    if fmt == "csv":
        return _csv(table, delimiter, list_separator)
    if fmt == "xlsx":
        return _xlsx(table, title, list_separator)
    raise ValueError(f"no export format {fmt!r}: csv or xlsx")


def text(value, list_separator: str = "; ") -> str:
    """A value as a cell's text: lists joined, dates ISO, JSON as JSON, nothing as empty."""
    if isinstance(value, (list, tuple)):
        return list_separator.join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value, list_separator: str = "; ") -> str:
    """A CSV cell: a text a spreadsheet would evaluate gets a leading quote."""
    s = text(value, list_separator)
    return "'" + s if not isinstance(value, (int, float)) and formula_like(s) else s


def _csv(table: list[list], delimiter: str, list_separator: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in table:
        writer.writerow([csv_cell(v, list_separator) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_value(value, list_separator: str):
    if isinstance(value, dt.datetime):          # Excel has no zones: the wall clock of the city
        return value.astimezone(ZoneInfo(settings.timezone())).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, Decimal):              # a numeric column (a share): a number, not text
        return float(value)
    return text(value, list_separator)


def _xlsx(table: list[list], title: str, list_separator: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for n, row in enumerate(table):
        ws.append([_xlsx_value(v, list_separator) for v in row])
        for cell in ws[ws.max_row]:
            if formula_like(cell.value):        # openpyxl took it for a formula: keep it text
                cell.data_type, cell.quotePrefix = "s", True
            elif n and isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif n and isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for n, header in enumerate(table[0], 1):
        width = max([len(str(header))] + [8 if isinstance(r[n - 1], (int, float)) else len(text(r[n - 1], list_separator))
                                          for r in table[1:]])
        ws.column_dimensions[ws.cell(1, n).column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
