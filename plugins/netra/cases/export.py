"""The export of decided cases for BKN's complaint system and BKPSDM's records (CSV and XLSX).

The columns, their headers and order, which states count as decided and which steps give the
recommendation date and the examining official are data (include/rules/cases/export.yaml),
checked on load against the fields known here and the workflow, so a region adapts the file.
Read through the caller's login, like the desk. CSV is UTF-8 with a byte-order mark so that
Excel reads it as such; dates are ISO (YYYY-MM-DD) in the election's zone, real dates in XLSX;
netra.exports writes both and neutralizes formula-like text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator, model_validator

from netra import exports, platforms, settings, warehouse
from netra.cases import workflow as workflows
from netra.rules.catalogue import load_catalogue
from netra.rules.datafile import RulesFileError, Strict, load_yaml


def _day(ts: dt.datetime | None, row) -> dt.date | None:
    return None if ts is None else ts.astimezone(ZoneInfo(row.timezone)).date()


def _unique(values) -> list:
    return list(dict.fromkeys(v for v in values or [] if v))


def _platform(name: str) -> str:
    return platforms.PLATFORMS[name].label if name in platforms.PLATFORMS else name


# What each field of the export file is, from a row of include/sql/export/decided.sql and the
# context (the catalogue's rules, the workflow's decision tracks).
FIELDS: dict[str, Callable] = {
    "case_id": lambda r, c: r.case_id,
    "nip": lambda r, c: r.nip,
    "name": lambda r, c: r.full_name or f"Akun {_platform(r.account_platform)} @{r.account_handle}",
    "position": lambda r, c: r.position,
    "opd": lambda r, c: r.opd_name,
    "status": lambda r, c: r.status or "akun resmi OPD",
    "election": lambda r, c: r.election_name,
    "violation_date": lambda r, c: _day(r.first_post_at, r),
    "discovered_date": lambda r, c: _day(r.discovered_at, r),
    "platforms": lambda r, c: [_platform(p) for p in _unique(r.platforms)],
    "permalinks": lambda r, c: _unique(r.permalinks),
    "rule_ids": lambda r, c: _unique(r.rule_ids),
    "legal_basis": lambda r, c: _unique(c["rules"][x].legal_basis if x in c["rules"] else None for x in r.rule_ids or []),
    "recommended_date": lambda r, c: _day(r.recommended_at, r),
    "decision_track": lambda r, c: c["tracks"].get(r.decision_track, r.decision_track),
    "decision": lambda r, c: r.outcome_label or r.decision_outcome,
    "measure": lambda r, c: r.measure,
    "decided_date": lambda r, c: _day(r.decided_at, r),
    "examiner": lambda r, c: r.examiner,
    "state": lambda r, c: r.state_label,
}


class Column(Strict):
    header: str = Field(min_length=1)
    field: str

    @field_validator("field")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in FIELDS:
            raise ValueError(f"no field {v!r}: one of {', '.join(FIELDS)}")
        return v


class ExportFile(Strict):
    version: int
    decided_states: list[str] = Field(min_length=1)
    recommendation_action: str
    examination_action: str
    csv_delimiter: Literal[",", ";", "\t"] = ","
    list_separator: str = Field(default="; ", min_length=1)
    columns: list[Column] = Field(min_length=1)

    @model_validator(mode="after")
    def _headers_once(self) -> ExportFile:
        headers = [c.header for c in self.columns]
        if len(set(headers)) != len(headers):
            raise ValueError("columns: a header is used twice")
        return self


def path() -> Path:
    return settings.rules_dir() / "cases" / "export.yaml"


def load(file: Path | None = None, flow: workflows.Workflow | None = None) -> ExportFile:
    """The export file, checked against the workflow: its states and actions must be there."""
    file = file or path()
    spec = load_yaml(file, ExportFile)
    flow = flow or workflows.load()[0]
    states, actions = {s.id for s in flow.states}, {t.action for t in flow.transitions}
    for name in spec.decided_states:
        if name not in states:
            raise RulesFileError(f"{file}: decided_states: the workflow has no state {name!r}")
    for key in ("recommendation_action", "examination_action"):
        if getattr(spec, key) not in actions:
            raise RulesFileError(f"{file}: {key}: the workflow has no action {getattr(spec, key)!r}")
    return spec


def rows(engine, spec: ExportFile, election_id: str | None = None) -> list[list]:
    """The header row, then one row of values per decided case."""
    flow, _ = workflows.load()
    context = {"rules": {r.id: r for r in load_catalogue(settings.rules_dir() / "catalogue.yaml").rules},
               "tracks": {k: t.label for k, t in flow.decisions.items()}}
    with engine.connect() as conn:
        found = warehouse.execute(conn, "export/decided", {
            "states": spec.decided_states, "election_id": election_id,
            "recommendation_action": spec.recommendation_action,
            "examination_action": spec.examination_action}).all()
    return [[c.header for c in spec.columns]] + [[FIELDS[c.field](r, context) for c in spec.columns] for r in found]


def decided(engine, fmt: str, election_id: str | None = None, spec: ExportFile | None = None) -> bytes:
    """The decided cases as `fmt` ("csv" or "xlsx")."""
    spec = spec or load()
    table = rows(engine, spec, election_id)
    return exports.write(table, fmt, "Kasus diputus", spec.csv_delimiter, spec.list_separator)
