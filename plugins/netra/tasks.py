"""The pipeline's task callables: Airflow's side of netra.steps. Each takes the run's Airflow
context (any mapping with the same keys works, so they run in tests without Airflow), resolves
the window in the one place that does it, runs its step, and fails at once, without retries, on
an error that waiting cannot cure."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping

from netra import audit, settings, steps, warehouse
from netra.extract.fetch import Batch
from netra.extract.http import AuthError
from netra.rules.datafile import RulesFileError
from netra.rules.election import ElectionFileError
from netra.upsert import HandOffError, TombstoneGuardError
from netra.window import Window, WindowError, resolve

# Not cured by waiting: no window on a manual run, a warehouse connection that cannot be read, an
# election or rules file that fails validation or changed since it was loaded, a credential the
# platform refuses; a stage that does not hold what ingest recorded, a window that would mark an
# implausible share of posts deleted; an audit trail that no longer verifies.
CONFIGURATION_ERRORS = (WindowError, warehouse.WarehouseConnectionError, ElectionFileError, RulesFileError,
                        AuthError, HandOffError, TombstoneGuardError, audit.TrailBroken)

log = logging.getLogger(__name__)


def fails_at_once(task: Callable) -> Callable:
    """Run `task`; a configuration error fails it at once, without the retries a passing fault
    deserves (under Airflow as AirflowFailException, elsewhere as itself)."""
    @functools.wraps(task)
    def run(*args, **kwargs):
        try:
            return task(*args, **kwargs)
        except CONFIGURATION_ERRORS as exc:
            try:
                from airflow.sdk.exceptions import AirflowFailException
            except ImportError:
                raise exc from None
            raise AirflowFailException(f"{type(exc).__name__}: {exc}") from exc
    return run


def window_of(context: Mapping) -> Window:
    return resolve(context.get("data_interval_start"), context.get("data_interval_end"), context.get("params"))


def run_of(context: Mapping) -> steps.Run:
    dag, window = context.get("dag"), window_of(context)
    return steps.Run(warehouse.engine(), window, run_id=context.get("run_id"),
                     dag_id=getattr(dag, "dag_id", None), params=context.get("params") or {})


@fails_at_once
def plan_run(context: Mapping) -> dict[str, list[dict]]:
    """The run's batches by lane."""
    return {lane: [b.as_dict() for b in batches] for lane, batches in steps.plan(run_of(context)).items()}


@fails_at_once
def ingest_shard(batches: list[Mapping], shard: int, shards: int, context: Mapping) -> list[dict]:
    """One shard of a lane: every `shards`-th of the lane's batches from the `shard`-th, ingested one
    after another. The first that fails fails the shard; a retry runs them all again, each
    idempotent for its window (a landing batch whose files did not change keeps its stage)."""
    run = run_of(context)
    return [steps.ingest(run, Batch.from_dict(b)) for b in batches[shard::shards]]


@fails_at_once
def window_step(name: str, context: Mapping) -> dict:
    """One of the steps that run once per window after ingest (netra.steps.WINDOW_STEPS)."""
    return steps.window_step(name, run_of(context))


@fails_at_once
def publish(context: Mapping) -> dict:
    """The Asset event's extra: it needs the window, not the warehouse."""
    return steps.publish(steps.Run(None, window_of(context)))


@fails_at_once
def escalate_overdue(context: Mapping) -> dict:
    """The case clock's day is the local day its interval ends on: deadlines whose last day was
    before it and are still unmet escalate."""
    from zoneinfo import ZoneInfo

    from netra.cases import escalation

    day = window_of(context).end.astimezone(ZoneInfo(settings.timezone())).date()
    engine = warehouse.engine()
    result = escalation.escalate(engine, day)
    log.info("case clock %s: %s deadlines escalated, %s superiors flagged", day, result["escalated"],
             result["superiors_flagged"])
    broken, head = audit.breach(engine), audit.head(engine)
    if broken is not None:
        raise audit.TrailBroken(f"the audit trail breaks at event {broken}")
    log.info("audit trail holds; its head is event %s, sha256 %s", *(head or (None, None)))
    return {**result, "audit_head": list(head) if head else None}


@fails_at_once
def write_reports(windows: list[Mapping]) -> list[str]:
    """The due windows' reports (their own, their weeks', the index) and the data dictionary page
    beside them, logged with the files written; with NETRA_DESK_URL, findings in a case link to
    the case's page on the desk."""
    from netra import dictionary
    from netra.reports import write

    engine, out, due = warehouse.engine(), settings.reports(), [Window.from_dict(w) for w in windows]
    paths = [*write.write_windows(engine, due, out, settings.timezone(), settings.desk_url(),
                                  settings.report_workers()),
             dictionary.write(engine, out / dictionary.PAGE)]
    log.info("report: %d windows (%s): %d files written to %s: %s", len(due), "; ".join(map(str, due)), len(paths),
             out, ", ".join(p.name for p in paths))
    return [str(p) for p in paths]
