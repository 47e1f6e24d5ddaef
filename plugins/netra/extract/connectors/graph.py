"""Meta's Graph API, shared by the Facebook Pages and Instagram connectors: error codes, and
paging by the `paging.next` link (its parameters, on our base URL, without its access token).

Graph API errors come as {"error": {"code", "error_subcode", "message"}}, often with HTTP 400 and
sometimes with 200 (which means the same):
codes 4, 17, 32, 613 and 80001-80014 are rate limits (retried; the wait comes from
X-Business-Use-Case-Usage or X-App-Usage when given); 190 and 102 an invalid or expired token,
10 and 200-299 a missing permission (both fail at once: the connection needs fixing); 100/33 and
803 an object that does not exist; 1 and 2 a passing fault (retried).
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import httpx

from netra.extract.http import AuthError, ConnectorError, Credentials, NotFound, Retryable, body, default_classify

VERSION = "v21.0"
RATE_LIMIT_CODES = {4, 17, 32, 613, *range(80001, 80015)}


def _regain_seconds(response: httpx.Response) -> float:
    """Minutes until access returns, from Meta's business use-case usage header, in seconds."""
    try:
        usage = json.loads(response.headers.get("x-business-use-case-usage") or "{}")
        minutes = max((u.get("estimated_time_to_regain_access") or 0) for entries in usage.values() for u in entries)
        return 60.0 * minutes
    except (ValueError, TypeError, AttributeError):
        return 0.0


def classify(response: httpx.Response, credentials: Credentials) -> None:
    error = body(response).get("error")
    error = error if isinstance(error, dict) else {}
    if response.status_code < 400 and not error:
        return
    code, subcode, message = error.get("code"), error.get("error_subcode"), str(error.get("message", ""))[:200]
    if code in RATE_LIMIT_CODES:
        raise Retryable(f"Graph API rate limit (code {code})", _regain_seconds(response), rate_limited=True)
    if code in (190, 102):
        raise AuthError(f"{credentials.conn_id}: the access token is invalid or expired (code {code}); "
                        f"renew it in the Airflow connection {credentials.conn_id!r}")
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        raise AuthError(f"{credentials.conn_id}: the app lacks a permission (code {code}: {message}); "
                        f"grant it to the token in the Airflow connection {credentials.conn_id!r}")
    if (code == 100 and subcode == 33) or code == 803:
        raise NotFound(f"Graph API: {message}")
    if code in (1, 2):
        raise Retryable(f"Graph API temporary error (code {code})")
    if code is not None or response.status_code < 400:
        raise ConnectorError(f"Graph API error {code}/{subcode}: {message}")
    default_classify(response, credentials)


def next_request(page: dict) -> tuple[str, dict] | None:
    """(path, params) of the next page from `paging.next`, without its access token; None at the end."""
    link = (page.get("paging") or {}).get("next")
    if not link:
        return None
    url = urlsplit(link)
    return url.path, {k: v for k, v in parse_qsl(url.query, keep_blank_values=True) if k != "access_token"}


def items(page: dict) -> list:
    data = page.get("data")
    if not isinstance(data, list):
        raise ConnectorError("a Graph API page without a data list")
    return data
