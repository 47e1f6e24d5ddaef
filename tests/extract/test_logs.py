"""Secrets never reach a log line: httpx logs each request's URL at INFO, with the query
parameters that carry API keys and access tokens (YouTube's key, Graph's access_token)."""
from __future__ import annotations

import logging

from netra.extract.http import Client, Credentials, default_classify


def test_no_secret_in_any_log_line(httpserver, caplog):
    secret = "AIzaSy-not-a-real-key-7f3a9"
    httpserver.expect_request("/youtube/v3/channels").respond_with_json({"items": []})
    httpserver.expect_request("/me").respond_with_json({"error": {"message": "bad"}}, status=500)
    client = Client(Credentials("netra_youtube", httpserver.url_for("/"), secret), default_classify,
                    attempts=2, sleep=lambda s: None)
    httpx_log = logging.getLogger("httpx")       # Airflow's logging setup may quieten it or stop propagation
    level, httpx_log.level = httpx_log.level, logging.DEBUG
    httpx_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG):
            client.request("GET", "/youtube/v3/channels", params={"part": "id", "key": secret})
            try:
                client.request("GET", "/me", params={"access_token": secret, "fields": "id"})
            except Exception:       # the 500s are retried, then given up: their log lines count too
                pass
    finally:
        httpx_log.removeHandler(caplog.handler)
        httpx_log.setLevel(level)
        client.close()
    ours = [r for r in caplog.records if r.name != "werkzeug"]    # werkzeug is the fake platform's own server
    lines = [r.getMessage() for r in ours]
    assert any("HTTP Request: GET" in line and "key=REDACTED" in line for line in lines), lines
    assert any("access_token=REDACTED" in line for line in lines), lines
    assert not any(secret in line for line in lines)
