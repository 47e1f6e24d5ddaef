"""Fake platform APIs that answer the connectors from a landing directory (`make demo SOURCE=api`).

The demo's sample campaign exists as landing files: API pages per platform, day and scope. This
server plays the five APIs over them, the way the real ones behave for the requests the
connectors make, so the pipeline can run through real HTTP, retries and paging offline:
* a timeline for the window ending on local day D is day D's landing pages (which, like a
  connector with its lookback, cover D-1 and D);
* comments, a YouTube channel's uploads and videos.list answer with everything the sample ever
  showed for that post or channel (newest version), as a live API would;
* paging is served a page at a time with the platform's own cursor fields;
* every request must carry the token; a wrong one gets the platform's 401.
The fake lives in `sample` because it serves fictional data; tests use pytest-httpserver instead.
"""
from __future__ import annotations

import datetime as dt
import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

from netra.extract import layout

PAGE = 25


def _key(platform: str, item) -> str | None:
    """The id an item is merged under; None for the sample's deliberately malformed items, which a
    merged, live view cannot place (the landing source still delivers them, to be quarantined)."""
    if not isinstance(item, dict):
        return None
    key = item.get("id") if platform != "youtube" or item.get("id") else \
        ((item.get("snippet") or {}).get("topLevelComment") or {}).get("id")
    return str(key) if isinstance(key, (str, int)) and not isinstance(key, bool) else None


def _page(line: bytes) -> dict | bytes:
    """A landed page: its JSON, or its bytes when the sample recorded a broken body on purpose."""
    try:
        page = json.loads(line)
        return page if isinstance(page, dict) else line
    except ValueError:
        return line


class SampleApi:
    def __init__(self, landing: Path, timezone: str, token: str, base_url: str = ""):
        self.tz, self.token, self.base_url = ZoneInfo(timezone), token, base_url
        self.timelines: dict[tuple[str, str, dt.date], list[dict]] = {}
        self.comments: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
        self.videos: dict[str, dict[str, dict]] = defaultdict(dict)        # channel id -> video id -> video
        self.ids: dict[tuple[str, str], str] = {}
        self.handles: dict[tuple[str, str], str] = {}
        for platform, day, manifest in layout.manifests(landing):
            for e in layout.read_manifest(manifest):
                pages = [_page(line) for line in (manifest.parent / e.file).read_bytes().splitlines() if line.strip()]
                handle = e.account.lower()
                if e.account_platform_id:
                    self.ids[(platform, handle)] = e.account_platform_id
                    self.handles[(platform, e.account_platform_id)] = handle
                if e.scope_kind == "timeline":
                    self.timelines[(platform, handle, day)] = pages
                    if platform == "youtube":
                        for page in pages:
                            if isinstance(page, dict):
                                self.videos[e.account_platform_id].update(
                                    {k: v for v in page.get("items", []) if (k := _key(platform, v))})
                else:
                    items = [i for page in pages if isinstance(page, dict) for i in self._items(platform, page)]
                    self.comments[(platform, e.scope_key)].update({k: i for i in items if (k := _key(platform, i))})

    @staticmethod
    def _items(platform: str, page: dict) -> list:
        return page.get("items" if platform == "youtube" else "data") or []

    def _day(self, end: dt.datetime) -> dt.date:
        return (end - dt.timedelta(microseconds=1)).astimezone(self.tz).date()

    # -- the request router ------------------------------------------------------------------
    def answer(self, method: str, path: str, query: dict[str, str], body: dict,
               authorization: str) -> tuple[int, dict | bytes]:
        if path == "/v2/oauth/token/":
            ok = query.get("client_secret") == self.token
            return (200, {"access_token": self.token, "expires_in": 7200, "token_type": "Bearer"}) if ok else \
                (401, {"error": "invalid_client", "error_description": "Client key or secret is incorrect."})
        token = query.get("access_token") or query.get("key") or authorization.removeprefix("Bearer ").strip()
        if token != self.token:
            return 401, {"error": {"code": 190, "message": "Invalid token", "type": "OAuthException"}}
        parts = [p for p in path.split("/") if p]
        if parts[:2] == ["2", "users"]:
            return self._x(parts, query)
        if parts[:2] == ["youtube", "v3"]:
            return self._youtube(parts[2], query)
        if parts[:3] == ["v2", "research", "video"]:
            return self._tiktok(body)
        if len(parts) == 3 and parts[0].startswith("v"):
            return self._graph(parts[1], parts[2], path, query)
        return 404, {"error": {"message": f"no such endpoint {path}"}}

    def _x(self, parts: list[str], query: dict) -> tuple[int, dict]:
        if parts[2:4] == ["by", "username"]:
            handle = parts[4].lower()
            if not any(k[0] == "x" and k[1] == handle for k in self.timelines):
                return 200, {"errors": [{"detail": f"Could not find user with username: [{parts[4]}].",
                                         "title": "Not Found Error",
                                         "type": "https://api.twitter.com/2/problems/resource-not-found"}]}
            return 200, {"data": {"id": self.ids.get(("x", handle), handle), "username": parts[4]}}
        handle = self.handles.get(("x", parts[2]), parts[2])
        pages = self.timelines.get(("x", handle, self._day(dt.datetime.fromisoformat(query["end_time"].replace("Z", "+00:00")))), [])
        k = int(query.get("pagination_token") or 0)
        if k >= len(pages):
            return 200, {"meta": {"result_count": 0}}
        if isinstance(pages[k], bytes):
            return 200, pages[k]                # a broken body, served as the sample recorded it
        page = json.loads(json.dumps(pages[k]))
        meta = page.setdefault("meta", {})
        meta.pop("next_token", None)
        if k + 1 < len(pages):
            meta["next_token"] = str(k + 1)
        return 200, page

    def _graph(self, node: str, edge: str, path: str, query: dict) -> tuple[int, dict]:
        if edge in ("posts", "media"):
            platform = "facebook" if edge == "posts" else "instagram"
            handle = self.handles.get((platform, node), node.lower())
            until = dt.datetime.fromtimestamp(int(query["until"]), dt.timezone.utc)
            pages = self.timelines.get((platform, handle, self._day(until)), [])
            broken = next((p for p in pages if isinstance(p, bytes)), None)
            if broken is not None and not query.get("after"):
                return 200, broken
            items = [i for page in pages if isinstance(page, dict) for i in page.get("data", [])]
            if not items and not any(k[0] == platform and k[1] == handle for k in self.timelines):
                return 400, {"error": {"message": f"Unsupported get request. Object with ID '{node}' does not exist",
                                       "type": "GraphMethodException", "code": 100, "error_subcode": 33}}
        else:
            key = next(((p, node) for p in ("facebook", "instagram") if (p, node) in self.comments), None)
            items = sorted(self.comments[key].values(), key=lambda c: c.get("created_time") or c.get("timestamp") or "") \
                if key else []
        k = int(query.get("after") or 0)
        page = {"data": items[k:k + PAGE], "paging": {"cursors": {"before": str(k), "after": str(k + PAGE)}}}
        if k + PAGE < len(items):
            page["paging"]["next"] = f"{self.base_url}{path}?" + urlencode({**query, "after": k + PAGE})
        return 200, page

    def _youtube(self, method: str, query: dict) -> tuple[int, dict]:
        if method == "channels":
            channel = query.get("id") or self.ids.get(("youtube", query.get("forHandle", "").lstrip("@").lower()))
            items = [{"kind": "youtube#channel", "id": channel, "contentDetails": {
                "relatedPlaylists": {"uploads": "UU" + channel[2:]}}}] if channel else []
            return 200, {"kind": "youtube#channelListResponse", "items": items}
        if method == "playlistItems":
            channel = "UC" + query["playlistId"][2:]
            videos = sorted(self.videos.get(channel, {}).values(), key=lambda v: v["snippet"]["publishedAt"], reverse=True)
            k = int(query.get("pageToken") or 0)
            page = {"kind": "youtube#playlistItemListResponse", "items": [
                {"kind": "youtube#playlistItem", "contentDetails": {"videoId": v["id"],
                 "videoPublishedAt": v["snippet"]["publishedAt"]}} for v in videos[k:k + 50]]}
            if k + 50 < len(videos):
                page["nextPageToken"] = str(k + 50)
            return 200, page
        if method == "videos":
            wanted = query.get("id", "").split(",")
            found = {vid: v for vids in self.videos.values() for vid, v in vids.items() if vid in wanted}
            return 200, {"kind": "youtube#videoListResponse", "items": [found[v] for v in wanted if v in found]}
        if method == "commentThreads":
            threads = sorted(self.comments.get(("youtube", query["videoId"]), {}).values(),
                             key=lambda t: t["snippet"]["topLevelComment"]["snippet"]["publishedAt"])
            k = int(query.get("pageToken") or 0)
            page = {"kind": "youtube#commentThreadListResponse", "items": threads[k:k + PAGE]}
            if k + PAGE < len(threads):
                page["nextPageToken"] = str(k + PAGE)
            return 200, page
        return 404, {"error": {"code": 404, "errors": [{"reason": "notFound"}]}}

    def _tiktok(self, body: dict) -> tuple[int, dict]:
        handle = body["query"]["and"][0]["field_values"][0].lower()
        day = dt.datetime.strptime(body["end_date"], "%Y%m%d").date()
        pages = self.timelines.get(("tiktok", handle, day), [])
        k = int(body.get("cursor") or 0)
        if k >= len(pages):
            return 200, {"data": {"videos": [], "cursor": k, "has_more": False, "search_id": "s"}, "error": {"code": "ok"}}
        if isinstance(pages[k], bytes):
            return 200, pages[k]
        page = json.loads(json.dumps(pages[k]))
        page["data"].update(cursor=k + 1, has_more=k + 1 < len(pages), search_id="s")
        return 200, page


def serve(api: SampleApi, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start the server in a daemon thread; its address is server.server_address."""
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            body: dict = {}
            if raw and "json" in (self.headers.get("content-type") or ""):
                body = json.loads(raw)
            elif raw:
                query.update({k: v[-1] for k, v in parse_qs(raw.decode()).items()})
            status, payload = api.answer(method, url.path, query, body, self.headers.get("authorization") or "")
            data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802 (http.server's naming)
            self._reply("GET")

        def do_POST(self):  # noqa: N802
            self._reply("POST")

        def log_message(self, *args):   # quiet: the pipeline logs its own requests
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    api.base_url = f"http://{host}:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
