"""Election files (include/rules/elections/*.yaml): periods, candidate pairs and their accounts.

Validated on load; an error names the file and the field that is wrong.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from netra.platforms import NAMES
from netra.rules.datafile import Strict, describe, parse

Platform = Literal[NAMES]


class ElectionFileError(ValueError):
    pass


def _in_order(r) -> None:
    if not (r.campaign[0] <= r.campaign[1] < r.quiet[0] <= r.quiet[1] < r.voting_day):
        raise ValueError("periods must be ordered: campaign, then quiet, then voting_day")


class Round(Strict):
    """A second round (run-off): its own campaign, quiet period and voting day, and the pairs in
    it (all pairs when not given)."""
    campaign: tuple[dt.date, dt.date]
    quiet: tuple[dt.date, dt.date]
    voting_day: dt.date
    pairs: list[int] = []

    @model_validator(mode="after")
    def _ordered(self):
        _in_order(self)
        return self


class Periods(Strict):
    """determination_day: candidates determined (anchors the incumbency window); results_day: the
    elected pair determined, which ends the post_election period (default: 30 days after the
    last voting day)."""
    determination_day: dt.date | None = None
    campaign: tuple[dt.date, dt.date]
    quiet: tuple[dt.date, dt.date]
    voting_day: dt.date
    second_round: Round | None = None
    results_day: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self):
        _in_order(self)
        if self.second_round and self.second_round.campaign[0] <= self.voting_day:
            raise ValueError("second_round must start after the first round's voting_day")
        if self.results_day and self.results_day <= self.last_voting_day:
            raise ValueError("results_day must come after the last voting day")
        return self

    @property
    def last_voting_day(self) -> dt.date:
        return self.second_round.voting_day if self.second_round else self.voting_day

    @property
    def end(self) -> dt.date:
        """The last day of the post_election period."""
        return self.results_day or self.last_voting_day + dt.timedelta(days=30)


class Info(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    region: str
    timezone: str
    periods: Periods

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (KeyError, ValueError) as exc:      # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"unknown IANA time zone {v!r}") from exc
        return v


class Person(Strict):
    """aliases: names people write for the person ("Pak Rizki", "Suardana"); nicknames: informal
    ones ("Bang Iki", "Mamo"), matched the same way; epithets: phrases that point at the person
    without naming them ("Pak Lurah", "si tukang janji"), which count only in a post about the
    election, like an alias made of common words."""
    name: str
    role: str
    aliases: list[str] = []
    nicknames: list[str] = []
    epithets: list[str] = []
    incumbent: bool = False


class CandidateAccount(Strict):
    platform: Platform
    handle: str = Field(min_length=1)
    id: str | None = None


class Candidate(Strict):
    """pair_name may end with the pair's acronym in brackets ("Maman-Rizal (MARI)"); acronyms
    lists more ("MaRi"). Acronyms made of the pair's first syllables ("Sufa") are derived too."""
    number: int = Field(gt=0)
    pair_name: str
    people: list[Person] = Field(min_length=1)
    acronyms: list[str] = []
    slogans: list[str] = []
    hashtags: list[str] = []
    accounts: list[CandidateAccount] = []

    @property
    def name(self) -> str:
        """The pair's name without a bracketed acronym."""
        return self.pair_name.split("(")[0].strip()

    @property
    def all_acronyms(self) -> list[str]:
        inside = self.pair_name.partition("(")[2].partition(")")[0].strip()
        return [*self.acronyms, *([inside] if inside else [])]

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, v: list[str]) -> list[str]:
        for tag in v:
            if not tag.startswith("#") or len(tag) < 2 or " " in tag:
                raise ValueError(f"hashtag {tag!r} must start with # and hold no spaces")
        return v


class Election(Strict):
    election: Info
    candidates: list[Candidate] = Field(min_length=1)
    sha256: str = ""

    @model_validator(mode="after")
    def _unique_numbers(self):
        numbers = [c.number for c in self.candidates]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"candidate numbers must be unique, got {numbers}")
        runoff = self.election.periods.second_round
        if runoff and not set(runoff.pairs) <= set(numbers):
            raise ValueError(f"periods.second_round.pairs {runoff.pairs} are not all candidate numbers {numbers}")
        return self

    @property
    def id(self) -> str:
        return self.election.id

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.election.timezone)

    def local_day(self, when: dt.datetime) -> dt.date:
        return when.astimezone(self.tz).date()

    def period_of(self, when: dt.datetime | dt.date) -> str:
        """Which period a moment (or a day) falls in, on the election's local calendar."""
        day = self.local_day(when) if isinstance(when, dt.datetime) else when
        p = self.election.periods
        for r in filter(None, (p, p.second_round)):
            if day == r.voting_day:
                return "voting_day"
            if r.quiet[0] <= day <= r.quiet[1]:
                return "quiet"
            if r.campaign[0] <= day <= r.campaign[1]:
                return "campaign"
        if p.second_round and p.voting_day < day < p.second_round.campaign[0]:
            return "between_rounds"
        if day > p.end:
            return "after_election"
        if day > p.last_voting_day:
            return "post_election"
        if p.determination_day and day < p.determination_day:
            return "pre_determination"
        return "pre_campaign"

    def incumbency_start(self, months_before: int) -> dt.date:
        """Start of the incumbency window: months before candidate determination (or, when the file
        gives no determination day, before the campaign). It runs until the last voting day."""
        p = self.election.periods
        anchor = p.determination_day or p.campaign[0]
        months = anchor.year * 12 + anchor.month - 1 - months_before
        year, month = divmod(months, 12)
        return dt.date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))

    def periods_of(self, when: dt.datetime | dt.date, months_before: int) -> frozenset[str]:
        """The period of a moment (or a day), plus "incumbency" when it falls in the incumbency window."""
        day = self.local_day(when) if isinstance(when, dt.datetime) else when
        found = {self.period_of(day)}
        if self.incumbency_start(months_before) <= day <= self.election.periods.last_voting_day:
            found.add("incumbency")
        return frozenset(found)

    def pairs_on(self, when: dt.datetime | dt.date) -> list[int]:
        """The pairs still in the race on a day: after the first round, those of the run-off."""
        day = self.local_day(when) if isinstance(when, dt.datetime) else when
        p = self.election.periods
        if p.second_round and p.second_round.pairs and day > p.voting_day:
            return sorted(p.second_round.pairs)
        return sorted(c.number for c in self.candidates)

    @property
    def incumbents(self) -> list[int]:
        return [c.number for c in self.candidates if any(p.incumbent for p in c.people)]


def load_election(path: str | Path) -> Election:
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = parse(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ElectionFileError(f"{path}: cannot read election file: {exc}") from exc
    if not isinstance(data, dict):
        raise ElectionFileError(f"{path}: an election file is a mapping with 'election' and 'candidates'")
    try:
        return Election.model_validate({**data, "sha256": hashlib.sha256(raw).hexdigest()})
    except ValidationError as exc:
        raise ElectionFileError(f"{path}: {describe(exc)}") from None
