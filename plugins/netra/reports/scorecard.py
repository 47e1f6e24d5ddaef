"""The neutrality scorecard of the OPDs' official accounts over a period, ranked worst first
(include/sql/report/scorecard.sql, over mart.opd_scorecard_daily): for the report, and for
`netra export scorecard`, which writes the same rows under Indonesian headers."""
from __future__ import annotations

import datetime as dt

from netra import warehouse

# The query's columns and their headers in an export (the communications office's and BKPSDM's words).
HEADERS = {"rank": "Peringkat", "opd_code": "Kode OPD", "opd_name": "Nama OPD", "posts": "Unggahan",
           "partisan_posts": "Unggahan Partisan", "partisan_pct": "Persentase Partisan (%)",
           "review_posts": "Perlu Telaah", "confirmed_posts": "Partisan Dikonfirmasi",
           "dismissed_posts": "Ditolak Tim Pemantau", "partisan_deleted": "Partisan Dihapus Pemilik",
           "previous_partisan_posts": "Partisan Periode Sebelumnya",
           "previous_partisan_pct": "Persentase Partisan Periode Sebelumnya (%)",
           "partisan_change": "Perubahan Unggahan Partisan"}


def read(conn, election_id: str, start: dt.date, end: dt.date) -> list[dict]:
    """Every OPD's row for the days [start, end), worst first; the period before is as long."""
    return [dict(r._mapping) for r in warehouse.execute(conn, "report/scorecard",
                                                         {"election_id": election_id, "start": start, "end": end})]


def rows(conn, election_id: str, start: dt.date, end: dt.date) -> tuple[list[str], list[tuple]]:
    """The header and the rows of the scorecard for the days [start, end) (as `netra export`'s
    periods), for a CSV or XLSX writer."""
    return list(HEADERS.values()), [tuple(r[k] for k in HEADERS) for r in read(conn, election_id, start, end)]
