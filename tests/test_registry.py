"""Registry and election loading on real PostgreSQL: validated, idempotent, history kept, what
findings refer to never deleted, every load audited with its files' hashes."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil

import pytest
import sqlalchemy as sa
import yaml

from netra import registry
from netra.registry import RegistryFileError
from tests.conftest import SAMPLE_ELECTION, SHORT_ELECTION
from tests.pipeline_helpers import KEY, digest

pytestmark = pytest.mark.db
TABLES = ["SELECT * FROM registry.opd", "SELECT employee_code, nip, status, supervisor_id FROM registry.employee",
          "SELECT * FROM registry.assignment", "SELECT platform, handle, owner_type, opd_id, employee_id FROM registry.account",
          "SELECT * FROM registry.candidate_pair", "SELECT * FROM registry.candidate_account"]


def test_reloading_changes_nothing(engine, short_sample):
    sample_dir, summary = short_sample
    counts = registry.load_registry(engine, sample_dir / "registry", KEY)
    registry.load_election_file(engine, SHORT_ELECTION)
    before = [digest(engine, q) for q in TABLES]
    assert registry.load_registry(engine, sample_dir / "registry", KEY) == counts
    registry.load_election_file(engine, SHORT_ELECTION)
    assert [digest(engine, q) for q in TABLES] == before
    assert counts["employee"] == summary["employees"] and counts["account"] == summary["accounts"]


def test_a_move_between_units_keeps_history(engine, short_sample, tmp_path):
    sample_dir, _ = short_sample
    registry.load_registry(engine, sample_dir / "registry", KEY)
    copy = tmp_path / "registry"
    shutil.copytree(sample_dir / "registry", copy)
    rows = list(csv.reader((copy / "assignment.csv").open()))
    header, body = rows[0], rows[1:]
    code = next(r[0] for r in body if r[3] == "" and sum(x[0] == r[0] for x in body) == 1)
    current = next(r for r in body if r[0] == code)
    other = next(r[1] for r in body if r[1] != current[1])
    body = [r for r in body if r[0] != code] + [[code, current[1], current[2], "2024-10-01"], [code, other, "2024-10-01", ""]]
    with (copy / "assignment.csv").open("w", newline="") as f:
        csv.writer(f).writerows([header] + body)
    registry.load_registry(engine, copy, KEY)
    with engine.connect() as conn:
        history = conn.execute(sa.text(
            "SELECT o.code, a.valid_from::text, a.valid_to::text FROM registry.assignment a JOIN registry.employee e USING (employee_id) "
            "JOIN registry.opd o USING (opd_id) WHERE e.employee_code = :c ORDER BY a.valid_from"), {"c": code}).all()
    assert [tuple(r) for r in history] == [(current[1], current[2], "2024-10-01"), (other, "2024-10-01", None)]


def test_overlapping_assignments_are_refused(engine, short_sample, tmp_path):
    sample_dir, _ = short_sample
    copy = tmp_path / "registry"
    shutil.copytree(sample_dir / "registry", copy)
    with (copy / "assignment.csv").open("a", newline="") as f:
        csv.writer(f).writerow(["E00050", "DINKES", "2020-01-01", ""])   # overlaps E00050's open assignment
    with pytest.raises(sa.exc.IntegrityError, match="assignment_employee_id"):
        registry.load_registry(engine, copy, KEY)


def test_a_bad_header_names_the_file(engine, tmp_path, short_sample):
    sample_dir, _ = short_sample
    copy = tmp_path / "registry"
    shutil.copytree(sample_dir / "registry", copy)
    (copy / "opd.csv").write_text("kode,nama\nX,Y\n")
    with pytest.raises(RegistryFileError, match="opd.csv: expected header"):
        registry.load_registry(engine, copy, KEY)


def test_a_changed_election_file_updates_its_candidates(engine, tmp_path):
    registry.load_election_file(engine, SAMPLE_ELECTION)
    changed = tmp_path / "e.yaml"
    changed.write_text(SAMPLE_ELECTION.read_text().replace("#NZ03", "#NZ03Menang"))
    registry.load_election_file(engine, changed)
    with engine.connect() as conn:
        tags = conn.execute(sa.text("SELECT hashtags FROM registry.candidate_pair WHERE number = 3")).scalar()
    assert "#NZ03Menang" in tags and "#NZ03" not in tags


def test_a_pair_the_file_drops_is_kept_marked_and_an_alias_changes(engine, tmp_path):
    """What findings and cases name stays: the pair, its people and accounts, out of the file."""
    registry.load_election_file(engine, SHORT_ELECTION)
    data = yaml.safe_load(SHORT_ELECTION.read_text())
    data["candidates"] = [c for c in data["candidates"] if c["number"] != 3]
    data["candidates"][0]["people"][0]["aliases"] = ["Lalu Rizki", "Pak Rizky"]
    changed = tmp_path / "e.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True))
    registry.load_election_file(engine, changed)

    def marks(table: str) -> dict:
        with engine.connect() as conn:
            return dict(conn.execute(sa.text(f"SELECT number, bool_and(in_file) FROM registry.{table} GROUP BY 1")).all())

    for table in ("candidate_pair", "candidate_person", "candidate_account"):
        assert marks(table) == {1: True, 2: True, 3: False}, table
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT aliases FROM registry.candidate_person WHERE number = 1 AND role = 'mayor'")
                            ).scalar() == ["Lalu Rizki", "Pak Rizky"]
    registry.load_election_file(engine, SHORT_ELECTION)               # back in the file
    for table in ("candidate_pair", "candidate_person", "candidate_account"):
        assert marks(table) == {1: True, 2: True, 3: True}, table
    with engine.connect() as conn:
        loads = conn.execute(sa.text("SELECT detail->>'sha256', detail->>'changed' FROM audit.event "
                                     "WHERE kind = 'election_load' ORDER BY event_id")).all()
    sha = [hashlib.sha256(f.read_bytes()).hexdigest() for f in (SHORT_ELECTION, changed, SHORT_ELECTION)]
    assert loads == [(h, "true") for h in sha]


def test_every_registry_load_is_audited_with_its_files_hashes(engine, short_sample):
    sample_dir, _ = short_sample
    counts = registry.load_registry(engine, sample_dir / "registry", KEY, actor="netra registry")
    registry.load_election_file(engine, SHORT_ELECTION)
    registry.load_election_file(engine, SHORT_ELECTION)
    with engine.connect() as conn:
        events = conn.execute(sa.text("SELECT actor, kind, subject, detail FROM audit.event "
                                      "WHERE kind IN ('registry_load', 'election_load') ORDER BY event_id")).all()
    assert [(e.actor, e.kind) for e in events] == [("netra registry", "registry_load"), ("netra pipeline", "election_load"),
                                                   ("netra pipeline", "election_load")]
    files = {filename: {"sha256": hashlib.sha256((sample_dir / "registry" / filename).read_bytes()).hexdigest(),
                        "rows": counts[name]} for name, (filename, _) in registry.FILES.items()}
    assert events[0].detail["files"] == files
    sha = hashlib.sha256(SHORT_ELECTION.read_bytes()).hexdigest()
    assert [(e.subject, e.detail["sha256"], e.detail["changed"]) for e in events[1:]] == \
        [("election:pilwalkot-puri-segara-2024-short", sha, True), ("election:pilwalkot-puri-segara-2024-short", sha, False)]


def test_a_run_off_and_the_results_day_are_kept_and_keep_the_election_active(engine):
    from netra import warehouse
    from tests.rules.test_real_talk import REAL_TALK

    registry.load_election_file(engine, REAL_TALK)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT runoff_campaign_start, runoff_voting_day, runoff_pairs, results_day "
                                   "FROM registry.election WHERE election_id = 'pilgub-rinjani-raya-2029'")).one()
        assert (str(row.runoff_campaign_start), str(row.runoff_voting_day), row.runoff_pairs, str(row.results_day)) == \
            ("2030-01-06", "2030-01-29", [1, 2], "2030-02-28")          # results_day defaults to 30 days after the last vote

        def active(day: str) -> bool:
            start = dt.datetime.fromisoformat(f"{day}T00:00:00+08:00")
            window = {"window_start": start, "window_end": start + dt.timedelta(days=1)}
            return "pilgub-rinjani-raya-2029" in [r[0] for r in warehouse.execute(conn, "rules/active_elections", window)]

        assert active("2029-12-20") and active("2030-01-29") and active("2030-02-28") and not active("2030-03-02")
