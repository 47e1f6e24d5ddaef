"""Working a case through the desk: the steps the workflow allows from the case's state (under its
Indonesian labels), each with a required reason the server checks too; a decision with its
outcome and measure; reviews of findings; the warehouse's own refusals (a role that may not take a
step) shown with its message; the case page with the evidence highlighted, the timeline and the
clock; the evidence package downloaded."""
from __future__ import annotations

import html
import io
import re
import zipfile

import pytest
from markupsafe import escape

from netra.cases import store, workflow
from tests.desk.conftest import as_login, csrf, log_in, q

pytestmark = pytest.mark.db
FLOW, _ = workflow.load()


@pytest.fixture(scope="module")
def officer(app, logins):
    return logins("netra_case_officer")


@pytest.fixture
def desk(client, officer):
    log_in(client, *officer)
    return client


def _step(desk, case: int, action: str, reason: str, **extra):
    token = csrf(desk.get(f"/kasus/{case}").text)
    return desk.post(f"/kasus/{case}/langkah", data={"csrf": token, "aksi": action, "alasan": reason, **extra})


def _state(admin, case: int) -> str:
    return q(admin, "SELECT state FROM cases.case WHERE case_id = :c", c=case)[0][0]


def test_verify_then_recommend_each_with_its_reason_on_the_timeline(desk, admin, officer, fresh_cases):
    case = fresh_cases()
    page = desk.get(f"/kasus/{case}").text
    offered = [t.label for t in FLOW.transitions if t.from_ == "baru"]
    assert offered == ["Verifikasi", "Hentikan"] and all(f">{label}</button>" in page for label in offered)
    assert "Rekomendasikan ke PPK</button>" not in page
    r = _step(desk, case, "verifikasi", "Akun terdaftar milik ASN; bukti lengkap")
    assert r.status_code == 200 and "Status kasus sekarang: Terverifikasi" in r.text
    assert "Rekomendasikan ke PPK</button>" in r.text and "Verifikasi</button>" not in r.text
    r = _step(desk, case, "rekomendasikan", "Memenuhi unsur pelanggaran netralitas")
    assert "Status kasus sekarang: Direkomendasikan ke PPK" in r.text
    assert _state(admin, case) == "direkomendasikan"
    events = q(admin, "SELECT action, actor, db_role, reason FROM cases.event WHERE case_id = :c ORDER BY event_id",
               c=case)
    name = officer[0]
    assert [tuple(e) for e in events] == [
        ("verifikasi", name, name, "Akun terdaftar milik ASN; bukti lengkap"),
        ("rekomendasikan", name, name, "Memenuhi unsur pelanggaran netralitas")]
    trail = q(admin, "SELECT actor, detail->>'action' FROM audit.event WHERE kind = 'case_transition' "
                     "AND subject = :s ORDER BY event_id", s=f"case:{case}")
    assert [tuple(t) for t in trail] == [(name, "verifikasi"), (name, "rekomendasikan")]
    page = desk.get(f"/kasus/{case}").text
    for text in ("Baru → Terverifikasi", "Terverifikasi → Direkomendasikan ke PPK",
                 "Alasan: Memenuhi unsur pelanggaran netralitas", "PPK menindaklanjuti paling lambat 14 hari kerja"):
        assert html.escape(text, quote=False) in page, text
    clock = q(admin, "SELECT deadline_id, ended FROM cases.deadline WHERE case_id = :c ORDER BY started_at", c=case)
    assert [tuple(d) for d in clock] == [("pengaduan", "met"), ("verifikasi", "met"), ("tindakan_ppk", None)]
    assert page.count("terpenuhi") == 2 and "berjalan" in page


def test_an_empty_reason_is_refused_by_the_page_and_by_the_server(desk, admin, fresh_cases):
    case = fresh_cases()
    page = desk.get(f"/kasus/{case}").text
    assert page.count('<textarea name="alasan" required') == 2
    for reason in ("", "   \n "):
        r = _step(desk, case, "verifikasi", reason)
        assert r.status_code == 400 and "Alasan wajib diisi." in r.text
    assert _state(admin, case) == "baru"
    assert q(admin, "SELECT count(*) FROM cases.event WHERE case_id = :c", c=case)[0][0] == 0


def test_a_stopped_case_offers_nothing_more_and_its_clock_says_why_it_ended(desk, admin, fresh_cases):
    case = fresh_cases()
    r = _step(desk, case, "hentikan", "Akun bukan milik pegawai yang bersangkutan")
    assert "Status kasus sekarang: Dihentikan" in r.text and "Kasus sudah selesai." in r.text
    assert "berakhir (Dihentikan)" in r.text and f'action="/kasus/{case}/langkah"' not in r.text
    assert q(admin, "SELECT closed_at IS NOT NULL FROM cases.case WHERE case_id = :c", c=case)[0][0]


def test_a_step_not_offered_from_the_state_is_refused(desk, admin, fresh_cases):
    case = fresh_cases()
    r = _step(desk, case, "tutup", "langsung tutup")
    assert r.status_code == 400 and "Langkah ini tidak tersedia dari status kasus saat ini." in r.text
    assert _state(admin, case) == "baru"
    assert _step(desk, 10**9, "verifikasi", "x").status_code == 404


def test_a_step_the_role_may_not_take_is_refused_with_the_warehouses_message(client, admin, logins, officer,
                                                                             desk_db, fresh_cases):
    case = fresh_cases()
    name, password = logins("netra_supervisor")
    with admin.begin() as conn:
        conn.exec_driver_sql("INSERT INTO cases.scope SELECT %(n)s, opd_id FROM cases.case WHERE case_id = %(c)s",
                             {"n": name, "c": case})
    log_in(client, name, password)
    page = client.get(f"/kasus/{case}").text
    assert "Tidak ada tindakan untuk peran Anda pada status ini." in page and 'name="kirim"' not in page
    r = client.post(f"/kasus/{case}/langkah",
                    data={"csrf": csrf(page), "aksi": "verifikasi", "alasan": "saya atasannya"})
    assert r.status_code == 403 and "Akun Anda tidak berwenang melakukan ini." in r.text
    assert f"role {name} may not verifikasi" in r.text                   # the warehouse's own words
    assert _state(admin, case) == "baru"
    engine = as_login(desk_db, *officer)
    for action in ("verifikasi", "rekomendasikan"):
        store.step(engine, FLOW, case, action, "ok")
    engine.dispose()
    page = client.get(f"/kasus/{case}").text
    assert ">Catat pemeriksaan atasan</button>" in page and "Tutup kasus</button>" not in page
    r = client.post(f"/kasus/{case}/langkah", data={"csrf": csrf(page), "aksi": "periksa",
                                                     "alasan": "Diperiksa 4 Desember; BAP terlampir"})
    assert "Status kasus sekarang: Diperiksa atasan langsung" in r.text
    last = q(admin, "SELECT actor FROM cases.event WHERE case_id = :c ORDER BY event_id DESC LIMIT 1", c=case)
    assert last[0][0] == name
    # a supervisor does not review findings: no form, and the warehouse refuses the insert
    assert "Simpan tinjauan" not in r.text
    finding = q(admin, "SELECT min(finding_id) FROM cases.case_finding WHERE case_id = :c", c=case)[0][0]
    r = client.post(f"/kasus/{case}/temuan/{finding}", data={"csrf": csrf(r.text), "putusan": "ditolak", "alasan": "x"})
    assert r.status_code == 403 and "permission denied" in r.text


def test_a_decision_needs_its_outcome_and_the_measure_where_the_outcome_has_one(desk, admin, officer, desk_db,
                                                                                fresh_cases):
    case = fresh_cases()
    engine = as_login(desk_db, *officer)
    for action in ("verifikasi", "rekomendasikan", "periksa"):
        store.step(engine, FLOW, case, action, "ok")
    engine.dispose()
    page = desk.get(f"/kasus/{case}").text
    assert 'name="keputusan" required' in page and 'value="disiplin/sedang"' in page
    assert "Hukuman disiplin sedang (uraikan hukumannya)" in page
    refused = {"": "Pilih keputusan (jalur dan hasilnya).",
               "disiplin/sedang": "Keputusan ini wajib disertai uraian hukuman yang dijatuhkan.",
               "disiplin/teguran": "Keputusan tidak dikenal alur kerja."}
    for decision, message in refused.items():
        r = _step(desk, case, "putuskan", "Keputusan PPK", keputusan=decision)
        assert r.status_code == 400 and message in r.text, decision
        assert "Keputusan PPK</textarea>" in r.text                  # what was typed is kept
    assert _state(admin, case) == "diperiksa"
    r = _step(desk, case, "putuskan", "Keputusan PPK nomor 800/12", keputusan="disiplin/sedang",
              tindakan="Pemotongan tunjangan kinerja 25% selama 6 bulan")
    assert "Status kasus sekarang: Diputus" in r.text
    assert "Keputusan: Hukuman disiplin sedang: Pemotongan tunjangan kinerja 25% selama 6 bulan" in r.text
    decided = q(admin, "SELECT decision_track, decision_outcome, measure FROM cases.event WHERE case_id = :c "
                       "AND action = 'putuskan'", c=case)
    assert [tuple(d) for d in decided] == [("disiplin", "sedang", "Pemotongan tunjangan kinerja 25% selama 6 bulan")]


def test_the_case_page_marks_the_evidence_in_each_post(desk, admin, fresh_cases):
    case = fresh_cases()
    spans = q(admin, """SELECT e->>'text', v.text FROM cases.case_finding cf JOIN findings.finding f USING (finding_id)
                        JOIN findings.rule_hit h USING (finding_id)
                        JOIN core.post_version v ON v.post_pk = f.post_pk AND v.content_hash = f.content_hash,
                        jsonb_array_elements(h.evidence) e
                        WHERE cf.case_id = :c AND e->>'start' IS NOT NULL""", c=case)
    page = desk.get(f"/kasus/{case}").text
    posts = q(admin, "SELECT count(*) FROM cases.case_finding WHERE case_id = :c", c=case)[0][0]
    assert page.count('<article class="post"') == posts
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", page, re.S)
    shown = {b.replace("<mark>", "").replace("</mark>", "") for b in quotes}
    assert spans
    for evidence, text in spans:
        assert f"<mark>{escape(evidence)}</mark>" in page and str(escape(text)) in shown


def test_reviewing_a_finding(desk, admin, officer, fresh_cases):
    case = fresh_cases()
    finding, post_pk = q(admin, "SELECT f.finding_id, f.post_pk FROM cases.case_finding cf JOIN findings.finding f "
                                "USING (finding_id) WHERE cf.case_id = :c ORDER BY finding_id LIMIT 1", c=case)[0]
    token = csrf(desk.get(f"/kasus/{case}").text)
    r = desk.post(f"/kasus/{case}/temuan/{finding}", data={"csrf": token, "putusan": "dikonfirmasi", "alasan": " "})
    assert r.status_code == 400 and "Alasan wajib diisi." in r.text
    r = desk.post(f"/kasus/{case}/temuan/{finding}", data={"csrf": token, "putusan": "dikonfirmasi",
                                                          "alasan": "Tangkapan layar cocok dengan unggahan"})
    assert r.status_code == 200 and "Tinjauan temuan dicatat." in r.text
    assert f"<strong>Dikonfirmasi</strong>\n      oleh {officer[0]}" in r.text
    reviews = q(admin, "SELECT verdict, reason, actor FROM cases.finding_review WHERE post_pk = :p", p=post_pk)
    assert [tuple(x) for x in reviews] == [("dikonfirmasi", "Tangkapan layar cocok dengan unggahan", officer[0])]
    other = q(admin, "SELECT min(finding_id) FROM cases.case_finding WHERE case_id <> :c", c=case)[0][0]
    r = desk.post(f"/kasus/{case}/temuan/{other}", data={"csrf": token, "putusan": "ditolak", "alasan": "x"})
    assert r.status_code == 400 and "Temuan tidak ditemukan pada kasus ini." in r.text


def test_the_evidence_package_downloads(desk, fresh_cases):
    case = fresh_cases()
    pdf = desk.get(f"/kasus/{case}/bukti.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == f'attachment; filename="kasus-{case}.pdf"'
    bundle = desk.get(f"/kasus/{case}/bukti.zip")
    assert bundle.headers["content-type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(bundle.content)).testzip() is None
    assert desk.get(f"/kasus/{case}/bukti.exe").status_code == 404
