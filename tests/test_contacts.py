"""Reporters' contacts: encrypted at rest under a key the warehouse does not hold, readable by no
desk role, and a key that is missing or short stops the load naming its connection."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from netra import secrets, warehouse
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load, run_window

pytestmark = pytest.mark.db
KEY = json.loads(__import__("os").environ["AIRFLOW_CONN_NETRA_CONTACT_KEY"])["password"]


@pytest.fixture
def tipped(engine, short_sample):
    load(engine, short_sample[0], SHORT_ELECTION)
    for day in (dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 22)):
        run_window(engine, short_sample[0], day)
    return engine


def test_contacts_are_stored_encrypted_and_decrypt_only_with_the_key(tipped):
    with tipped.connect() as conn:
        rows = conn.execute(sa.text("SELECT reporter_contact, reporter_contact_plain, "
                                    "pgp_sym_decrypt(reporter_contact, :k) FROM core.tip "
                                    "WHERE reporter_contact IS NOT NULL"), {"k": KEY}).all()
        assert rows, "the sample has tips with a contact"
        for cipher, plain, clear in rows:
            assert plain is None and clear and clear.encode() not in bytes(cipher)
        with pytest.raises(sa.exc.DBAPIError, match="Wrong key"):
            conn.execute(sa.text("SELECT pgp_sym_decrypt(reporter_contact, :k) FROM core.tip "
                                 "WHERE reporter_contact IS NOT NULL"), {"k": "x" * 40})


def test_contacts_left_in_the_clear_before_0007_are_encrypted_by_the_next_load(tipped, short_sample):
    with tipped.begin() as conn:
        conn.execute(sa.text("UPDATE core.tip SET reporter_contact_plain = 'wa 0812-0000-0000', reporter_contact = NULL "
                             "WHERE tip_id = (SELECT min(tip_id) FROM core.tip)"))
    run_window(tipped, short_sample[0], dt.date(2024, 11, 22))
    with tipped.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM core.tip WHERE reporter_contact_plain IS NOT NULL")).scalar() == 0
        assert conn.execute(sa.text("SELECT pgp_sym_decrypt(reporter_contact, :k) FROM core.tip "
                                    "WHERE tip_id = (SELECT min(tip_id) FROM core.tip)"), {"k": KEY}).scalar() \
            == "wa 0812-0000-0000"


@pytest.mark.parametrize("group", ["netra_case_officer", "netra_supervisor", "netra_analyst", "netra_auditor"])
def test_no_desk_role_reads_a_contact(tipped, login, group):
    reader = warehouse.engine(login(group))
    for column in ("reporter_contact", "reporter_contact_plain"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), reader.connect() as conn:
            conn.execute(sa.text(f"SELECT {column} FROM core.tip"))


def test_a_case_officer_reads_raw_pages_but_no_tips_file(tipped, login):
    officer = warehouse.engine(login("netra_case_officer"))
    with tipped.connect() as conn:
        tips, page = (conn.execute(sa.text("SELECT min(payload_id) FROM raw.payload JOIN raw.fetch USING (fetch_id) "
                                           "WHERE source = :s"), {"s": s}).scalar() for s in ("tips", "api"))
        body = conn.execute(sa.text("SELECT body FROM raw.payload WHERE payload_id = :p"), {"p": page}).scalar()
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), officer.connect() as conn:
        conn.execute(sa.text("SELECT body FROM raw.payload LIMIT 1"))
    with officer.connect() as conn:
        read = {p: conn.execute(sa.text("SELECT raw.page_body(:p)"), {"p": p}).scalar() for p in (tips, page)}
        assert conn.execute(sa.text("SELECT count(*) FROM raw.payload WHERE payload_id = :p"), {"p": tips}).scalar() == 1
    assert tips and read[tips] is None and bytes(read[page]) == bytes(body)


@pytest.mark.parametrize("value, message", [(None, "set AIRFLOW_CONN_NETRA_CONTACT_KEY|not defined"),
                                            ('{"password": "short"}', "at least 32 characters")])
def test_a_missing_or_short_key_is_an_error_naming_the_connection(monkeypatch, value, message):
    if value is None:
        monkeypatch.delenv("AIRFLOW_CONN_NETRA_CONTACT_KEY")
    else:
        monkeypatch.setenv("AIRFLOW_CONN_NETRA_CONTACT_KEY", value)
    with pytest.raises(secrets.SecretError, match=message):
        secrets.key(secrets.CONTACT_KEY)
