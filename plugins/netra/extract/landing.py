"""Landing files as a source: what a collector wrote to disk (in the layout of layout.py), read
back window by window."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from netra.extract import layout
from netra.extract.fetch import Batch, Fetch, Outcome
from netra.window import Window


class LandingError(RuntimeError):
    pass


class LandingSource:
    def __init__(self, root: Path, timezone: str):
        self.root, self.timezone = Path(root), timezone

    def replayable(self, batch: Batch) -> bool:
        """Files read back give the same fetches while they are the same (netra.unchanged)."""
        return True

    def fetches(self, batch: Batch, window: Window) -> Iterator[Fetch]:
        for day in window.days(self.timezone):
            if batch.source == "api":
                yield from self._api(batch, day)
            elif batch.source == "intake":
                yield from self._files(day, "capture", layout.captures(self.root, day))
                yield from self._files(day, "tips", [p for p in [layout.tips_file(self.root, day)] if p.exists()])
            else:
                raise LandingError(f"unknown source {batch.source!r} in batch {batch.key}")

    def _api(self, batch: Batch, day: dt.date) -> Iterator[Fetch]:
        directory = layout.api_folder(self.root, batch.platform, day)
        manifest = directory / layout.MANIFEST
        if not manifest.exists():
            return
        try:
            entries = layout.read_manifest(manifest, {a.lower() for a in batch.accounts})
        except (ValueError, KeyError) as exc:
            raise LandingError(f"{manifest}: unreadable manifest: {exc}") from exc
        for e in entries:
            problem, path = _landed_file(directory, e.file)
            if problem:                 # recorded as the fetch's outcome; nothing is read or landed
                yield Fetch(
                    fetch_id=e.fetch_id, source="api", platform=batch.platform, scope_kind=e.scope_kind,
                    scope_key=e.scope_key, account=e.account, account_platform_id=e.account_platform_id,
                    since=None, until=None, fetched_at=dt.datetime.fromisoformat(e.fetched_at), complete=False,
                    request={"endpoint": e.endpoint, "params": e.params, "file": str(e.file)},
                    outcome=Outcome("failed", error=f"{manifest.relative_to(self.root)}: {problem}"))
                continue
            body = path.read_bytes()
            yield Fetch(
                fetch_id=e.fetch_id, source="api", platform=batch.platform, scope_kind=e.scope_kind,
                scope_key=e.scope_key, account=e.account, account_platform_id=e.account_platform_id,
                since=dt.datetime.fromisoformat(e.since), until=dt.datetime.fromisoformat(e.until),
                fetched_at=dt.datetime.fromisoformat(e.fetched_at), complete=bool(e.complete),
                request={"endpoint": e.endpoint, "params": e.params, "file": f"{directory.relative_to(self.root)}/{e.file}"},
                pages=[line for line in body.split(b"\n") if line.strip()])

    def _files(self, day: dt.date, kind: str, files: list[Path]) -> Iterator[Fetch]:
        """A file is one fetch. A capture export is read CAPTURE_PAGE_LINES lines to a page, a
        page at a time (a province's monitor writes hundreds of megabytes a day); a tips file,
        whose rows need its header, is one page."""
        received = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), ZoneInfo(self.timezone))
        for path in files:
            for n, page in enumerate(_line_pages(path) if kind == "capture" else [path.read_bytes()]):
                yield Fetch(
                    fetch_id=f"{kind}:{day.isoformat()}:{path.stem}", source=kind, platform=None, scope_kind=kind,
                    scope_key=path.name, account=None, account_platform_id=None, since=None, until=None,
                    fetched_at=received, complete=True, request={"file": str(path.relative_to(self.root))},
                    pages=[page], first_page=n)


CAPTURE_PAGE_LINES = 5_000


def _line_pages(path: Path) -> Iterator[bytes]:
    """The file's bytes in pages of CAPTURE_PAGE_LINES lines, each ending where its last line
    does; an empty file is one empty page."""
    with path.open("rb") as f:
        lines, any_page = [], False
        for line in f:
            lines.append(line)
            if len(lines) == CAPTURE_PAGE_LINES:
                yield b"".join(lines)
                lines, any_page = [], True
        if lines or not any_page:
            yield b"".join(lines)


def _landed_file(directory: Path, name) -> tuple[str | None, Path | None]:
    """The page file a manifest entry names, or why it may not be read: a manifest names only
    files inside its own folder (no "../", no absolute path, no link that leads out)."""
    if not isinstance(name, str) or not name:
        return f"file {name!r} is not a file name", None
    folder = directory.resolve()
    path = (directory / name).resolve()
    if folder not in path.parents:
        return f"file {name!r} is outside the manifest's folder; not read", None
    if not path.is_file():
        return f"file {name!r} is not there", None
    return None, path
