"""The analyst on real PostgreSQL: refused identities (permission denied, not empty results), every
mart readable and showing employees by keyed pseudonym only, pseudonyms that are stable under one
key, change with another and cannot be computed or traced back without it."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re

import pytest
import sqlalchemy as sa

from netra import marts, pseudonym, registry, secrets, warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import KEY, load, run_window

pytestmark = pytest.mark.db
REFUSED = ["SELECT full_name FROM registry.employee", "SELECT nip FROM registry.employee",
           "SELECT pseudonym, employee_code FROM registry.employee", "SELECT handle FROM registry.account",
           "SELECT reporter_contact FROM core.tip", "SELECT * FROM raw.payload", "SELECT * FROM core.post",
           "SELECT post_pk FROM findings.finding", "SELECT * FROM registry.employee_status"]
# Column names that identify, or lead to, a person: none may sit in a mart beside an employee pseudonym.
IDENTIFYING = re.compile(r"handle|nip|full_name|employee_id|employee_code|account_id|post_pk|platform_user_id")


@pytest.fixture
def analysed(engine, short_sample, login):
    """Two days of the short campaign judged and the marts refreshed; the analyst's engine."""
    load(engine, short_sample[0], SHORT_ELECTION)
    for day in (dt.date(2024, 11, 21), dt.date(2024, 11, 22)):
        run_window(engine, short_sample[0], day)
    return engine, warehouse.engine(login("netra_analyst"))


def rows(engine, sql, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def test_the_analyst_is_refused_identities_and_contacts(analysed):
    engine, analyst = analysed
    for query in REFUSED:
        assert rows(engine, query), query                 # there is something to refuse
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            rows(analyst, query)


def test_every_mart_is_readable_and_names_nobody(analysed):
    engine, analyst = analysed
    columns: dict[str, list[str]] = {}
    # The catalogue, as the analyst reads it (information_schema.columns leaves out materialized views).
    for table, column in rows(analyst, "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'mart' "
                                       "AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped "
                                       "ORDER BY c.relname, a.attnum"):
        columns.setdefault(table, []).append(column)
    assert set(columns) == set(marts.VIEWS)
    for view in marts.VIEWS:
        assert rows(analyst, f"SELECT * FROM mart.{view}"), view
        if "employee_pseudonym" in columns[view]:
            assert not [c for c in columns[view] if IDENTIFYING.search(c)], view
    assert "handle" in columns["opd_account"] and "employee_pseudonym" not in columns["opd_account"]

    # No value anywhere in the marts is an employee's name, NIP, code or handle, or the serial-id
    # pseudonym of old.
    people = rows(engine, "SELECT e.full_name, e.nip, e.employee_code, 'ASN-' || lpad(e.employee_id::text, 5, '0'), "
                          "a.handle FROM registry.employee e LEFT JOIN registry.account a USING (employee_id)")
    identities = {v for r in people for v in r if v}
    shown = {str(v) for view in marts.VIEWS for r in rows(analyst, f"SELECT * FROM mart.{view}") for v in r if v is not None}
    assert identities and shown and not identities & shown

    listed = rows(analyst, "SELECT owner_kind, post_id, permalink, employee_pseudonym, account_pseudonym, "
                           "extract(minute FROM created_at) + extract(second FROM created_at) FROM mart.finding_list")
    others = [r for r in listed if r.owner_kind != "opd"]
    opd = [r for r in listed if r.owner_kind == "opd"]
    assert others and opd
    assert all(r.post_id is None and r.permalink is None and r[5] == 0 for r in others)
    assert all(r.post_id and r.permalink and r.employee_pseudonym is None for r in opd)
    assert all(r.employee_pseudonym and r.account_pseudonym for r in others if r.owner_kind != "unregistered")
    coverage = rows(analyst, "SELECT count(*), count(account_pseudonym) FROM mart.account_coverage")[0]
    assert coverage[0] == coverage[1] == rows(engine, "SELECT count(*) FROM registry.account")[0][0]


def test_findings_daily_counts_posts_it_does_not_show(analysed):
    engine, analyst = analysed
    counted = rows(analyst, "SELECT sum(flagged_posts) FROM mart.findings_daily WHERE candidate_number = 0")[0][0] or 0
    counted += rows(analyst, "SELECT coalesce(sum(flagged_posts), 0) FROM mart.findings_daily WHERE candidate_number <> 0")[0][0]
    direct = rows(engine, "SELECT count(*) FROM (SELECT DISTINCT f.post_pk, c FROM findings.finding f "
                          "CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.candidate_numbers) = 0 THEN ARRAY[0] "
                          "ELSE f.candidate_numbers END) c) x")[0][0]
    assert counted == direct > 0


def _pseudonyms(engine) -> dict:
    return dict(rows(engine, "SELECT employee_code, pseudonym FROM registry.employee")) | \
        {f"{p}:{h}": s for p, h, s in rows(engine, "SELECT platform, handle_key, pseudonym FROM registry.account")}


@pytest.fixture
def loaded(engine, short_sample):
    load(engine, short_sample[0], SHORT_ELECTION)
    return engine


def test_pseudonyms_are_stable_under_a_key_and_change_with_another(loaded, short_sample):
    engine = loaded
    first = _pseudonyms(engine)
    registry.load_registry(engine, short_sample[0] / "registry", KEY)
    assert _pseudonyms(engine) == first
    assert all(re.fullmatch(r"(ASN|AKUN)-[A-Z2-7]{10}", p) for p in first.values())
    assert len(set(first.values())) == len(first)
    other = b"another-fictional-pseudonym-key-for-rotation"
    registry.load_registry(engine, short_sample[0] / "registry", other)
    rotated = _pseudonyms(engine)
    assert rotated.keys() == first.keys() and not set(rotated.values()) & set(first.values())
    code = next(iter(rows(engine, "SELECT employee_code FROM registry.employee ORDER BY 1")))[0]
    assert rotated[code] == pseudonym.employee(other, code)
    with engine.connect() as conn:                     # the key is nowhere in the warehouse
        trail = conn.execute(sa.text("SELECT string_agg(detail::text, ' ') FROM audit.event")).scalar()
    assert KEY.decode() not in trail and other.decode() not in trail


def test_a_pseudonym_cannot_be_computed_without_the_key(loaded):
    engine = loaded
    people = rows(engine, "SELECT employee_id, employee_code, pseudonym FROM registry.employee")

    def guesses(employee_id: int, code: str) -> set[str]:
        """What someone without the key might try: plain hashes of the id or code, HMAC under
        empty or guessable keys, in hex or base32, whole or cut to the pseudonym's length."""
        out = set()
        for subject in (str(employee_id), f"{employee_id:05d}", code, f"employee:{code}"):
            digests = [hashlib.sha256(subject.encode()).digest(), hashlib.md5(subject.encode()).digest()]
            digests += [hmac.new(k, subject.encode(), hashlib.sha256).digest() for k in (b"", b"netra", b"secret")]
            for d in digests:
                for text in (d.hex().upper(), base64.b32encode(d).decode()):
                    out |= {"ASN-" + text[:pseudonym.LENGTH], "ASN-" + text}
        return out

    for employee_id, code, p in people:
        assert f"{employee_id:05d}" not in p and code not in p
        assert p not in guesses(employee_id, code)
    assert people and all(p == pseudonym.employee(KEY, code) for _, code, p in people)


@pytest.mark.parametrize("value", ['{"conn_type": "generic", "password": "%s"}', "generic://:%s@"])
def test_the_key_comes_from_its_connection_in_either_form(monkeypatch, value):
    key = "a-fictional+key/with:odd@characters-0123456789"
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_PSEUDONYM_KEY",
                       value % (json.dumps(key)[1:-1] if value.startswith("{") else re.sub(r"[+/:@]", lambda m: f"%{ord(m[0]):02X}", key)))
    assert pseudonym.key() == key.encode()


def test_a_missing_or_short_key_stops_the_load_naming_its_connection(engine, short_sample, monkeypatch):
    monkeypatch.delenv("AIRFLOW_CONN_NETRA_PSEUDONYM_KEY", raising=False)
    with pytest.raises(secrets.SecretError, match="netra_pseudonym_key"):
        registry.load_registry(engine, short_sample[0] / "registry")
    monkeypatch.setenv("AIRFLOW_CONN_NETRA_PSEUDONYM_KEY", '{"conn_type": "generic", "password": "short"}')
    with pytest.raises(secrets.SecretError, match="NETRA_PSEUDONYM_KEY.*at least 32"):
        registry.load_registry(engine, short_sample[0] / "registry")
    with pytest.raises(secrets.SecretError, match="at least 32"):
        registry.load_registry(engine, short_sample[0] / "registry", b"too short")
    assert rows(engine, "SELECT count(*) FROM registry.employee") == [(0,)]
