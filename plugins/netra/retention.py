"""Retention: personal data kept no longer than its purpose needs (UU 27/2022 PDP).

The periods are data (include/rules/retention.yaml). What goes, set-based in
include/sql/retention: the posts of employees' and unregistered accounts that never had a finding,
once last seen longer ago than the period (their versions, sightings and links with them), the
raw pages that show nothing else (the payload row stays, with its SHA-256 and size, as the record
that the page existed), the quarantined and staged copies of those; reporters' contacts of tips
once their case has been closed for its period (or, with no finding, once received that long
ago), and the tips files whose every tip has lost its contact. Never: OPD or candidates'
accounts, anything a finding, review or case refers to, the accounts of an open case, anything an
open hold names.

`plan` counts what would go and writes nothing; `apply` removes it in one transaction and records
the run in ops.retention_run, which the warehouse audits. Both select with the same files, so a
dry run reports what the run removes.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field

from netra import settings, warehouse
from netra.rules.datafile import Strict, load_yaml

log = logging.getLogger(__name__)

# What is removed, selected in this order (each selection reads the ones before it).
SELECT = ("retention/held", "retention/posts", "retention/tips", "retention/payloads")
# The statements that remove it, by the kind each one's row count is.
REMOVE = (("staged_rows", "retention/delete_staged"), ("quarantine_records", "retention/delete_quarantine"),
          ("posts", "retention/delete_posts"), ("tip_contacts", "retention/remove_contacts"),
          ("payloads", "retention/remove_payloads"))
# Under these locks nothing judges, upserts, opens cases, steps a case or places a hold meanwhile:
# a hold placed during a run waits for it, and comes after it in the audit trail.
LOCKS = ("netra.core", "netra.findings", "netra.audit")


class Policy(Strict):
    accounts_without_finding_days: int = Field(ge=1)
    contacts_after_case_closed_days: int = Field(ge=1)

    def cutoffs(self, today: dt.date, tz: str) -> dict[str, dt.datetime]:
        """The instants before which data has been kept long enough: local midnight, `days` before `today`."""
        zone = ZoneInfo(tz)
        return {"posts_before": dt.datetime.combine(today - dt.timedelta(days=self.accounts_without_finding_days),
                                                    dt.time(), zone),
                "contacts_before": dt.datetime.combine(today - dt.timedelta(days=self.contacts_after_case_closed_days),
                                                       dt.time(), zone)}


def path() -> Path:
    return settings.rules_dir() / "retention.yaml"


def load(file: Path | None = None) -> Policy:
    return load_yaml(file or path(), Policy)


def _select(conn, policy: Policy, today: dt.date) -> dict[str, int]:
    """Fill the transaction's temporary tables of what goes; its counts per kind."""
    params = policy.cutoffs(today, settings.timezone())
    for name in SELECT:
        warehouse.execute(conn, name, params)
    return dict(warehouse.execute(conn, "retention/counts").mappings().one())


def plan(engine, policy: Policy, today: dt.date) -> dict[str, int]:
    """What a run on `today` would remove, per kind; nothing is written."""
    with engine.connect() as conn:
        try:
            return _select(conn, policy, today)
        finally:
            conn.rollback()


def apply(engine, policy: Policy, today: dt.date) -> dict[str, int]:
    """Remove what the policy says has been kept long enough on `today`, in one transaction, and
    record the run (policy, cutoffs, counts) in ops.retention_run; the counts removed per kind."""
    tz = settings.timezone()
    with engine.begin() as conn:
        for phase in LOCKS:
            warehouse.lock(conn, phase)
        planned = _select(conn, policy, today)
        removed = dict(planned)          # accounts and bytes as selected; the rest as each statement removed them
        for kind, name in REMOVE:
            removed[kind] = warehouse.execute(conn, name).rowcount
        record = {**policy.model_dump(), "today": today.isoformat(), "timezone": tz,
                  **{k: v.isoformat() for k, v in policy.cutoffs(today, tz).items()}}
        run_id = warehouse.execute(conn, "retention/record_run", {
            "policy": json.dumps(record, sort_keys=True), "removed": json.dumps(removed, sort_keys=True)}).scalar_one()
    log.info("retention run %s for %s: %s", run_id, today, removed)
    return removed
