"""The rule catalogue (include/rules/catalogue.yaml): what each rule detects, on what legal basis,
for whom, when, how severe, and with which switchable parameters. Validated on load.

A rule's `kind` says what its hits do: `detect` makes a finding, `escalate` marks an existing
finding for priority (quiet period, repeat offences), `review` asks a person to look without
calling it a breach (an official account featuring the incumbent in the incumbency window).
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from netra.rules.datafile import Strict, load_yaml

OwnerKind = Literal["opd", "PNS", "PPPK", "PTT"]
Period = Literal["pre_determination", "pre_campaign", "campaign", "quiet", "voting_day", "between_rounds",
                 "post_election", "after_election", "incumbency"]
Tier = Literal["ringan", "sedang", "berat"]

# The parameters each rule takes and their types: a catalogue may switch them, not invent them.
PARAMS: dict[str, dict[str, type]] = {
    "NET-NAME": {"ambiguous_alias_needs_context": bool, "neutral_context_clears": bool, "reporting_clears": bool,
                 "derive_aliases": bool},
    "NET-SLOGAN": {"ambiguous_slogan_needs_context": bool},
    "NET-HASHTAG": {"pair_and_slogan_hashtags": bool},
    "NET-BALLOT": {"zero_padded_number_alone": bool, "finger_emoji_needs_cue": bool},
    "NET-INTERACT": {"post_types": list},
    "NET-QUIET": {},
    "NET-REPEAT": {"min_findings": int, "within_days": int},
    "NET-INCUMBENT": {"months_before_determination": int},
}


class Severity(Strict):
    ethics: str | None = None
    discipline: dict[OwnerKind, Tier] = {}


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]+$")
    version: int = Field(ge=1)
    kind: Literal["detect", "escalate", "review"]
    title: str
    act: str
    legal_basis: str
    applies_to: list[OwnerKind] = Field(min_length=1)
    periods: list[Period] = Field(min_length=1)
    severity: Severity
    params: dict[str, bool | int | list[str]] = {}

    @model_validator(mode="after")
    def _known_params(self):
        if self.id not in PARAMS:
            raise ValueError(f"rule {self.id} is not implemented (known: {', '.join(PARAMS)})")
        want = PARAMS[self.id]
        if set(self.params) != set(want):
            raise ValueError(f"{self.id} takes exactly the params {sorted(want)}, got {sorted(self.params)}")
        for name, kind in want.items():
            if type(self.params[name]) is not kind:
                raise ValueError(f"{self.id} param {name} must be a {kind.__name__}")
        if self.kind == "detect" and set(self.severity.discipline) != set(self.applies_to):
            raise ValueError(f"{self.id}: severity.discipline needs a tier for each of {self.applies_to}")
        return self


class Stance(Strict):
    """How attacks are attributed: in a two-pair race, attacking one pair favours the other."""
    attack_in_two_pair_race_favours_other: bool


class Catalogue(Strict):
    ruleset: str
    version: int = Field(ge=1)
    stance: Stance
    rules: list[Rule]

    @model_validator(mode="after")
    def _every_rule_once(self):
        ids = [r.id for r in self.rules]
        if sorted(ids) != sorted(PARAMS):
            raise ValueError(f"the catalogue must define each rule once: {sorted(PARAMS)}, got {sorted(ids)}")
        return self

    @property
    def label(self) -> str:
        """The readable part of the ruleset version (netra.rules.ruleset.Ruleset.label): catalogue
        version plus every rule's version."""
        return f"{self.ruleset}@{self.version}:" + ",".join(f"{r.id}.{r.version}" for r in self.rules)

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def param(self, rule_id: str, name: str):
        return self.rule(rule_id).params[name]


def load_catalogue(path: Path) -> Catalogue:
    return load_yaml(path, Catalogue)
