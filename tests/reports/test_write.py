"""A window's reports written from the warehouse: the day's HTML and PDF, its week's "so far",
the index's line of figures per day; employees by pseudonym, an employee's post as its evidence
spans only, an OPD post whole with its evidence marked and its links; rewriting gives the same."""
from __future__ import annotations

import csv
import datetime as dt
import re
import time

import pytest
from markupsafe import escape

from netra.reports import files, write
from tests.pipeline_helpers import day_window
from tests.cases.conftest import q

pytestmark = pytest.mark.db
TZ, DESK = "Asia/Makassar", "https://airflow.example.go.id/desk/"


@pytest.fixture
def written(reports_db, tmp_path):
    paths = [write.write_windows(reports_db, [day_window(dt.date(2024, 11, d))], tmp_path, TZ, DESK) for d in (21, 22)]
    return reports_db, tmp_path, paths


def test_daily_weekly_and_index_with_pdfs(written):
    engine, out, paths = written
    assert [p.name for p in paths[1]] == ["daily-2024-11-22.pdf", "weekly-2024-W47.pdf", "weekly-2024-W47.html",
                                          "index.html", "daily-2024-11-22.html"]
    page = (out / "daily-2024-11-22.html").read_text()
    assert "Laporan Harian Jumat, 22 November 2024" in page and "WITA" in page
    assert page.count("<svg") >= 4 and "<script" not in page
    week = (out / "weekly-2024-W47.html").read_text()
    assert "18 November 2024 s.d. 24 November 2024" in week and "data s.d. 22 November 2024" in week
    for name in ("daily-2024-11-22.pdf", "weekly-2024-W47.pdf"):
        pdf = (out / name).read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Subtype /Image") >= 4
    index = (out / "index.html").read_text()
    (findings,) = q(engine, "SELECT count(*) FROM findings.finding WHERE window_start = :s AND window_end = :e "
                            "AND disposition = 'breach'", s=day_window(dt.date(2024, 11, 22)).start,
                    e=day_window(dt.date(2024, 11, 22)).end)[0]
    row = re.search(r"<tr><td>Jumat, 22 November 2024</td>(.*?)</tr>", index, re.S).group(1)
    assert re.findall(r'<td class="n">([\d.]+)</td>', row)[1] == str(findings)
    assert 'href="daily-2024-11-21.pdf"' in index and 'href="weekly-2024-W47.html"' in index


def test_a_complete_week_is_no_longer_so_far(written):
    engine, out, _ = written
    for d in (18, 19, 20, 23, 24):
        write.write_windows(engine, [day_window(dt.date(2024, 11, d))], out, TZ)
    assert "data s.d." not in (out / "weekly-2024-W47.html").read_text()
    assert (out / "weekly-2024-W48.html").exists() is False


def test_case_officers_list_shows_pseudonyms_evidence_and_links(written, short_sample):
    engine, out, _ = written
    page = (out / "daily-2024-11-22.html").read_text()
    day = day_window(dt.date(2024, 11, 22))
    rows = q(engine, "SELECT f.finding_id, a.owner_type, e.pseudonym, v.text, h.evidence, p.permalink, cf.case_id "
                     "FROM findings.finding f JOIN core.post p USING (post_pk) "
                     "JOIN core.post_version v ON v.post_pk = f.post_pk AND v.content_hash = f.content_hash "
                     "JOIN registry.account a ON a.account_id = p.account_id "
                     "LEFT JOIN registry.employee e ON e.employee_id = a.employee_id "
                     "JOIN findings.rule_hit h USING (finding_id) LEFT JOIN cases.case_finding cf USING (finding_id) "
                     "WHERE f.window_start = :s AND f.window_end = :e", s=day.start, e=day.end)
    kinds = {r.owner_type for r in rows}
    assert kinds == {"opd", "employee"}
    for r in rows:
        block = re.search(rf'id="temuan-{r.finding_id}">(.*?)</div>', page, re.S).group(1)
        for ev in r.evidence:
            assert f"{escape(ev['text'])}</mark>" in block
        if r.case_id:
            assert f'href="{DESK}kasus/{r.case_id}"' in block
        if r.owner_type == "employee":
            assert r.pseudonym in block and (not r.permalink or r.permalink not in block)
            assert not r.text or escape(r.text) not in block
        else:
            assert f'href="{escape(r.permalink)}"' in block
            assert escape(r.text) in re.sub(r"</?mark[^>]*>", "", block)          # the whole text
    employees = list(csv.DictReader((short_sample[0] / "registry" / "employee.csv").open()))
    for name in ("daily-2024-11-22.html", "weekly-2024-W47.html", "index.html"):
        text = (out / name).read_text()
        assert not any(e["full_name"] in text or (e["nip"] and e["nip"] in text) for e in employees), name


def test_rewriting_a_window_gives_the_same_files(written):
    engine, out, paths = written
    before = {p.name: p.read_text() for p in out.glob("*.html")}
    again = write.write_windows(engine, [day_window(dt.date(2024, 11, 22))], out, TZ, DESK)
    assert again == paths[1]
    stamp = re.compile(r"(Dibuat|Diperbarui) \d\d-\d\d-\d{4} \d\d:\d\d")
    assert {p.name: stamp.sub("", p.read_text()) for p in out.glob("*.html")} == \
           {n: stamp.sub("", t) for n, t in before.items()}
    assert not list(out.glob(".*.tmp"))


def test_a_catch_up_draws_each_week_and_the_index_once_and_the_days_pages_last(reports_db, tmp_path):
    (tmp_path / "health.html").write_text("<html></html>")             # netra_health's page, linked if there
    days = [day_window(dt.date(2024, 11, d)) for d in (19, 20, 21)]
    paths = write.write_windows(reports_db, days, tmp_path, TZ)
    assert [p.name for p in paths] == ["daily-2024-11-19.pdf", "daily-2024-11-20.pdf", "daily-2024-11-21.pdf",
                                       "weekly-2024-W47.pdf", "weekly-2024-W47.html", "index.html",
                                       "daily-2024-11-19.html", "daily-2024-11-20.html", "daily-2024-11-21.html"]
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="daily-2024-11-{d}.html"' in index for d in (19, 20, 21))
    assert 'href="health.html"' in index and 'href="dictionary.html"' in index
    assert "data s.d. 21 November 2024" in (tmp_path / "weekly-2024-W47.html").read_text()


def test_the_task_writes_the_due_windows_and_the_data_dictionary_beside_them(reports_db, tmp_path, monkeypatch, caplog):
    from netra import tasks

    monkeypatch.setenv("AIRFLOW_CONN_NETRA_WAREHOUSE", reports_db.url.render_as_string(hide_password=False)
                       .replace("postgresql+psycopg2://", "postgresql://"))
    monkeypatch.setenv("NETRA_REPORT_DIR", str(tmp_path))
    monkeypatch.setenv("NETRA_DESK_URL", DESK)
    with caplog.at_level("INFO", logger="netra.tasks"):
        written = tasks.write_reports([day_window(dt.date(2024, 11, 22)).as_dict()])
    assert [p.rsplit("/", 1)[1] for p in written][-2:] == ["daily-2024-11-22.html", "dictionary.html"]
    assert "mart.opd_scorecard_daily" in (tmp_path / "dictionary.html").read_text()
    assert f"{DESK.rstrip('/')}/kasus/" in (tmp_path / "daily-2024-11-22.html").read_text()
    assert "report: 1 windows" in caplog.text and "dictionary.html" in caplog.text


def test_a_catch_up_drawn_by_worker_processes_gives_the_same_reports(reports_db, tmp_path, monkeypatch):
    days = [day_window(dt.date(2024, 11, d)) for d in (19, 20, 21)]
    alone = write.write_windows(reports_db, days, tmp_path / "alone", TZ, DESK)

    def not_here(*args, **kwargs):
        raise AssertionError("a pooled catch-up drew a report in the calling process")

    monkeypatch.setattr(write, "render", not_here)          # the spawned workers import their own
    pooled = write.write_windows(reports_db, days, tmp_path / "pooled", TZ, DESK, workers=2)
    assert [p.name for p in pooled] == [p.name for p in alone]
    stamp = re.compile(r"(Dibuat|Diperbarui) \d\d-\d\d-\d{4} \d\d:\d\d")
    for a, b in zip(alone, pooled):
        if a.suffix == ".html":
            assert stamp.sub("", b.read_text()) == stamp.sub("", a.read_text()), a.name
        else:
            assert b.read_bytes().startswith(b"%PDF") and abs(b.stat().st_size - a.stat().st_size) < 64, a.name


def test_a_reports_files_are_dated_when_its_data_was_read(reports_db, tmp_path, monkeypatch):
    """So that an event between the read and the write leaves the window due, and one before the
    read does not: the report already shows that event's findings."""
    reads, gather, draw = [], write.content.gather, write.pdf.render
    monkeypatch.setattr(write.content, "gather", lambda *a, **k: (reads.append(time.time()), gather(*a, **k))[1])
    monkeypatch.setattr(write.pdf, "render", lambda *a: (time.sleep(1.5), draw(*a))[1])     # drawing takes time
    day = day_window(dt.date(2024, 11, 20))
    write.write_windows(reports_db, [day], tmp_path, TZ)
    written_at = files.daily_path(tmp_path, day, TZ).stat().st_mtime
    assert abs(written_at - reads[0]) < 1.0 and time.time() - written_at > 1.4
    at = [dt.datetime.fromtimestamp(reads[0] + s, dt.timezone.utc) for s in (0.5, -5)]
    assert files.windows_due([(at[0], {"window": day.as_dict()})], [], tmp_path, TZ) == [day.as_dict()]
    assert files.windows_due([(at[1], {"window": day.as_dict()})], [], tmp_path, TZ) == []
