"""Monthly partitions of the warehouse's large tables (migration 0009_partitions).

raw.payload, core.post, core.post_version, core.sighting, findings.finding and findings.rule_hit are
partitioned by month on their ids, whose high bits name a month: the month, in the city's zone, of
the window that lands a page, which its sightings and the posts it first shows inherit. A window's
month partitions, and the next month's, are made before it lands (ops.ensure_partitions, as their
owner, in a transaction of its own: making one locks the tables, so it never runs inside another
step's transaction); a month whose partitions could not be made yet goes to the default partition,
never refused.
"""
from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from netra import settings, warehouse
from netra.window import Window

log = logging.getLogger(__name__)


def month(window: Window) -> dt.date:
    """The month a window's new pages are filed in: that of its start, in the city's zone."""
    return window.start.astimezone(ZoneInfo(settings.timezone())).date().replace(day=1)


def ensure(engine, window: Window) -> list[str]:
    """Make the window's month partitions and the next month's where missing; the partitions made."""
    made = []
    with engine.begin() as conn:
        # Callers queue (the function alone would return at once while another makes them): a batch
        # that went on would land before they exist, in the default partitions, for good.
        warehouse.lock(conn, "netra.partitions")
        for m, parts, skipped in warehouse.execute(conn, "load/ensure_partitions", {"month": month(window)}):
            made += parts
            if skipped:
                log.warning("partitions for %s not made yet (its rows go to the default partitions "
                            "until they are): %s", m, skipped)
    if made:
        log.info("made partitions %s", ", ".join(made))
    return made
