"""The pipeline's task callables. Each takes the run's Airflow context (any mapping with the
same keys works, so they run in tests without Airflow), resolves the window in the one place
that does it, and delegates to the module that does the work."""
from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping

from netra import config, dedup, findings, ingest, paths, plan, report, upsert, warehouse
from netra.connectors.http import AuthError
from netra.rules.datafile import RulesFileError
from netra.rules.election import ElectionFileError
from netra.sources.base import API_PLATFORMS, Batch
from netra.sources.landing import LandingSource
from netra.upsert import HandOffError, TombstoneGuardError
from netra.window import Window, WindowError, resolve

# Not cured by waiting: no window on a manual run, an election or rules file that fails validation
# or changed since it was loaded, a credential the platform refuses; a stage that does not hold
# what ingest recorded, a window that would mark an implausible share of posts deleted.
CONFIGURATION_ERRORS = (WindowError, ElectionFileError, RulesFileError, AuthError, HandOffError, TombstoneGuardError)

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


def warehouse_url() -> str:
    """The `netra_warehouse` connection: environment, Airflow's metadata, else the embedded cluster."""
    if os.environ.get(warehouse.ENV_VAR):
        return warehouse.url_from_airflow_conn(os.environ[warehouse.ENV_VAR])
    try:
        from airflow.sdk import BaseHook

        return warehouse.url_from_airflow_conn(BaseHook.get_connection(warehouse.CONN_ID).get_uri())
    except Exception:  # no Airflow, or no such connection: the embedded default
        return warehouse.default_url()


def _ids(context: Mapping) -> dict:
    dag = context.get("dag")
    return {"run_id": context.get("run_id"), "dag_id": getattr(dag, "dag_id", None)}


def source():
    landing = LandingSource(paths.landing(), config.timezone())
    if config.source() == "api":
        from netra.connectors.source import ApiSource

        return ApiSource(landing, lookback=config.api_lookback(), **config.api_retry())
    return landing


@fails_at_once
def plan_batches(context: Mapping, platform: str) -> list[dict]:
    """One platform's batches ("intake": captures and tips), for that platform's mapped task."""
    if platform not in (*API_PLATFORMS, "intake"):
        raise ValueError(f"unknown platform {platform!r}")
    batches = [b.as_dict() for b in plan.plan_batches(warehouse.engine(warehouse_url()), window_of(context))
               if ("intake" if b.source == "intake" else b.platform) == platform]
    log.info("plan %s %s: %d batches, %d accounts", platform, window_of(context), len(batches),
             sum(len(b["accounts"]) for b in batches))
    return batches


@fails_at_once
def ingest_batch(batch: Mapping, context: Mapping) -> dict:
    result = ingest.ingest_batch(warehouse.engine(warehouse_url()), source(), Batch.from_dict(batch),
                                 window_of(context), **_ids(context))
    log.info("ingest %s %s: %s rows in from %s fetches, %s staged, %s quarantined", result.get("batch"),
             window_of(context), result.get("rows_in"), result.get("fetches"), result.get("rows_out"),
             result.get("quarantined"))
    return result


@fails_at_once
def upsert_window(context: Mapping) -> dict:
    window, engine = window_of(context), warehouse.engine(warehouse_url())
    share = (context.get("params") or {}).get("max_tombstone_share")
    result = upsert.upsert_window(engine, window, **_ids(context), max_tombstone_share=None if share is None else (
        float(share), config.max_tombstone_share()[1]))
    result["cross_post_links"] = dedup.link_cross_posts(engine, window)
    log.info("upsert %s: %s rows in, %s posts (%s new), %s new versions, %s new sightings, %s duplicates, "
             "%s tombstoned, %s cross-post links", window, result.get("rows_in"), result.get("posts"),
             result.get("new_posts"), result.get("new_versions"), result.get("new_sightings"),
             result.get("duplicates"), result.get("tombstoned"), result.get("cross_post_links"))
    return result


@fails_at_once
def findings_window(context: Mapping) -> dict:
    """Judge the window's post versions, load the findings, refresh the marts. The returned window
    goes to the report DAG in the Asset event's extra."""
    window, engine = window_of(context), warehouse.engine(warehouse_url())
    summary = findings.evaluate_window(engine, window, **_ids(context))
    findings.refresh_marts(engine)
    result = {"window": window.as_dict(), "findings": summary["findings"], "by_rule": summary["by_rule"]}
    log.info("findings %s: %s findings from %s post versions, rule hits %s", window, result.get("findings"),
             summary.get("versions"), result.get("by_rule"))
    return result


@fails_at_once
def write_reports(windows: list[Mapping]) -> list[str]:
    engine = warehouse.engine(warehouse_url())
    written = [str(report.write_daily(engine, Window.from_dict(w), paths.reports(), config.timezone())) for w in windows]
    log.info("report: %d daily summaries written to %s: %s", len(written), paths.reports(),
             ", ".join(os.path.basename(p) for p in written))
    return written
