"""Reading fields out of platform payloads while recording, not raising, what is wrong with them:
a row keeps every reason it fails for, so quarantine can show them all."""
from __future__ import annotations

import datetime as dt

UTC = dt.timezone.utc


class Fields:
    def __init__(self):
        self.problems: list[dict] = []

    def problem(self, check: str, detail: str) -> None:
        self.problems.append({"check": check, "detail": detail})

    def ident(self, value, name: str) -> str | None:
        if isinstance(value, bool) or value is None:
            self.problem(f"{name}_missing" if value is None else f"{name}_type",
                         f"{name} is missing" if value is None else f"{name} must be a string or integer")
            return None
        if isinstance(value, (str, int)):
            text = str(value).strip()
            if text:
                return text
            self.problem(f"{name}_missing", f"{name} is empty")
            return None
        self.problem(f"{name}_type", f"{name} must be a string or integer, got {type(value).__name__}")
        return None

    def optional_ident(self, value, name: str) -> str | None:
        return None if value in (None, "") else self.ident(value, name)

    def text(self, value, name: str) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self.problem(f"{name}_type", f"{name} must be text, got {type(value).__name__}")
        return ""

    def time(self, value, name: str) -> dt.datetime | None:
        if value is None or value == "":
            self.problem(f"{name}_missing", f"{name} is missing")
            return None
        try:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return dt.datetime.fromtimestamp(value, UTC)
            if isinstance(value, str):
                t = dt.datetime.fromisoformat(value)
                if t.tzinfo is None:
                    self.problem(f"{name}_offset", f"{name}={value!r} has no UTC offset")
                    return None
                return t.astimezone(UTC)
        except (ValueError, OverflowError, OSError):
            pass
        self.problem(f"{name}_format", f"{name}={str(value)[:80]!r} is not a timestamp")
        return None

    def count(self, value, name: str) -> int | None:
        if value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            self.problem(f"{name}_type", f"{name}={str(value)[:40]!r} is not a count")
            return None
