"""Rules data validation and the engine's guarantees, on the sample election."""
from __future__ import annotations

import pytest

from netra.findings import ruleset
from netra.rules.catalogue import RulesFileError, load_catalogue
from netra.rules.election import ElectionFileError, load_election
from netra.rules.textnorm import normalize
from tests.conftest import ROOT, SAMPLE_ELECTION


@pytest.fixture(scope="module")
def engine():
    return ruleset(SAMPLE_ELECTION).engine


def _hits(engine, text):
    return {(h.rule_id, tuple(h.candidate_numbers)) for h in engine.evaluate(text)}


@pytest.mark.parametrize("change, field", [
    (("number: 2", "number: dua"), "candidates.1.number"),
    (("timezone: Asia/Makassar", "timezone: Mars/Olympus"), "election.timezone"),
    (('"#SF02"', '"SF02"'), "candidates.1.hashtags"),
    (("voting_day: 2024-11-27", "voting_day: 2024-11-20"), "election.periods"),
    (("    pair_name: Nurul-Zain", "    pair_name: Nurul-Zain\n    slogan: typo"), "candidates.2.slogan"),
])
def test_election_errors_name_file_and_field(tmp_path, change, field):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE_ELECTION.read_text().replace(*change))
    with pytest.raises(ElectionFileError) as err:
        load_election(bad)
    assert str(bad) in str(err.value) and field in str(err.value)


def test_catalogue_errors_name_the_field(tmp_path):
    bad = tmp_path / "catalogue.yaml"
    bad.write_text((ROOT / "include/rules/catalogue.yaml").read_text().replace("version: 1\n    title: Uses a candidate's slogan",
                                                                              "version: 0\n    title: Uses a candidate's slogan"))
    with pytest.raises(RulesFileError, match=r"rules\.1\.version"):
        load_catalogue(bad)


def test_names_slogans_hashtags_and_ballot_calls(engine):
    assert _hits(engine, "Mari menangkan Bang Fauzan!") == {("NET-NAME", (2,))}
    assert _hits(engine, "Salam Segara Berkah dari Kota Lama") == {("NET-SLOGAN", (3,))}
    assert _hits(engine, "Pagi cerah #segaraharum") == {("NET-HASHTAG", (1,))}
    assert _hits(engine, "tgl 27 coblos yg no 3 yaa") == {("NET-BALLOT", (3,))}
    assert _hits(engine, "pokoknya coblos 0️⃣2️⃣") == {("NET-BALLOT", (2,))}


@pytest.mark.parametrize("text", [
    "Bu Yuniarti mengajar di SD 3",                     # "Bu Yuni" only at a word boundary
    "Pengumuman: antrean nomor 2 sampai 40",            # a queue number is no ballot call
    "Tata cara mencoblos: coblos satu kali pada gambar pasangan calon.",
    "KPU: 1. Rizki-Yuni, 2. Suardana-Fauzan, 3. Nurul-Zain. Jaga pilkada damai.",  # every pair: information
    "#SegaraHarumSekali bukan tagar kampanye",
])
def test_traps_stay_quiet(engine, text):
    assert engine.evaluate(text) == []


def test_evidence_offsets_point_into_the_original_text(engine):
    text = "Ｐａｋ Ｒｉｚｋｉ hebat, coblos nomor 1 ya"       # full-width letters fold to ASCII
    for hit in engine.evaluate(text):
        for ev in hit.evidence:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    norm = normalize("Fauzán\u200b!")
    assert norm.text == "fauzan!" and norm.span(0, 6) == (0, 6)
