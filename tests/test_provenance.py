"""What findings rely on is in the audit trail: the first window judged under a ruleset label
records what the label stands for (the hashes of the catalogue, lexicons and election file), once
per label, and findings carry that label."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import sqlalchemy as sa

from netra import settings
from netra.rules.ruleset import ruleset
from tests.conftest import SHORT_ELECTION
from tests.pipeline_helpers import load, run_window

pytestmark = pytest.mark.db
DAYS = (dt.date(2024, 11, 21), dt.date(2024, 11, 22))


def rows(engine, sql) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).all()


def test_a_ruleset_is_audited_once_per_label(engine, short_sample, tmp_path, monkeypatch):
    load(engine, short_sample[0], SHORT_ELECTION)
    for day in DAYS:
        run_window(engine, short_sample[0], day)
    run_window(engine, short_sample[0], DAYS[0])
    rs = ruleset(SHORT_ELECTION)
    events = rows(engine, "SELECT actor, subject, detail FROM audit.event WHERE kind = 'ruleset_load' ORDER BY event_id")
    assert [(e.actor, e.subject, e.detail) for e in events] == [("netra pipeline", f"ruleset:{rs.label}", rs.provenance())]
    assert set(events[0].detail["files"]) == {"catalogue.yaml", "lexicon/common_words.yaml", "lexicon/cues.yaml",
                                              "lexicon/morphology.yaml", "lexicon/news.yaml"}
    assert rows(engine, "SELECT DISTINCT ruleset_version FROM findings.finding") == [(rs.label,)]

    # The same checkout with one lexicon word more: another ruleset, recorded once more.
    home = tmp_path / "home"
    (home / "include").mkdir(parents=True)
    (home / "include" / "sql").symlink_to(settings.sql_dir())
    shutil.copytree(settings.rules_dir(), home / "include" / "rules")
    cues = home / "include" / "rules" / "lexicon" / "cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8").replace("vote: [coblos,", "vote: [coblos, cobloslah,"), encoding="utf-8")
    monkeypatch.setenv("NETRA_HOME", str(home))
    changed = ruleset(SHORT_ELECTION)
    assert changed.label != rs.label
    for _ in range(2):
        run_window(engine, short_sample[0], DAYS[1])
    events = rows(engine, "SELECT subject, detail->'files'->>'lexicon/cues.yaml' FROM audit.event "
                          "WHERE kind = 'ruleset_load' ORDER BY event_id")
    assert events == [(f"ruleset:{rs.label}", rs.provenance()["files"]["lexicon/cues.yaml"]),
                      (f"ruleset:{changed.label}", changed.provenance()["files"]["lexicon/cues.yaml"])]
    assert {r[0] for r in rows(engine, "SELECT DISTINCT ruleset_version FROM findings.finding")} == {rs.label, changed.label}
