"""The README's report screenshots, from the short fictional sample: a throwaway cluster, the
sample city generated (seed 11, 600 employees), its first campaign days run through the whole
pipeline, their reports written, and the daily report and the index shot in headless Chromium
(Debian's, as netra.dev.desk_screens drives it).

    python -m netra.dev.report_screens --out docs/img

writes report-daily.png and report-index.png (and keeps the reports with --keep DIR). The
election is tests/data/election-short.yaml unless --election names another file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from netra import registry, schema, settings, steps, warehouse
from netra.dev import desk_screens
from netra.dev.cluster import Cluster
from netra.dev.demo import environment
from netra.dev.sample import generate
from netra.extract.landing import LandingSource
from netra.reports import write
from netra.window import Window

SEED, EMPLOYEES = 11, 600
DAYS = (dt.date(2024, 11, 19), dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 11, 22))
DESK = "http://127.0.0.1:8080/desk/"


def reports(scratch: Path, election: Path, out: Path) -> float:
    """The sample's DAYS run and their reports written under `out`; seconds the last day's took."""
    cluster = Cluster(scratch / "pg")
    cluster.start()
    try:
        cluster.create_database("netra")
        url = warehouse.url_from_airflow_conn(cluster.dsn("netra"))
        schema.migrate(url)
        engine = warehouse.engine(url)
        generate(SEED, scratch / "sample", election, employees=EMPLOYEES)
        registry.load_registry(engine, scratch / "sample" / "registry", environment.pseudonym_key())
        os.environ.setdefault("AIRFLOW_CONN_NETRA_CONTACT_KEY", environment.contact_conn())   # tips' contacts
        registry.load_election_file(engine, election)
        tz = settings.timezone()
        source = LandingSource(scratch / "sample" / "landing", tz)
        seconds = 0.0
        for day in DAYS:
            window = Window(dt.datetime.combine(day, dt.time(), ZoneInfo(tz)),
                            dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), ZoneInfo(tz)))
            steps.run_window(steps.Run(engine, window, source, elections_dir=election.parent))
            started = time.perf_counter()
            write.write_windows(engine, [window], out, tz, DESK)
            seconds = time.perf_counter() - started
        engine.dispose()
        return seconds
    finally:
        cluster.destroy()


def shoot(reports_dir: Path, out: Path) -> list[Path]:
    daily, index = out / "report-daily.png", out / "report-index.png"
    with desk_screens.browser() as driver:
        driver.get((reports_dir / f"daily-{DAYS[-1].isoformat()}.html").as_uri())
        desk_screens.screenshot(driver, daily, max_height=1500)
        driver.get((reports_dir / "index.html").as_uri())
        desk_screens.screenshot(driver, index, max_height=700)
    return [daily, index]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, required=True, help="where report-daily.png and report-index.png go")
    p.add_argument("--election", type=Path, default=settings.home() / "tests" / "data" / "election-short.yaml")
    p.add_argument("--keep", type=Path, help="write the reports here (default: a temporary directory)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="netra-report-screens-") as tmp:
        scratch = Path(tmp)
        out = args.keep or scratch / "reports"
        seconds = reports(scratch, args.election.resolve(), out)
        print(f"last day's reports (daily, weekly, index) written in {seconds:.2f} s")
        for path in shoot(out, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
