"""Keys kept outside the warehouse, as Airflow connections whose password is the key: the key
that encrypts reporters' contacts (netra_contact_key) and the one pseudonyms are keyed with.

Read from AIRFLOW_CONN_<ID> (URI or JSON form) or from Airflow's own store; a key that is missing
or too short is an error naming the connection, never a quiet default.
"""
from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

from netra import settings

CONTACT_KEY = "netra_contact_key"
MIN_LENGTH = 32


class SecretError(RuntimeError):
    """A key's connection is missing, unreadable or holds too short a key."""


def _password(value: str) -> str | None:
    value = value.strip()
    if value.startswith("{"):
        return json.loads(value).get("password")
    password = urlsplit(value).password
    return unquote(password) if password else None


def key(conn_id: str) -> bytes:
    given = settings.airflow_conn(conn_id)
    if given is not None:
        where, password = f"AIRFLOW_CONN_{conn_id.upper()}", _password(given)
    else:
        try:
            from airflow.sdk import BaseHook
        except ImportError:
            raise SecretError(f"no connection {conn_id!r}: set AIRFLOW_CONN_{conn_id.upper()}") from None
        try:
            password = BaseHook.get_connection(conn_id).password
        except Exception as exc:
            if type(exc).__name__ != "AirflowNotFoundException":
                raise
            raise SecretError(f"the Airflow connection {conn_id!r} is not defined") from None
        where = f"the Airflow connection {conn_id!r}"
    if not password or len(password) < MIN_LENGTH:
        raise SecretError(f"{where}: its password must be a key of at least {MIN_LENGTH} characters")
    return password.encode()
