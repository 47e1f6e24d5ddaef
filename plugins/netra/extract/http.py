"""HTTP for every platform connector: timeouts, retries and what a failure means.

A connector classifies each response, error bodies sent with HTTP 200 included, and this module
acts on it: success returns the body; rate limits and server errors are retried with exponential
backoff and full jitter, waiting at least what the platform asked for (Retry-After or its reset
header, reckoned on the server's clock); a rejected credential fails at once with a message naming
the Airflow connection to fix. A scope may make at most `max_pages` requests in `max_seconds`, so a
server that pages forever cannot hold a task. Tokens never reach a log, a landed request or an
error message: requests are described by their path and safe parameters.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
import time
from urllib.parse import quote
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import tenacity

log = logging.getLogger(__name__)

SECRET_PARAMS = {"access_token", "key", "client_secret", "token", "appsecret_proof"}
_SECRET_IN_URL = re.compile(rf"([?&](?:{'|'.join(sorted(SECRET_PARAMS))})=)[^&\s\"']*")


class _RedactSecrets(logging.Filter):
    """httpx logs every request's full URL at INFO ("HTTP Request: GET ...?key=..."): the values
    of secret query parameters are replaced before any handler sees the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(_SECRET_IN_URL.sub(r"\1REDACTED", str(a)) if isinstance(a, (str, httpx.URL)) else a
                                for a in (record.args if isinstance(record.args, tuple) else (record.args,)))
        record.msg = _SECRET_IN_URL.sub(r"\1REDACTED", str(record.msg))
        return True


for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(_RedactSecrets())


class ConnectorError(RuntimeError):
    """A request that could not be completed; `status` says how it should be recorded."""

    status = "failed"


class AuthError(ConnectorError):
    """The platform refused the credential: retrying cannot help, a person must fix the connection."""


class NotFound(ConnectorError):
    status = "not_found"


class Private(ConnectorError):
    status = "private"


class Retryable(ConnectorError):
    """Worth another attempt. `response` is kept so a body that stays broken can still be landed
    (and quarantined with its reason) rather than lost."""

    def __init__(self, message: str, wait: float = 0.0, rate_limited: bool = False,
                 response: httpx.Response | None = None):
        super().__init__(message)
        self.wait, self.rate_limited, self.response = wait, rate_limited, response


@dataclass(frozen=True)
class Credentials:
    """What a connector needs from its Airflow connection (conn_id is named in errors)."""

    conn_id: str
    base_url: str
    token: str = field(repr=False)
    login: str = ""                    # a client key, where the platform has one (TikTok)


@dataclass
class CallStats:
    """What it took: attempts, rate-limit waits and seconds slept, per scope (for ops outcomes)."""

    attempts: int = 0
    rate_limited: int = 0
    waited_s: float = 0.0


def _http_date(value: str | None) -> float | None:
    """Epoch seconds of an HTTP date (RFC 9110), or None when there is none or it does not parse."""
    try:
        when = email.utils.parsedate_to_datetime(value or "")
    except (TypeError, ValueError, IndexError):
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)).timestamp()


def retry_after(response: httpx.Response, now: Callable[[], float] = time.time) -> float:
    """Seconds the platform asks us to wait: Retry-After (seconds or an HTTP date), or X's
    x-rate-limit-reset (epoch seconds) when no requests remain; 0 when it says nothing. A point in
    time is measured from the server's Date header, the clock it was set by, so a skewed local
    clock neither cuts the wait short nor stretches it; `now()` only stands in when Date is absent."""
    server_now = _http_date(response.headers.get("date"))
    reference = server_now if server_now is not None else now()
    value = response.headers.get("retry-after")
    if value:
        if value.strip().isdigit():
            return float(value)
        until = _http_date(value)
        return max(0.0, until - reference) if until is not None else 0.0
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.isdigit() and response.headers.get("x-rate-limit-remaining") == "0":
        return max(0.0, int(reset) - reference)
    return 0.0


def body(response: httpx.Response) -> dict:
    """The response's JSON object, or {} when it is none (a truncated body is the Client's to retry)."""
    try:
        page = response.json()
    except ValueError:
        return {}
    return page if isinstance(page, dict) else {}


def describe(request: httpx.Request) -> dict:
    """A request as it may be landed and logged: path and parameters, never a secret."""
    params = {k: v for k, v in request.url.params.multi_items() if k not in SECRET_PARAMS}
    described = {"method": request.method, "path": request.url.path, "params": params}
    if request.headers.get("content-type") == "application/json":
        described["body"] = json.loads(request.content)          # a query (TikTok), never a credential
    return described


class Client:
    """One platform's HTTP client. `classify(response)` raises for anything but success.

    `clock` (epoch seconds) times each scope against `max_seconds` and stands in for the server's
    clock when a rate limit names a reset time without a Date header. `refused` keeps the
    AuthError that ended a scope, for the connector to raise once that scope's fetch is out."""

    def __init__(self, credentials: Credentials, classify: Callable[[httpx.Response, Credentials], None], *,
                 timeout: float = 30.0, attempts: int = 6, max_wait: float = 900.0,
                 max_pages: int = 500, max_seconds: float = 900.0, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None,
                 headers: dict | None = None):
        self.credentials, self.classify = credentials, classify
        self.attempts, self.max_wait, self.sleep = attempts, max_wait, sleep
        self.max_pages, self.max_seconds, self.clock = max_pages, float(max_seconds), clock
        self.http = httpx.Client(base_url=credentials.base_url, timeout=timeout, transport=transport,
                                 headers=headers or {}, follow_redirects=False)
        self.stats = CallStats()
        self.refused: AuthError | None = None
        self.new_scope()

    def new_scope(self) -> None:
        """Start counting a scope's requests and seconds against its caps."""
        self._scope_started, self._scope_requests = self.clock(), 0

    def close(self) -> None:
        self.http.close()

    def redact(self, body: bytes) -> bytes:
        """A body as it may be landed: Graph API paging links repeat the access token."""
        token = self.credentials.token
        if not token:
            return body
        for form in {token, quote(token, safe="")}:
            body = body.replace(form.encode(), b"REDACTED")
        return body

    def _wait(self, state: tenacity.RetryCallState) -> float:
        backoff = tenacity.wait_random_exponential(multiplier=1, max=min(60.0, self.max_wait))(state)
        exc = state.outcome.exception() if state.outcome else None
        asked = exc.wait if isinstance(exc, Retryable) else 0.0
        return min(self.max_wait, max(backoff, asked))

    def _before_sleep(self, state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception()
        seconds = state.next_action.sleep if state.next_action else 0.0
        self.stats.waited_s += seconds
        self.stats.rate_limited += bool(getattr(exc, "rate_limited", False))
        log.warning("%s: %s; retry %d in %.1f s", self.credentials.conn_id, exc, state.attempt_number, seconds)

    def redact_text(self, text: str) -> str:
        """An error message as it may be recorded: a platform's error text may echo the token."""
        return self.redact(text.encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")

    def _within_caps(self) -> None:
        """A server that keeps sending new cursors, or answers ever so slowly, must not hold the
        task: the scope stops, failed, keeping the pages it has."""
        if self._scope_requests >= self.max_pages:
            raise ConnectorError(f"stopped at the page cap: {self.max_pages} requests in this scope (max_pages)")
        elapsed = self.clock() - self._scope_started
        if elapsed >= self.max_seconds:
            raise ConnectorError(f"stopped at the time cap: {elapsed:.0f} s in this scope, the cap is "
                                 f"{self.max_seconds:.0f} s (max_seconds)")

    def request(self, method: str, path: str, **kwargs) -> tuple[httpx.Response, dict]:
        """The response and its JSON object once the connector calls it a success, after retries;
        or the error."""
        self._within_caps()
        self._scope_requests += 1
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type(Retryable), stop=tenacity.stop_after_attempt(self.attempts),
            wait=self._wait, sleep=self.sleep, before_sleep=self._before_sleep, reraise=True)
        return retrying(self._once, method, path, **kwargs)

    def _once(self, method: str, path: str, **kwargs) -> tuple[httpx.Response, dict]:
        self.stats.attempts += 1
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError as exc:           # timeouts, refused or dropped connections
            raise Retryable(f"{type(exc).__name__} on {path}") from None
        try:
            self.classify(response, self.credentials)
        except Retryable as exc:                      # wait at least what the platform asked for
            exc.wait = max(exc.wait, retry_after(response, self.clock))
            raise
        try:
            page = response.json()
        except ValueError:                            # a body cut short is worth another request
            raise Retryable(f"truncated or invalid JSON body ({len(response.content)} bytes)", response=response) from None
        if not isinstance(page, dict):
            raise ConnectorError(f"expected a JSON object, got {type(page).__name__}")
        return response, page


def default_classify(response: httpx.Response, credentials: Credentials, status: int | None = None) -> None:
    """The HTTP meaning every platform shares; connectors add their own error codes first. `status`
    is the error status an error body sent with HTTP 200 stands for: it means the same."""
    code = status or response.status_code
    said = f"HTTP {code}" if code == response.status_code else f"an error body sent with HTTP {response.status_code} ({code})"
    if code in (401, 403):
        raise AuthError(f"{credentials.conn_id}: the platform refused the credential ({said}); "
                        f"renew the token in the Airflow connection {credentials.conn_id!r}")
    if code == 404:
        raise NotFound(f"{said} for {response.request.url.path}")
    if code == 429:
        raise Retryable(f"{said} (rate limited)", rate_limited=True)
    if code >= 500:
        raise Retryable(said)
    if code >= 400:
        raise ConnectorError(f"{said} for {response.request.url.path}: {response.text[:200]}")


def utc(value: dt.datetime) -> str:
    """RFC 3339 in UTC with a Z, as X and YouTube take it."""
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
