"""The desk's reading helpers without a database: evidence spans marked in a post's text, the
queue's filters read from a query string, and dates in the region's zone."""
from __future__ import annotations

import datetime as dt

from netra.desk import labels, reads


def test_evidence_spans_merge_and_stay_inside_the_text():
    text = "Salam Segara Maju Bersama, coblos no 2 ✌️"
    assert reads.highlight(text, []) == [(text, False)]
    assert reads.highlight(text, [(6, 25), (12, 17), (25, 25), (-3, 0)]) == [
        ("Salam ", False), ("Segara Maju Bersama", True), (", coblos no 2 ✌️", False)]
    assert reads.highlight(text, [(27, 38), (38, 40), (39, 99)]) == [
        ("Salam Segara Maju Bersama, ", False), ("coblos no 2 ✌️", True)]
    pieces = reads.highlight(text, [(0, 5), (6, 12), (27, 33)])
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, marked in pieces if marked] == ["Salam", "Segara", "coblos"]


def test_evidence_without_offsets_is_an_interaction_told_in_indonesian():
    row = {"text": "keren", "hits": [
        {"rule_id": "NET-INTERACT", "evidence": [{"text": "comment of @SuardanaFauzan", "start": None, "end": None}]},
        {"rule_id": "NET-NAME", "evidence": [{"text": "keren", "start": 0, "end": 5}]}]}
    post = reads.post(row)
    assert post["notes"] == ["Komentar pada akun @SuardanaFauzan"]
    assert post["segments"] == [("keren", True)]
    assert reads.interaction("something else") == "something else"


def test_queue_filters_from_the_query_string():
    assert reads.Filters.parse({}) == reads.Filters(status="terbuka")
    f = reads.Filters.parse({"opd": " DISKOP ", "status": "semua", "tenggat": "lewat", "keparahan": "berat",
                             "platform": "tiktok"})
    assert f.params() == {"opd": "DISKOP", "state": None, "deadline": "lewat", "severity": "berat",
                          "platform": "tiktok", "soon": reads.SOON_DAYS, "limit": reads.QUEUE_LIMIT}
    unknown = reads.Filters.parse({"tenggat": "besok", "keparahan": "sangat"})
    assert (unknown.tenggat, unknown.keparahan) == ("", "")


def test_dates_in_the_regions_zone():
    moment = dt.datetime(2024, 11, 26, 17, 30, tzinfo=dt.timezone.utc)     # 01.30 WITA the next day
    assert labels.when(moment) == "27 Nov 2024 01.30 WITA"
    assert labels.date(moment) == "27 Nov 2024" and labels.date(dt.date(2024, 8, 17)) == "17 Agu 2024"
    assert [labels.days_left(d) for d in (-2, 0, 3, None)] == ["lewat 2 hari", "hari ini", "3 hari lagi", ""]
