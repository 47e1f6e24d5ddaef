"""Airflow's side of retention (the netra_retention DAG): the run's day, the policy file, then a
dry run's plan or the removal. Takes the run's context like netra.tasks' callables, so it runs in
tests without Airflow."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from netra import retention, settings, warehouse
from netra.tasks import fails_at_once, window_of

log = logging.getLogger(__name__)


@fails_at_once
def run(context: Mapping) -> dict:
    """Retention for the local day the run's window ends on (its data interval, or a manual run's
    window_start/window_end params); with the param dry_run, only what would go."""
    day = window_of(context).end.astimezone(ZoneInfo(settings.timezone())).date()
    dry_run = bool((context.get("params") or {}).get("dry_run"))
    policy = retention.load()
    counts = (retention.plan if dry_run else retention.apply)(warehouse.engine(), policy, day)
    log.info("retention %s%s: %s", day, " (dry run: nothing removed)" if dry_run else "",
             ", ".join(f"{v} {k}" for k, v in counts.items()))
    return {"day": day.isoformat(), "dry_run": dry_run, "policy": policy.model_dump(), "counts": counts}
