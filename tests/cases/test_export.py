"""The export of decided cases on real PostgreSQL, through a case officer's login: one row per
decided case in the columns of include/rules/cases/export.yaml, the same in CSV (UTF-8 with BOM)
and XLSX; the file is checked on load and a region's own columns come out as it wrote them."""
from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import yaml

from netra.cases import export, store, workflow
from netra.rules.datafile import RulesFileError
from tests.cases.conftest import q

pytestmark = pytest.mark.db
FLOW, _ = workflow.load()
TZ = ZoneInfo("Asia/Makassar")
MEASURE = "Pemotongan tunjangan 25% selama 6 bulan"


@pytest.fixture
def decided(cases_db, desk_login):
    """Four employees' cases worked by a case officer: two decided, one closed, one only recommended."""
    engine, _ = cases_db
    officer, name = desk_login("netra_case_officer")
    ids = [r[0] for r in q(engine, "SELECT case_id FROM cases.case WHERE employee_id IS NOT NULL "
                                   "ORDER BY case_id LIMIT 4")]
    for case in ids:
        for action in ("verifikasi", "rekomendasikan"):
            store.step(officer, FLOW, case, action, f"alasan {action}")
    for case in ids[:3]:
        store.step(officer, FLOW, case, "periksa", "Pemeriksaan oleh atasan langsung")
    store.step(officer, FLOW, ids[0], "putuskan", "Keputusan PPK", track="disiplin", outcome="sedang", measure=MEASURE)
    store.step(officer, FLOW, ids[1], "putuskan", "Keputusan PPK", track="etik", outcome="sanksi_moral_terbuka")
    store.step(officer, FLOW, ids[2], "putuskan", "Tidak cukup bukti", track="tidak_terbukti", outcome="tidak_terbukti")
    store.step(officer, FLOW, ids[2], "tutup", "Selesai")
    return engine, officer, name, ids


def _expected(engine, case_id: int) -> dict:
    r = q(engine, """SELECT e.nip, e.full_name, min(p.created_at) AS first_post, c.discovered_at,
                            array_agg(DISTINCT p.permalink) AS links
                     FROM cases.case c JOIN registry.employee e USING (employee_id)
                     JOIN cases.case_finding cf USING (case_id) JOIN findings.finding f USING (finding_id)
                     JOIN core.post p USING (post_pk) WHERE c.case_id = :c GROUP BY 1, 2, 4""", c=case_id)[0]
    return r._asdict()


def test_csv_has_one_row_per_decided_case_in_the_files_columns(decided):
    engine, officer, name, ids = decided
    data = export.decided(officer, "csv")
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    spec = export.load()
    assert table[0] == [c.header for c in spec.columns]
    rows = {int(r[0]): dict(zip(table[0], r)) for r in table[1:]}
    assert sorted(rows) == ids[:3]
    first = rows[ids[0]]
    want = _expected(engine, ids[0])
    assert first["NIP"] == want["nip"] and len(first["NIP"]) == 18 and first["Nama"] == want["full_name"]
    assert first["Tanggal Pelanggaran"] == want["first_post"].astimezone(TZ).date().isoformat()
    assert first["Tanggal Diketahui"] == want["discovered_at"].astimezone(TZ).date().isoformat()
    assert set(first["Tautan"].split("; ")) == set(want["links"])
    assert first["Jenis Keputusan"] == "Disiplin (PP 94/2021)" and first["Keputusan"] == "Hukuman disiplin sedang"
    assert first["Hukuman/Tindakan"] == MEASURE
    assert first["Pejabat Pemeriksa"] == name and first["Status Kasus"] == "Diputus"
    steps = dict(q(engine, "SELECT action, at FROM cases.event WHERE case_id = :c", c=ids[0]))
    assert first["Tanggal Rekomendasi"] == steps["rekomendasikan"].astimezone(TZ).date().isoformat()
    assert first["Tanggal Keputusan"] == steps["putuskan"].astimezone(TZ).date().isoformat()
    assert first["Jenis Pelanggaran"].startswith("NET-") and "SKB 2022" in first["Dasar Hukum"]
    assert first["Unit Kerja"] and first["Status Kepegawaian"] in {"PNS", "PPPK", "PTT"} and first["Pemilihan"]
    assert rows[ids[1]]["Keputusan"] == "Sanksi moral pernyataan secara terbuka" and rows[ids[1]]["Hukuman/Tindakan"] == ""
    assert rows[ids[2]]["Status Kasus"] == "Ditutup" and rows[ids[2]]["Jenis Keputusan"] == "Tidak terbukti"


def test_xlsx_holds_the_same_rows_with_real_dates(decided):
    engine, officer, _, ids = decided
    sheet = openpyxl.load_workbook(io.BytesIO(export.decided(officer, "xlsx"))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    table = list(csv.reader(io.StringIO(export.decided(officer, "csv").decode("utf-8-sig"))))
    assert values[0] == table[0] and len(values) == len(table) == 4
    headers = values[0]
    assert sheet.cell(2, headers.index("Tanggal Keputusan") + 1).number_format == "yyyy-mm-dd"
    for got, want in zip(values[1:], table[1:]):
        row = dict(zip(headers, got))
        assert row["Nomor Kasus"] == int(want[0]) and row["NIP"] == want[1]      # NIP stays text: 18 digits kept
        assert isinstance(row["Tanggal Pelanggaran"], dt.datetime)
        assert row["Tanggal Pelanggaran"].date().isoformat() == want[headers.index("Tanggal Pelanggaran")]
        assert [("" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else str(v)) for v in got] == want


def test_only_the_named_elections_cases_and_nothing_before_a_decision(decided):
    engine, officer, _, _ = decided
    assert len(list(csv.reader(io.StringIO(export.decided(officer, "csv", "pemilihan-lain").decode("utf-8-sig"))))) == 1
    election = q(engine, "SELECT election_id FROM registry.election")[0][0]
    assert len(list(csv.reader(io.StringIO(export.decided(officer, "csv", election).decode("utf-8-sig"))))) == 4
    with pytest.raises(ValueError, match="csv or xlsx"):
        export.decided(officer, "pdf")


def test_a_regions_own_columns_and_separator_come_out_as_written(decided, tmp_path):
    engine, officer, _, ids = decided
    data = yaml.safe_load(export.path().read_text(encoding="utf-8"))
    data["columns"] = [{"header": "Status", "field": "state"}, {"header": "No.", "field": "case_id"}]
    data.update(csv_delimiter=";", decided_states=["ditutup"])
    (tmp_path / "export.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    spec = export.load(tmp_path / "export.yaml")
    assert export.decided(officer, "csv", spec=spec).decode("utf-8-sig") == f"Status;No.\r\nDitutup;{ids[2]}\r\n"


@pytest.mark.parametrize("change, error", [
    ({"columns": [{"header": "NIP", "field": "nomor_induk"}]}, "no field 'nomor_induk'"),
    ({"decided_states": ["selesai"]}, "no state 'selesai'"),
    ({"examination_action": "periksa_ulang"}, "no action 'periksa_ulang'"),
    ({"columns": [{"header": "NIP", "field": "nip"}, {"header": "NIP", "field": "name"}]}, "header is used twice"),
    ({"colums": []}, "colums"),
])
def test_the_export_file_is_checked_on_load(tmp_path, change, error):
    data = yaml.safe_load(export.path().read_text(encoding="utf-8"))
    data.update(change)
    (tmp_path / "export.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RulesFileError, match=error):
        export.load(tmp_path / "export.yaml")
