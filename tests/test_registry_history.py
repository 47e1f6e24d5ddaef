"""An employee's status over time on real PostgreSQL: a change loaded on a day keeps the status
before it, and findings are judged by the status on the day of the post, whenever they are judged."""
from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest
import sqlalchemy as sa

from netra import registry
from netra.rules.ruleset import ruleset
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import KEY, load, run_window

pytestmark = pytest.mark.db
DAYS = [dt.date(2024, 11, d) for d in (20, 21, 22, 23)]


def rows(engine, sql, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def with_status(sample_dir, tmp_path, code: str, status: str):
    """A copy of the sample's export where one employee has another status."""
    copy = tmp_path / f"registry-{status}"
    shutil.copytree(sample_dir / "registry", copy, dirs_exist_ok=True)
    path = copy / "employee.csv"
    table = list(csv.reader(path.open(newline="", encoding="utf-8")))
    column = table[0].index("status")
    for r in table[1:]:
        if r[0] == code:
            r[column] = status
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(table)
    return copy


def history(engine, code: str) -> list[tuple]:
    return [tuple(r) for r in rows(engine, "SELECT s.status, s.valid_from, s.valid_to FROM registry.employee_status s "
                                           "JOIN registry.employee e USING (employee_id) WHERE e.employee_code = :c "
                                           "ORDER BY s.valid_from NULLS FIRST", c=code)]


def findings_of(engine, code: str) -> list:
    return rows(engine, """
        SELECT (p.created_at AT TIME ZONE 'Asia/Makassar')::date AS day, f.owner_kind, f.severity_discipline,
               array_agg(h.rule_id) AS rules
        FROM findings.finding f JOIN core.post p USING (post_pk) JOIN registry.account a USING (account_id)
        JOIN registry.employee e USING (employee_id) JOIN findings.rule_hit h USING (finding_id)
        WHERE e.employee_code = :c AND f.disposition = 'breach'
        GROUP BY f.finding_id, f.post_pk, p.created_at ORDER BY 1""", c=code)


@pytest.fixture
def judged(engine, short_sample):
    """The first days of the short campaign judged, and a PPPK employee with breaches on two days."""
    sample_dir, _ = short_sample
    load(engine, sample_dir, SHORT_ELECTION)
    for day in DAYS:
        run_window(engine, sample_dir, day)
    code, days = rows(engine, """
        SELECT e.employee_code, array_agg(DISTINCT (p.created_at AT TIME ZONE 'Asia/Makassar')::date
                                          ORDER BY (p.created_at AT TIME ZONE 'Asia/Makassar')::date)
        FROM findings.finding f JOIN core.post p USING (post_pk) JOIN registry.account a USING (account_id)
        JOIN registry.employee e USING (employee_id)
        WHERE e.status = 'PPPK' AND f.disposition = 'breach'
        GROUP BY 1 HAVING count(DISTINCT (p.created_at AT TIME ZONE 'Asia/Makassar')::date) > 1
        ORDER BY 1 LIMIT 1""")[0]
    return engine, sample_dir, code, days


def test_a_status_change_keeps_the_status_before_it(judged, tmp_path):
    engine, sample_dir, code, days = judged
    assert history(engine, code) == [("PPPK", None, None)]          # since before the registry knew
    change = days[-1]
    registry.load_registry(engine, with_status(sample_dir, tmp_path, code, "PNS"), KEY, day=change)
    assert history(engine, code) == [("PPPK", None, change), ("PNS", change, None)]
    assert rows(engine, "SELECT status FROM registry.employee WHERE employee_code = :c", c=code) == [("PNS",)]
    registry.load_registry(engine, with_status(sample_dir, tmp_path, code, "PNS"), KEY, day=change + dt.timedelta(days=3))
    assert history(engine, code) == [("PPPK", None, change), ("PNS", change, None)]   # no change, no new period
    audited = rows(engine, "SELECT detail->>'status_changes', detail->>'day' FROM audit.event "
                           "WHERE kind = 'registry_load' ORDER BY event_id")
    assert audited[-2:] == [("1", change.isoformat()), ("0", (change + dt.timedelta(days=3)).isoformat())]

    later = change + dt.timedelta(days=5)                           # and back again, later
    registry.load_registry(engine, sample_dir / "registry", KEY, day=later)
    assert history(engine, code) == [("PPPK", None, change), ("PNS", change, later), ("PPPK", later, None)]


def test_a_second_change_on_the_same_day_corrects_that_days_period(judged, tmp_path):
    engine, sample_dir, code, days = judged
    change = days[-1]
    registry.load_registry(engine, with_status(sample_dir, tmp_path, code, "PNS"), KEY, day=change)
    registry.load_registry(engine, with_status(sample_dir, tmp_path, code, "PTT"), KEY, day=change)
    assert history(engine, code) == [("PPPK", None, change), ("PTT", change, None)]


def test_findings_follow_the_status_on_the_day_of_the_post(judged, tmp_path):
    engine, sample_dir, code, days = judged
    before = findings_of(engine, code)
    assert {f.owner_kind for f in before} == {"PPPK"} and {f.day for f in before} >= set(days)
    change = days[-1]
    registry.load_registry(engine, with_status(sample_dir, tmp_path, code, "PNS"), KEY, day=change)
    # A case keeps its findings as it took them (tests/cases/test_guards.py); these are judged anew
    # as findings no case holds yet, and those of the days from the change on become the PNS's.
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM cases.case_finding cf USING findings.finding f, core.post p, "
                             "registry.account a, registry.employee e WHERE cf.finding_id = f.finding_id "
                             "AND p.post_pk = f.post_pk AND a.account_id = p.account_id "
                             "AND e.employee_id = a.employee_id AND e.employee_code = :c"), {"c": code})
    for day in DAYS:                                  # the days from the change on, judged again
        if day >= change:
            run_window(engine, sample_dir, day)
    after = findings_of(engine, code)
    assert len(after) == len(before)
    catalogue = ruleset(SHORT_ELECTION).catalogue
    tiers = ["ringan", "sedang", "berat"]
    for f in after:
        kind = "PNS" if f.day >= change else "PPPK"
        assert f.owner_kind == kind, (f.day, change)
        assert f.severity_discipline == max((catalogue.rule(r).severity.discipline.get(kind) for r in f.rules
                                             if catalogue.rule(r).severity.discipline.get(kind)), key=tiers.index)
    assert {f.owner_kind for f in after} == {"PPPK", "PNS"}

