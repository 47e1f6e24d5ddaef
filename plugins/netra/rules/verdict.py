"""What the engine says of a post, kept apart from how it works it out: the pipeline
(netra.judge), `netra score` and the ruleset's judge read these and nothing else of it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    rule_id: str
    candidate_numbers: list[int]
    evidence: list[dict] = field(default_factory=list)
    stance: str | None = "support"


@dataclass
class Verdict:
    """What the text rules say of one post: the pairs it supports and attacks, and its own
    `stance` (support, oppose or mixed). `references` and
    `guards` explain it: every reference found (counted or not) and every guard that fired."""
    flagged: bool
    hits: list[Hit]
    supports: list[int]
    opposes: list[int]
    stance: str | None
    incumbent: list[dict]           # evidence of the incumbent being named, flagged or not
    references: list[dict] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)

    @property
    def candidate_numbers(self) -> list[int]:
        return sorted(set(self.supports) | set(self.opposes))
