"""The posts suite over a batch that mixes platforms: every failing row, with every reason."""
from __future__ import annotations

import datetime as dt

from netra import validate

T = dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc)


def _row(n, platform, post_id, text="ok", post_type="original", ref=None, created=T):
    return {"row_no": n, "platform": platform, "post_id": post_id, "created_at": created,
            "seen_at": T + dt.timedelta(hours=1), "post_type": post_type, "text": text, "ref_post_id": ref}


def test_each_row_fails_for_its_own_reasons():
    frame = validate.posts_frame([
        _row(0, "facebook", "123_456"),
        _row(1, "facebook", "abc"),                                  # not a Facebook id
        _row(2, "x", "99", text="x" * 25001),                        # over X's limit...
        _row(3, "facebook", "1_2", text="x" * 25001),                # ...within Facebook's
        _row(4, "instagram", "17", post_type="comment"),             # a comment must name its post
        _row(5, "youtube", "D-lhorsDlUQ", text="a\x00b", created=T + dt.timedelta(days=2)),
        _row(6, "tiktok", None, post_type="bogus"),
    ])
    outcome = validate.validate(frame, "posts")
    checks = {row: sorted(r["check"] for r in reasons) for row, reasons in outcome.failures.items()}
    assert checks == {
        1: ["post_id_format"],
        2: ["text_too_long"],
        4: ["ref_missing"],
        5: ["created_after_seen", "text_unstorable"],
        6: ["post_id_null", "post_type"],
    }
    assert outcome.rows == 7 and outcome.failed_rows == 5
    assert {f["check"] for f in outcome.failing} >= {"post_id_format", "text_too_long", "ref_missing"}
