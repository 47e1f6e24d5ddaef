"""The fast paths (orjson) read and hash exactly as the json module did: a version's content hash
is its identity in core, so a changed key would make every post a new version on its next fetch."""
from __future__ import annotations

import hashlib
import json
import random

import pytest

from netra.normalize.parse import _parse, content_hash


def _hash_by_json(values) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _texts():
    rng = random.Random(14)
    fixed = ["", "Dukung paslon 02 🙏", 'kutip "ini" \\ itu', "baris\nbaru\ttab\r", "\x00\x01\x1f\x7f",
             "\u2028\u2029\ufeff", "ꦧꦸꦝꦪ", "\ud800 sendiri", "e\u0301", "x" * 70_000]
    points = list(range(0x20)) + list(range(0x80, 0x800)) + list(range(0xD7F0, 0xE010)) + [0x10FFFF, 0x1F600]
    randoms = ["".join(chr(rng.choice(points)) for _ in range(rng.randrange(1, 40))) for _ in range(2000)]
    return fixed + randoms


def test_the_content_hash_is_the_json_modules_for_every_kind_of_text():
    for text in _texts():
        for values in (["original", text, None, None], ["share", text, "123_456", "akun.lain"], [None, None, None, None]):
            row = dict(zip(("post_type", "text", "ref_post_id", "ref_account"), values, strict=True))
            assert content_hash(row) == _hash_by_json(values), repr(values)[:80]


@pytest.mark.parametrize("text", [12345, 1.5, ["a", "b"], {"k": "v"}, True])
def test_a_text_that_is_not_a_string_hashes_as_json_writes_it(text):
    row = {"post_type": "original", "text": text, "ref_post_id": None, "ref_account": None}
    assert content_hash(row) == _hash_by_json(["original", text, None, None])


@pytest.mark.parametrize("body", [
    b'{"id": 1234567890123456789, "text": "biasa"}', b'{"id": 123456789012345678901234567890}', b'[NaN, Infinity]',
    b'{"a": "\\ud800"}', b'\xef\xbb\xbf{"a": 1}', b'{"a": 1, "a": 2}', b'{"a": 1.25e3, "b": -0.0}',
    b'{"nested": {"deep": [1, {"x": null}]}}',
])
def test_a_body_reads_as_json_reads_it(body):
    assert _parse(body) == (json.loads(body), None)


@pytest.mark.parametrize("body, check", [(b'{"a": ', "invalid_json"), (b'{"a": "\xff"}', "invalid_utf8"),
                                         (b"[" * 100_000, "invalid_json")])
def test_a_body_json_cannot_read_gets_the_reason_it_got_before(body, check):
    value, problem = _parse(body)
    assert value is None and problem["check"] == check
