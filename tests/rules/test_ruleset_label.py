"""The ruleset label findings record: the catalogue's readable versions and a digest of every file
the ruleset was loaded from, so a changed lexicon word, rule parameter or election file is another
ruleset, and the same files are the same one wherever they lie."""
from __future__ import annotations

import hashlib
import re
import shutil

import pytest

from netra import settings
from netra.rules.ruleset import ruleset
from tests.conftest import SHORT_ELECTION

READABLE = re.compile(r"^netra-core@\d+:(NET-[A-Z]+\.\d+,)+NET-[A-Z]+\.\d+#[0-9a-f]{12}$")


@pytest.fixture
def rules(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(settings.rules_dir(), copy)
    return copy


def test_the_same_files_give_the_same_label_wherever_they_are(rules, tmp_path):
    label = ruleset(SHORT_ELECTION, rules).label
    assert READABLE.match(label)
    assert ruleset(SHORT_ELECTION).label == label
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(rules, elsewhere)
    assert ruleset(SHORT_ELECTION, elsewhere).label == label


@pytest.mark.parametrize("path, old, new", [
    ("lexicon/cues.yaml", "vote: [coblos,", "vote: [coblos, cobloslah,"),             # a lexicon word
    ("lexicon/news.yaml", "outlets:", "outlets:\n  - {name: Kabar Segara, domains: [kabarsegara.example], handles: [kabarsegara]}"),
    ("catalogue.yaml", "min_findings: 3", "min_findings: 4"),                         # a rule parameter
])
def test_a_changed_word_or_parameter_is_another_label(rules, path, old, new):
    before = ruleset(SHORT_ELECTION, rules)
    text = (rules / path).read_text(encoding="utf-8")
    assert old in text
    (rules / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    after = ruleset(SHORT_ELECTION, rules)
    assert after.label != before.label
    assert after.label.split("#")[0] == before.label.split("#")[0]         # same versions, other files
    assert after.provenance()["files"][path] == hashlib.sha256((rules / path).read_bytes()).hexdigest()
    assert {k: v for k, v in after.provenance()["files"].items() if k != path} == \
        {k: v for k, v in before.provenance()["files"].items() if k != path}


def test_another_election_file_is_another_label(tmp_path):
    changed = tmp_path / "e.yaml"
    changed.write_text(SHORT_ELECTION.read_text().replace("#NZ03", "#NZ03Menang"))
    a, b = ruleset(SHORT_ELECTION), ruleset(changed)
    assert a.label != b.label and a.files == b.files
    assert b.provenance()["election_sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()


def test_every_lexicon_file_is_covered(rules):
    names = [name for name, _ in ruleset(SHORT_ELECTION, rules).files]
    assert names == ["catalogue.yaml", *sorted(f"lexicon/{p.name}" for p in (rules / "lexicon").glob("*.yaml"))]
    assert len(names) == 5
