"""The landing layout: where landed content lies under the landing root, and what a manifest says
of each fetch. Collectors (and `netra sample generate`) write it and `LandingSource` reads it, so
it is defined here once for both:
  api/<platform>/<YYYY-MM-DD>/manifest.json   the fetches made for that local day's window
  api/<platform>/<YYYY-MM-DD>/<file>.jsonl    one API response page per line, verbatim
  capture/<YYYY-MM-DD>/<monitor>.jsonl        monitor capture exports
  tips/<YYYY-MM-DD>.csv                       public tips
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path

MANIFEST = "manifest.json"


def api_folder(root: Path, platform: str, day: dt.date) -> Path:
    """One platform's fetches for one local day's window: the manifest and the page files it names."""
    return Path(root) / "api" / platform / day.isoformat()


def manifests(root: Path) -> list[tuple[str, dt.date, Path]]:
    """Every manifest under the root, in path order, with its platform and day."""
    return [(path.parent.parent.name, dt.date.fromisoformat(path.parent.name), path)
            for path in sorted((Path(root) / "api").glob(f"*/*/{MANIFEST}"))]


def capture_folder(root: Path, day: dt.date) -> Path:
    return Path(root) / "capture" / day.isoformat()


def capture_file(root: Path, day: dt.date, monitor: str) -> Path:
    return capture_folder(root, day) / f"{monitor}.jsonl"


def captures(root: Path, day: dt.date) -> list[Path]:
    """The day's capture exports, one per monitor, in name order."""
    return sorted(capture_folder(root, day).glob("*.jsonl"))


def tips_file(root: Path, day: dt.date) -> Path:
    return Path(root) / "tips" / f"{day.isoformat()}.csv"


@dataclass(frozen=True, kw_only=True)
class ManifestEntry:
    """One fetch as its manifest records it. Times stay ISO 8601 text, as landed: the reader parses
    them, `since` and `until` only for a fetch whose file it reads. Entries written before `pages`
    (or without the account's platform id) read the same; an entry without a field that has no
    default here is not an entry (KeyError)."""

    fetch_id: str
    file: str                          # a page file in the manifest's own folder (the reader checks)
    scope_kind: str                    # timeline | comments
    scope_key: str                     # the timeline's handle, or the commented post's id
    account: str                       # whose content: the timeline's owner or the post's author
    account_platform_id: str | None = None
    endpoint: str
    params: dict
    since: str | None = None
    until: str | None = None
    fetched_at: str
    complete: bool | None = None       # None reads as incomplete
    pages: int | None = None           # lines in the file

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, entry: dict) -> ManifestEntry:
        return cls(**{f.name: entry[f.name] for f in fields(cls) if f.name in entry or f.default is MISSING})


def write_manifest(root: Path, platform: str, day: dt.date, entries: list[ManifestEntry]) -> Path:
    path = api_folder(root, platform, day) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"platform": platform, "window_day": day.isoformat(),
                                "fetches": [e.to_json() for e in entries]}, indent=1), encoding="utf-8")
    return path


def read_manifest(path: Path, accounts: set[str] | None = None) -> list[ManifestEntry]:
    """The manifest's entries, or only those of `accounts` (handles in lower case; the others are
    not parsed). ValueError or KeyError when it cannot be read."""
    entries = json.loads(path.read_text(encoding="utf-8"))["fetches"]
    return [ManifestEntry.from_json(e) for e in entries if accounts is None or e["account"].lower() in accounts]
