"""The steps of a run, in order: the one statement of what a window goes through.

The DAG makes each step a task, `run_window` runs them all in this process (the benchmark and
the tests), and each step is a plain function of a `Run` that can be called on its own:

    plan → ingest (each batch of each lane) → upsert → link_cross_posts → judge → open_cases
      → refresh_marts → publish

Each logs at INFO what it did. Modules are imported inside the steps, so that a DAG file can read
the order without loading pandas or Great Expectations.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from netra import platforms
from netra.window import Window

log = logging.getLogger(__name__)

@dataclass
class Run:
    """One window's run: where the warehouse is, what to read, and who is running it."""

    engine: object
    window: Window
    source: object | None = None           # a netra.extract Source; the configured one when None
    run_id: str | None = None
    dag_id: str | None = None
    params: Mapping = field(default_factory=dict)
    elections_dir: Path | None = None      # the configured election files when None

    @property
    def ids(self) -> dict:
        return {"run_id": self.run_id, "dag_id": self.dag_id}


def configured_source():
    """The landing files, or the platform APIs when NETRA_SOURCE=api (captures and tips are
    always files)."""
    from netra import settings
    from netra.extract.landing import LandingSource

    landing = LandingSource(settings.landing(), settings.timezone())
    if settings.source() == "api":
        from netra.extract.api import ApiSource

        return ApiSource(landing, lookback=settings.api_lookback(), **settings.api_retry())
    return landing


def plan(run: Run) -> dict[str, list]:
    """The window's batches by ingest lane (each platform's account batches; intake files)."""
    from netra import plan as planning

    lanes = {lane: [] for lane in platforms.lanes()}
    for batch in planning.plan_batches(run.engine, run.window):
        lanes[platforms.INTAKE if batch.source == "intake" else batch.platform].append(batch)
    log.info("plan %s: %s", run.window, ", ".join(
        f"{lane} {len(b)} batches / {sum(len(x.accounts) for x in b)} accounts" for lane, b in lanes.items()))
    return lanes


def ingest(run: Run, batch) -> dict:
    """Extract one batch, land it in raw, normalize, validate, quarantine and stage it."""
    from netra import ingest as ingesting

    result = ingesting.ingest_batch(run.engine, run.source or configured_source(), batch, run.window, **run.ids,
                                    run_params=run.params)
    log.info("ingest %s %s: %s rows in from %s fetches, %s staged, %s quarantined%s", result.get("batch"),
             run.window, result.get("rows_in"), result.get("fetches"), result.get("rows_out"),
             result.get("quarantined"), " (unchanged since its last ingest: kept)" if result.get("unchanged") else "")
    return result


def upsert(run: Run) -> dict:
    """Deduplicate the window's staged rows into core: posts, versions, sightings, tombstones."""
    from netra import settings
    from netra import upsert as upserting

    share = run.params.get("max_tombstone_share")
    result = upserting.upsert_window(run.engine, run.window, **run.ids, max_tombstone_share=None if share is None else (
        float(share), settings.max_tombstone_share()[1]))
    log.info("upsert %s: %s rows in, %s posts (%s new), %s new versions, %s new sightings, %s duplicates, "
             "%s tombstoned", run.window, result.get("rows_in"), result.get("posts"), result.get("new_posts"),
             result.get("new_versions"), result.get("new_sightings"), result.get("duplicates"),
             result.get("tombstoned"))
    return result


def link_cross_posts(run: Run) -> dict:
    """Link one owner's posts carried to another platform (near-duplicates, not merged)."""
    from netra import crosspost

    links = crosspost.link_cross_posts(run.engine, run.window)
    log.info("link_cross_posts %s: %s cross-post links", run.window, links)
    return {"cross_post_links": links}


def judge(run: Run) -> dict:
    """Apply the neutrality rules to the window's post versions and load the findings."""
    from netra import judge as judging

    summary = judging.judge_window(run.engine, run.window, **run.ids, elections_dir=run.elections_dir)
    log.info("judge %s: %s findings from %s post versions, rule hits %s", run.window, summary["findings"],
             summary["versions"], dict(summary["by_rule"]))
    return {"versions": summary["versions"], "findings": summary["findings"], "by_rule": dict(summary["by_rule"])}


def open_cases(run: Run) -> dict:
    """Group new breach findings into cases for BKPSDM (one open case per employee or OPD account
    and election), starting each new case's legal clock."""
    from netra.cases import opening, store

    store.ensure_workflow(run.engine, opening.ACTOR)
    result = opening.open_cases(run.engine, run.window)
    log.info("open_cases %s: %s cases opened, %s findings attached to %s cases", run.window, result["opened"],
             result["findings_attached"], result["cases_with_new_findings"])
    return result


def refresh_marts(run: Run) -> dict:
    """Refresh the analysts' materialized views."""
    from netra import marts

    marts.refresh(run.engine)
    log.info("refresh_marts %s: done", run.window)
    return {}


def publish(run: Run) -> dict:
    """What the `netra_findings` Asset event carries: the window, for the report DAG."""
    log.info("publish %s", run.window)
    return {"window": run.window.as_dict()}


# The order of a run, each step named by its function: plan, ingest each batch, then once per
# window the STEPS; publish last, the only one the DAG gives an Asset.
STEPS: dict[str, Callable[[Run], dict]] = {s.__name__: s for s in (upsert, link_cross_posts, judge, open_cases,
                                                                    refresh_marts, publish)}
PLAN, INGEST, JUDGE, PUBLISH = plan.__name__, ingest.__name__, judge.__name__, publish.__name__
ORDER = (PLAN, INGEST, *STEPS)
WINDOW_STEPS = tuple(name for name in STEPS if name != PUBLISH)


def window_step(name: str, run: Run) -> dict:
    """One of the STEPS, skipped when this run may skip the window's steps (netra.unchanged: every
    batch kept, nothing written since the window's last complete run). The steps' transactions
    count their writes as the run's; the last of WINDOW_STEPS, run, takes the window's memo."""
    if name == PUBLISH:
        return publish(run)
    from netra import unchanged

    memo = unchanged.window_unchanged(run.engine, run.window, run.run_id, run.params, run.elections_dir)
    if memo is not None:
        log.info("%s %s: skipped, nothing changed since the window's run %s at %s", name, run.window,
                 memo["run_id"], memo["recorded_at"])
        return {"unchanged": True, "since_run": memo["run_id"]}
    if name == WINDOW_STEPS[0]:
        unchanged.begin(run.engine, run.window, run.run_id)
    with unchanged.counted_as(run.window, run.run_id):
        result = STEPS[name](run)
    if name == WINDOW_STEPS[-1]:
        taken = unchanged.record(run.engine, run.window, run.run_id, run.params, run.elections_dir)
        log.info("%s %s: %s", name, run.window, "memo taken: an unchanged rerun will skip" if taken else
                 "no memo taken (a write by someone else during the run, or one in flight): a rerun re-derives")
    return result


def run_window(run: Run, timed: Callable[[str], object] | None = None) -> dict[str, object]:
    """Every step of one window in this process, in ORDER; `timed(step)` may return a context
    manager that measures it (the benchmark's)."""
    import contextlib

    measure = timed or (lambda _step: contextlib.nullcontext())
    results: dict[str, object] = {}
    with measure(PLAN):
        lanes = plan(run)
    with measure(INGEST):
        results[INGEST] = [ingest(run, batch) for batches in lanes.values() for batch in batches]
    for name in (*WINDOW_STEPS, PUBLISH):
        with measure(name):
            results[name] = window_step(name, run)
    return results
