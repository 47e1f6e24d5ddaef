"""desk.case_subject, whom a case is about as of the day of its first post, read by the evidence
package, the export and the queue."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.desk.conftest import as_login, q

pytestmark = pytest.mark.db


def test_status_and_opd_are_those_of_the_first_posts_day_and_the_status_now_beside_them(admin, desk_db, logins):
    case, employee, day, status, opd = q(admin, """
        SELECT cs.case_id, cs.employee_id, cs.first_post_day, cs.status, cs.opd_name FROM desk.case_subject cs
        WHERE cs.employee_id IS NOT NULL ORDER BY cs.case_id LIMIT 1""")[0]
    moved = day + dt.timedelta(days=1)
    later, other = ("PPPK" if status != "PPPK" else "PNS"), q(admin, """
        SELECT opd_id, name FROM registry.opd WHERE name <> :name ORDER BY opd_id LIMIT 1""", name=opd)[0]
    with admin.begin() as conn:          # the day after the first post: a new status and another OPD
        for table in ("employee_status", "assignment"):
            conn.exec_driver_sql(f"UPDATE registry.{table} SET valid_to = %s WHERE employee_id = %s "
                                 "AND daterange(valid_from, valid_to) @> %s", (moved, employee, day))
        conn.exec_driver_sql("INSERT INTO registry.employee_status (employee_id, status, valid_from) "
                             "VALUES (%s, %s, %s)", (employee, later, moved))
        conn.exec_driver_sql("INSERT INTO registry.assignment (employee_id, opd_id, valid_from) VALUES (%s, %s, %s)",
                             (employee, other.opd_id, moved))
        conn.exec_driver_sql("UPDATE registry.employee SET status = %s WHERE employee_id = %s", (later, employee))
    officer = as_login(desk_db, *logins("netra_case_officer"))
    row = q(officer, "SELECT * FROM desk.case_subject WHERE case_id = :c", c=case)[0]
    assert (row.first_post_day, row.status, row.current_status, row.opd_name) == (day, status, later, opd)
    assert q(officer, "SELECT employee_status FROM desk.queue WHERE case_id = :c", c=case)[0][0] == later


def test_the_queue_skips_the_dated_lookups_it_does_not_show(admin):
    plan = "\n".join(r[0] for r in q(admin, "EXPLAIN SELECT * FROM desk.queue"))
    assert plan.count(" on case_finding ") == 1         # its own findings, not the first post's day too
    assert "employee_status" not in plan and "assignment" not in plan
    dated = "\n".join(r[0] for r in q(admin, "EXPLAIN SELECT * FROM desk.case_subject"))
    assert "employee_status" in dated and "assignment" in dated
