"""What `make demo` prints at the end: what the warehouse holds now, and where to look further."""
from __future__ import annotations

from dataclasses import dataclass

from netra import settings
from netra.dev.demo.environment import desk_url, passwords_file, secrets


@dataclass
class Outcome:
    """What one `make demo` did, for its summary."""

    windows: int                # the campaign's daily windows
    ran: int                    # windows this invocation ran (or reran after a failure)
    succeeded: int
    failed: int
    backfill_seconds: float
    total_seconds: float
    unpaused: bool
    missing_reports: list[str]
    health: str                 # netra_health's verdict: "N readings, M over their threshold"
    executor: str = "netra.executor.WarmLocalExecutor"     # Airflow's [core] executor


def summary_text(engine, outcome: Outcome) -> str:
    """What the warehouse holds now, and where to look further. It names where the passwords are,
    never the passwords themselves: the summary ends up in terminals, CI logs and bug reports."""
    import sqlalchemy as sa

    with engine.connect() as conn:
        q = lambda s: conn.execute(sa.text(s)).all()  # noqa: E731
        posts = q("SELECT platform, count(*), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM core.post GROUP BY 1 ORDER BY 1")
        total = sum(r[1] for r in posts)
        rows_in = int(q("SELECT coalesce(sum(rows_in), 0) FROM ops.task_metric WHERE task_id = 'ingest'")[0][0])
        quarantine = q("SELECT r->>'check', count(*) FROM quarantine.record, jsonb_array_elements(reasons) r GROUP BY 1 ORDER BY 2 DESC")
        quarantined = q("SELECT count(*) FROM quarantine.record")[0][0]
        severity = q("SELECT owner_kind, coalesce(severity_discipline, '-'), count(*) FROM findings.finding GROUP BY 1, 2 ORDER BY 3 DESC")
        by_opd = q("SELECT coalesce(opd_name, 'unregistered account'), count(*) FROM mart.finding_list GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")
        opds = q("SELECT count(DISTINCT opd_code) FROM mart.finding_list WHERE opd_code IS NOT NULL")[0][0]
        links = q("SELECT count(*) FROM core.post_link")[0][0]
        versions = q("SELECT count(*) FROM (SELECT post_pk FROM core.post_version GROUP BY 1 HAVING count(*) > 1) v")[0][0]
        duplicates = int(q("SELECT coalesce(sum(duplicates), 0) FROM ops.task_metric WHERE task_id = 'upsert'")[0][0])
        cases = q("SELECT count(*) FROM cases.case")[0][0]
        overdue = q("SELECT count(DISTINCT case_id) FROM cases.deadline WHERE met_at IS NULL AND due_on < current_date")[0][0]
    o = outcome
    lines = ["", "=" * 78]
    if o.ran:
        lines.append(f"Netra demo: {o.ran} of the {o.windows} daily windows ran now ({o.succeeded} succeeded, "
                     f"{o.failed} failed); {o.windows - o.ran} had run before")
    else:
        lines.append(f"Netra demo: every one of the {o.windows} daily windows had already run, "
                     "so the warehouse is as it was")
    if o.ran == o.windows and not o.failed:
        lines.append(f"  wall time {o.total_seconds:.0f} s in all; backfill {o.backfill_seconds:.0f} s for {rows_in:,} "
                     f"collected rows = {rows_in / o.backfill_seconds:,.0f} rows/s "
                     f"({total / o.backfill_seconds:,.0f} distinct posts/s)")
    else:
        lines.append(f"  wall time {o.total_seconds:.0f} s")
    lines.append(f"  executor {o.executor}" + (": tasks through Redis to a Celery worker that consumes every queue, "
                                                 "log .netra/logs/celery-worker.log" if o.executor == "CeleryExecutor"
                                                 else ""))
    lines.append("\nPosts in core, per platform:")
    lines += [f"  {platform:<10} {n:>9,}   (tombstoned {deleted:,})" for platform, n, deleted in posts]
    lines.append(f"  {'total':<10} {total:>9,}   from {rows_in:,} collected rows; duplicate sightings {duplicates:,}; "
                 f"edited posts with more than one version {versions:,}; cross-post links {links:,}")
    lines.append(f"\nQuarantined rows: {quarantined:,}")
    lines += [f"  {check:<24} {n:>6,}" for check, n in quarantine]
    lines.append("\nFindings per owner and discipline-track severity:")
    lines += [f"  {owner:<14} {sev:<8} {n:>6,}" for owner, sev, n in severity]
    lines.append(f"\nFindings per OPD (top 10 of {opds}):")
    lines += [f"  {name:<52} {n:>5,}" for name, n in by_opd]
    lines.append(f"\nReports (daily and weekly, HTML and PDF, Bahasa Indonesia): {settings.reports() / 'index.html'}"
                 + (f"  (MISSING for {', '.join(o.missing_reports)})" if o.missing_reports else ""))
    lines.append(f"Health:      {settings.reports() / 'health.html'}  ({o.health})")
    lines.append("netra_pipeline: unpaused, its daily schedule is on" if o.unpaused else
                 "netra_pipeline: paused, so no daily run for today (make demo UNPAUSE=1 leaves it on)")
    lines.append(f"Airflow UI:  http://127.0.0.1:{secrets()['api_port']}   user admin, password in "
                 f"{passwords_file()}")
    lines.append(f"Case desk:   {desk_url()}   (Bahasa Indonesia) log in as pemantau (case officer) or atasan "
                 "(supervisor of one OPD)")
    lines.append(f"Cases:       {cases:,} opened from findings, {overdue:,} with an overdue deadline")
    lines.append('Warehouse:   psql "$(.venv/bin/netra db url)"; a login per role: pipeline (loader), pemantau, atasan, '
                 "analis (analyst: mart only), auditor, pemilik (owner)")
    lines.append("Passwords of all of these:  .venv/bin/netra demo credentials")
    lines.append("Stop everything this demo started:  make demo-stop")
    lines.append("=" * 78)
    return "\n".join(lines)
