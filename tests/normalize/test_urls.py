import pytest

from netra.normalize.urls import canonical


@pytest.mark.parametrize("url, platform, ref, account", [
    ("https://www.facebook.com/budi.santoso/posts/100001006339", "facebook", "100001006339", "budi.santoso"),
    ("https://m.facebook.com/budi.santoso/posts/100001006339?mibextid=xyz", "facebook", "100001006339", "budi.santoso"),
    ("https://www.facebook.com/permalink.php?story_fbid=123&id=456", "facebook", "123", "456"),
    ("https://www.instagram.com/p/CSgf9BChwVq/?igshid=abc", "instagram", "CSgf9BChwVq", None),
    ("https://instagram.com/reel/CSgf9BChwVq/", "instagram", "CSgf9BChwVq", None),
    ("https://twitter.com/putu2000/status/1840000001014042377?s=20&t=abc123", "x", "1840000001014042377", "putu2000"),
    ("https://mobile.twitter.com/a/status/15", "x", "15", "a"),
    ("https://x.com/a_b/status/1840000001014042377", "x", "1840000001014042377", "a_b"),
    ("https://www.youtube.com/watch?v=D-lhorsDlUQ&t=10s", "youtube", "D-lhorsDlUQ", None),
    ("https://youtu.be/D-lhorsDlUQ", "youtube", "D-lhorsDlUQ", None),
    ("https://www.youtube.com/shorts/D-lhorsDlUQ", "youtube", "D-lhorsDlUQ", None),
    ("https://www.tiktok.com/@kurnia_sahnan87/video/7400000000007010297?lang=id", "tiktok", "7400000000007010297", "kurnia_sahnan87"),
])
def test_resolves(url, platform, ref, account):
    r = canonical(url)
    assert (r.platform, r.post_ref, r.account, r.unresolved) == (platform, ref, account, None)


@pytest.mark.parametrize("url, reason", [
    ("https://bit.ly/3xYzAbc", "short link"),
    ("https://vm.tiktok.com/ZSabc/", "short link"),
    ("https://example.com/post/1", "unsupported host"),
    ("whatsapp status", "not an http(s) URL"),
    ("https://www.facebook.com/budi.santoso", "no post"),
])
def test_unresolvable_keeps_a_reason(url, reason):
    r = canonical(url)
    assert r.post_ref is None and reason in r.unresolved
