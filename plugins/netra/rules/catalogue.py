"""The rule catalogue (include/rules/catalogue.yaml) and cue lexicons (include/rules/lexicon/),
validated on load with errors that name the file and field."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from netra.rules.datafile import Strict, describe

OwnerKind = Literal["opd", "PNS", "PPPK", "PTT"]
Period = Literal["pre_campaign", "campaign", "quiet", "voting_day", "post_election"]


class RulesFileError(ValueError):
    pass


class Severity(Strict):
    ethics: str | None
    discipline: dict[OwnerKind, str]


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]+$")
    version: int = Field(ge=1)
    title: str
    act: str
    legal_basis: str
    applies_to: list[OwnerKind]
    periods: list[Period]
    severity: Severity
    params: dict = {}


class Catalogue(Strict):
    ruleset: str
    version: int = Field(ge=1)
    rules: list[Rule]

    @property
    def label(self) -> str:
        """The ruleset version findings record: catalogue version plus every rule's version."""
        return f"{self.ruleset}@{self.version}:" + ",".join(f"{r.id}.{r.version}" for r in self.rules)

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


class Lexicon(Strict):
    vote_verbs: list[str]
    ballot_words: list[str]
    number_words: dict[str, int]


def _load(path: Path, model):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise RulesFileError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        raise RulesFileError(f"{path}: {describe(exc)}") from None


def load_catalogue(path: Path) -> Catalogue:
    return _load(path, Catalogue)


def load_lexicon(path: Path) -> Lexicon:
    return _load(path, Lexicon)
