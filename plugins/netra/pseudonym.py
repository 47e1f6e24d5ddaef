"""Keyed pseudonyms: how analysts see employees and accounts in the marts.

A pseudonym is HMAC-SHA256 under a key the warehouse never holds (the password of the Airflow
connection netra_pseudonym_key), so it is stable across runs yet cannot be computed, or traced
back to the serial id, employee code or handle, without the key. A rotated key re-keys everyone
at the next registry load.
"""
from __future__ import annotations

import base64
import hashlib
import hmac

from netra import secrets

KEY_CONN = "netra_pseudonym_key"
LENGTH = 10          # base32 characters: 50 bits, no collision in a city's thousands of accounts


def key() -> bytes:
    """The key from its connection; a missing or short one is a SecretError naming it."""
    return secrets.key(KEY_CONN)


def check(key: bytes) -> bytes:
    if len(key) < secrets.MIN_LENGTH:
        raise secrets.SecretError(f"a pseudonym key needs at least {secrets.MIN_LENGTH} bytes")
    return key


def _code(key: bytes, message: str) -> str:
    return base64.b32encode(hmac.new(key, message.encode(), hashlib.sha256).digest()).decode()[:LENGTH]


def employee(key: bytes, employee_code: str) -> str:
    return "ASN-" + _code(key, f"employee:{employee_code}")


def account(key: bytes, platform: str, handle_key: str) -> str:
    return "AKUN-" + _code(key, f"account:{platform}:{handle_key}")
