"""The health checks' thresholds as data (include/rules/health.yaml), validated on load: a
threshold that cannot mean anything (a ratio above 1, a platform Netra does not know) stops the
run with the file and field named, rather than never alerting."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from netra import platforms, settings
from netra.rules.datafile import Strict, load_yaml

FILE = "health.yaml"

Hours = Field(gt=0)
Share = Field(gt=0, le=1)


class Freshness(Strict):
    max_age_hours: float = Hours
    platforms: dict[str, float] = {}
    account_max_age_hours: float = Hours

    @field_validator("platforms")
    @classmethod
    def _known(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(platforms.NAMES))
        if unknown:
            raise ValueError(f"unknown platform(s) {', '.join(unknown)}; known: {', '.join(platforms.NAMES)}")
        if any(hours <= 0 for hours in value.values()):
            raise ValueError("hours must be greater than 0")
        return value


class Volume(Strict):
    drop_ratio: float = Share
    min_median: float = Field(ge=0)
    min_baseline_days: int = Field(ge=1, le=7)


class Fetch(Strict):
    max_failed_share: float = Share
    min_fetches: int = Field(ge=0)
    account_statuses: tuple[Literal["private", "not_found", "deleted", "failed"], ...]


class Quarantine(Strict):
    max_rate: float = Share
    min_rows: int = Field(ge=0)


class DataQuality(Strict):
    max_failure_rate: float = Share


class Cases(Strict):
    due_within_working_days: int = Field(ge=0)


class Thresholds(Strict):
    period_hours: float = Hours
    freshness: Freshness
    volume: Volume
    fetch: Fetch
    quarantine: Quarantine
    data_quality: DataQuality
    cases: Cases


def load(file: Path | None = None) -> Thresholds:
    return load_yaml(file or settings.rules_dir() / FILE, Thresholds)
