"""TikTok Research API: an account's videos in the window.

POST /v2/research/video/query/ with the username and the window's UTC dates (day granularity,
both inclusive), paged with cursor, has_more and search_id. The token comes from the client
credentials grant (POST /v2/oauth/token/) and is renewed once when the API says it expired.
Connection `netra_tiktok`: login = client key, password = client secret; host = base URL
(default https://open.tiktokapis.com).
What it cannot do, and why: comments are not collected, because the Research API's comments carry
no commenter identity, so none could be tied to an employee (employees' TikTok comments arrive
through monitor captures); and an unknown username is indistinguishable from a quiet one (the
query returns no videos either way), so both are `fetched` with 0 items.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import httpx

from netra.extract.paging import Connector, Page, collect
from netra.extract.http import AuthError, Client, ConnectorError, Credentials, body, default_classify
from netra.extract.fetch import Fetch
from netra.window import Window

VIDEO_FIELDS = ("id,video_description,create_time,region_code,share_count,view_count,like_count,comment_count,"
                "username,hashtag_names")


# TikTok's error codes and the HTTP status each stands for (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling);
# every answer carries {"error": {"code"}}, "ok" on success, and an error may come with HTTP 200.
CODE_STATUS = {"access_token_invalid": 401, "scope_not_authorized": 401, "scope_permission_missed": 401,
               "rate_limit_exceeded": 429, "internal_error": 500, "invalid_params": 400}


def classify(response: httpx.Response, credentials: Credentials) -> None:
    error = body(response).get("error")
    code = error.get("code") if isinstance(error, dict) else None       # the token endpoint's error is a string
    failed = code not in (None, "ok")
    status = CODE_STATUS.get(code, max(response.status_code, 400)) if failed else response.status_code
    if status == 401:
        raise AuthError(f"{credentials.conn_id}: TikTok refused the token ({code or 'HTTP 401'}); check the client key "
                        f"and secret in the Airflow connection {credentials.conn_id!r}")
    if status == 429 or status >= 500:
        default_classify(response, credentials, status)
    if failed:
        raise ConnectorError(f"TikTok error {code}: {str(error.get('message'))[:200]}")
    default_classify(response, credentials)


class TikTokConnector(Connector):
    platform = "tiktok"

    def __init__(self, credentials: Credentials, *, now: Callable[[], dt.datetime] | None = None, **client_options):
        self.client = Client(credentials, classify, **client_options)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self._token: str | None = None

    def _authorize(self) -> None:
        creds = self.client.credentials
        _, body = self.client.request("POST", "/v2/oauth/token/", data={
            "client_key": creds.login, "client_secret": creds.token, "grant_type": "client_credentials"})
        self._token = body.get("access_token")
        if not self._token:
            raise AuthError(f"{creds.conn_id}: TikTok issued no access token; check the Airflow connection {creds.conn_id!r}")
        self.client.http.headers["Authorization"] = f"Bearer {self._token}"

    def _post(self, path: str, body: dict) -> tuple[httpx.Response, dict]:
        """One call; an expired token is renewed once, a refused renewal stops everything."""
        if self._token is None:
            self._authorize()
        try:
            return self.client.request("POST", path, params={"fields": VIDEO_FIELDS}, json=body)
        except AuthError:
            self._authorize()
            return self.client.request("POST", path, params={"fields": VIDEO_FIELDS}, json=body)

    def scopes(self, accounts: list[str], window: Window, ids: dict[str, str] | None = None) -> Iterator[Fetch]:
        for handle in accounts:
            yield self.videos(handle, window)

    def videos(self, handle: str, window: Window) -> Fetch:
        query = {"query": {"and": [{"operation": "EQ", "field_name": "username", "field_values": [handle]}]},
                 "start_date": window.start.strftime("%Y%m%d"),
                 "end_date": (window.end - dt.timedelta(microseconds=1)).strftime("%Y%m%d"), "max_count": 100}

        def request(cursor: tuple[int, str] | None) -> tuple[httpx.Response, dict]:
            extra = {"cursor": cursor[0], "search_id": cursor[1]} if cursor else {}
            return self._post("/v2/research/video/query/", {**query, **extra})

        def read(response: httpx.Response, page: dict) -> Page:
            data = page.get("data") or {}
            more = data.get("has_more") and data.get("cursor") is not None
            return Page(response.content, len(data.get("videos") or []),
                        (data["cursor"], data.get("search_id")) if more else None)

        return collect(self.client, platform="tiktok", scope_kind="timeline", scope_key=handle, account=handle,
                       account_id=None, window=window, read=read, request=request, now=self.now)
