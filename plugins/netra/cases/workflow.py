"""The case workflow as data (include/rules/cases/workflow.yaml): states, the transitions allowed
between them, the decisions a case may end with, and the deadlines of the legal clock.

Validated on load: a transition, a deadline or a decision that names what is not there is an
error naming the file and the field, never a workflow that quietly lets a case skip a step.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from netra import settings
from netra.rules.datafile import Strict, load_yaml

DISCOVERED = "discovered"      # a deadline may run from the case's first finding instead of a state


class State(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    description: str
    terminal: bool = False


class Transition(Strict):
    from_: str = Field(alias="from")
    to: str
    action: str = Field(pattern=r"^[a-z_]+$")
    label: str
    decision: bool = False          # the transition records a decision (track and outcome)
    roles: list[Literal["case_officer", "supervisor"]] = Field(min_length=1)   # who may take it


class Outcome(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    measure: bool = False           # the concrete measure must be written down too


class Track(Strict):
    label: str
    outcomes: list[Outcome] = Field(min_length=1)


class Deadline(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    from_: str = Field(alias="from")
    days: int = Field(gt=0)
    unit: Literal["calendar", "working"]
    until: str
    # Overdue while the case is in one of these states, the deadline flags the employee's direct
    # superior, who had to examine it (the regulation sanctions a superior who lets a breach lapse).
    flag_superior_in: list[str] = []


class Workflow(Strict):
    version: int
    states: list[State] = Field(min_length=2)
    transitions: list[Transition] = Field(min_length=1)
    decisions: dict[str, Track] = Field(min_length=1)
    deadlines: list[Deadline] = []

    @model_validator(mode="after")
    def _consistent(self) -> Workflow:
        ids = [s.id for s in self.states]
        if len(set(ids)) != len(ids):
            raise ValueError("states: an id is used twice")
        terminal = {s.id for s in self.states if s.terminal}
        pairs = [(t.from_, t.to) for t in self.transitions]
        if len(set(pairs)) != len(pairs):
            raise ValueError("transitions: a pair of states is listed twice")
        for i, t in enumerate(self.transitions):
            for end in (t.from_, t.to):
                if end not in ids:
                    raise ValueError(f"transitions.{i}: no state {end!r}")
            if t.from_ in terminal:
                raise ValueError(f"transitions.{i}: {t.from_!r} is terminal; nothing leaves it")
        reached = {ids[0]} | {t.to for t in self.transitions}
        if set(ids) - reached:
            raise ValueError(f"states: no transition reaches {sorted(set(ids) - reached)}")
        if not any(t.decision for t in self.transitions):
            raise ValueError("transitions: none records a decision")
        for i, d in enumerate(self.deadlines):
            if d.from_ != DISCOVERED and d.from_ not in ids:
                raise ValueError(f"deadlines.{i}.from: no state {d.from_!r} (or {DISCOVERED!r})")
            if d.until not in ids:
                raise ValueError(f"deadlines.{i}.until: no state {d.until!r}")
            for state in d.flag_superior_in:
                if state not in ids:
                    raise ValueError(f"deadlines.{i}.flag_superior_in: no state {state!r}")
        return self

    @property
    def first(self) -> str:
        """Where every case starts."""
        return self.states[0].id

    def transition(self, from_state: str, action: str) -> Transition:
        for t in self.transitions:
            if t.from_ == from_state and t.action == action:
                return t
        allowed = sorted(t.action for t in self.transitions if t.from_ == from_state)
        raise WorkflowError(f"a case in {from_state!r} cannot {action!r}: allowed {allowed or 'nothing'}")

    def outcome(self, track: str, outcome: str) -> Outcome:
        if track not in self.decisions:
            raise WorkflowError(f"no decision track {track!r}: one of {sorted(self.decisions)}")
        for o in self.decisions[track].outcomes:
            if o.id == outcome:
                return o
        raise WorkflowError(f"track {track!r} has no outcome {outcome!r}: one of "
                            f"{[o.id for o in self.decisions[track].outcomes]}")


class WorkflowError(ValueError):
    """An action the workflow does not allow, or a decision it does not know."""


def path() -> Path:
    return settings.rules_dir() / "cases" / "workflow.yaml"


def load(file: Path | None = None) -> tuple[Workflow, str]:
    """The workflow and the SHA-256 of its file (what the audit trail records)."""
    file = file or path()
    return load_yaml(file, Workflow), hashlib.sha256(file.read_bytes()).hexdigest()
