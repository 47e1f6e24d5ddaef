"""Running the pipeline window by window in this process: every step of netra.steps, in its order."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from netra import registry, steps, warehouse
from netra.extract.landing import LandingSource
from netra.window import Window

TZ = ZoneInfo("Asia/Makassar")
ELECTIONS = Path(__file__).parent / "data"
# The pseudonym key of the tests' warehouses (fictional; a deployment's is in netra_pseudonym_key).
KEY = b"netra-tests-fictional-pseudonym-key-0001"


def day_window(day: dt.date) -> Window:
    return Window(dt.datetime.combine(day, dt.time(), TZ), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), TZ))


def load(engine, sample_dir, election_file, key: bytes = KEY) -> None:
    registry.load_registry(engine, sample_dir / "registry", key)
    registry.load_election_file(engine, election_file)


def run_window(engine, sample_dir, day: dt.date) -> dict:
    """Results by step name (`ingest`: one per batch)."""
    source = LandingSource(sample_dir / "landing", "Asia/Makassar")
    return steps.run_window(steps.Run(engine, day_window(day), source, elections_dir=ELECTIONS))


def digest(engine, query: str) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.text(
            f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ({query}) x")).scalar()


POSTS = ("SELECT platform, post_id, account_id, account_handle, created_at, post_type, parent_post_id, ref_post_id, "
         "ref_account, text, content_hash, first_seen_at, last_seen_at, deleted_at FROM core.post")
VERSIONS = ("SELECT p.platform, p.post_id, v.content_hash, v.first_seen_at, v.last_seen_at "
            "FROM core.post_version v JOIN core.post p USING (post_pk)")
SIGHTINGS = ("SELECT p.platform, p.post_id, f.fetch_id, r.page_no, s.item_no, s.seen_at FROM core.sighting s "
             "JOIN core.post p USING (post_pk) JOIN raw.payload r USING (payload_id) JOIN raw.fetch f USING (fetch_id)")
QUARANTINE = "SELECT f.fetch_id, r.page_no, q.item_no, q.stage, q.reasons FROM quarantine.record q " \
             "JOIN raw.payload r USING (payload_id) JOIN raw.fetch f USING (fetch_id)"
FINDINGS = ("SELECT p.platform, p.post_id, f.content_hash, f.candidate_numbers, f.stance, f.period, f.owner_kind, "
            "f.severity_discipline, h.rule_id, h.evidence FROM findings.finding f JOIN core.post p USING (post_pk) "
            "JOIN findings.rule_hit h USING (finding_id)")
# A link's two posts in the order of their natural keys (which is post_pk's depends on the run).
LINKS = ("SELECT least(a.platform || ' ' || a.post_id, b.platform || ' ' || b.post_id), "
         "greatest(a.platform || ' ' || a.post_id, b.platform || ' ' || b.post_id), l.kind, l.similarity "
         "FROM core.post_link l JOIN core.post a ON a.post_pk = l.post_pk JOIN core.post b ON b.post_pk = l.linked_post_pk")


def judged_template(new_db, sample_dir, election_file, days) -> str:
    """The name of a warehouse where `days` ran through the whole pipeline (cases opened); nobody
    connects to it afterwards, so tests can copy it."""
    url = new_db()
    engine = warehouse.engine(url)
    load(engine, sample_dir, election_file)
    for day in days:
        run_window(engine, sample_dir, day)
    engine.dispose()
    return sa.engine.make_url(url).database


@contextmanager
def copy_of(cluster, template: str, prefix: str) -> Iterator[str]:
    """A copy of the template database for one test, its URL; dropped afterwards."""
    import psycopg2

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(cluster.dsn("postgres"))
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = warehouse.url_from_airflow_conn(cluster.dsn(name))
        yield url
        warehouse._engine(url).dispose()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.close()
