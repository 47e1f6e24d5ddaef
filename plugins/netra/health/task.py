"""Airflow's side of the health checks (the netra_health DAG): the run's time, the thresholds
file, every reading logged, the health page written, and one mail when any threshold is crossed.
Takes the run's context like netra.tasks' callables, so it runs in tests without Airflow."""
from __future__ import annotations

import logging
from collections.abc import Mapping

from netra import alerts, settings, warehouse
from netra.health import checks, page, thresholds
from netra.tasks import fails_at_once, window_of

log = logging.getLogger(__name__)


@fails_at_once
def run(context: Mapping) -> dict:
    """Judge the warehouse as of the end of the run's window (its data interval, or a manual run's
    window_start/window_end params); a thresholds file that fails validation fails at once."""
    as_of, zone = window_of(context).end, settings.timezone()
    limits = thresholds.load()
    engine = warehouse.engine()
    readings = checks.evaluate(engine, as_of, limits, zone)
    for r in readings:
        log.log(logging.WARNING if r.breached else logging.INFO, "health %s %s: %s (threshold: %s)%s",
                r.check.query, r.subject, checks.shown(r.value, r.check.unit), checks.limit(r),
                f"; {r.detail}" if r.detail else "")
    written = page.write(engine, readings, as_of, limits.period_hours, zone, settings.reports())
    breaches = [r for r in readings if r.breached]
    mailed = bool(breaches) and alerts.send(checks.alert(breaches, as_of, zone, str(written)))
    log.info("health as of %s: %d readings, %d over their threshold, %s; page %s", as_of.isoformat(), len(readings),
             len(breaches), "alert mailed" if mailed else "no alert mailed", written)
    return {"as_of": as_of.isoformat(), "readings": len(readings), "page": str(written), "mailed": mailed,
            "breaches": [f"{b.check.query} {b.subject}" for b in breaches]}
