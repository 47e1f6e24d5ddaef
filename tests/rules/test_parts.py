"""The pieces the engine leans on: hashtag word splits, affixed forms of cue verbs, the form of a
post (addressed handles, links, headlines), the lexicon files' validation, and election files."""
from __future__ import annotations

import shutil

import pytest
import yaml

from netra import settings
from netra.rules.datafile import RulesFileError
from netra.rules.election import ElectionFileError, load_election
from netra.rules.hashtags import split
from netra.rules.lexicon import dictionary, load_lexicon, word_list
from netra.rules.morphology import Morphology
from netra.rules.postform import NewsSites, PostForm
from tests.rules.test_real_talk import REAL_TALK

LEXICON = settings.rules_dir() / "lexicon"


def _words(body: str, extra=()) -> list[str]:
    known = set(word_list()) | dictionary() | set(extra)
    cuts, at, out = split(body, known.__contains__), 0, []
    for cut in cuts:
        out.append(body[at:cut])
        at = cut
    return out


@pytest.mark.parametrize("body, words", [
    ("tusuksuryorizal", ["tusuk", "suryo", "rizal"]),
    ("beranipilih02", ["berani", "pilih", "02"]),
    ("01suryolagi", ["01", "suryo", "lagi"]),
    ("asalbukansuryo", ["asal", "bukan", "suryo"]),
    ("suryopastitumbang", ["suryo", "pasti", "tumbang"]),
    ("xqzvwk", ["xqzvwk"]),                         # nothing known: one piece, no word found inside
])
def test_hashtags_split_into_the_fewest_known_words(body, words):
    assert _words(body, {"suryo", "rizal"}) == words


def test_affixed_forms_of_cue_verbs_stem_back_to_their_roots():
    """The generated standard forms are real Indonesian: PySastrawi's stemmer takes each back to
    its root. The colloquial ones (milih, nyoblos, ndukung) it does not know, so they are listed."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    morph = Morphology.model_validate(yaml.safe_load((LEXICON / "morphology.yaml").read_text()))
    stemmer = StemmerFactory().create_stemmer()
    for root in ("coblos", "pilih", "dukung", "sokong", "tipu"):
        forms = morph.forms(root)
        for form in (f for f in forms if f.startswith(("me", "di")) and not f.endswith(("in", "nya"))):
            assert stemmer.stem(form) == root, form
    assert {"milih", "nyoblos", "ndukung", "coblosin", "dipilihin"} <= morph.forms("pilih") | morph.forms("coblos") | \
        morph.forms("dukung")


def test_lexicon_cue_forms_leave_out_forms_that_are_other_words():
    lexicon = load_lexicon(LEXICON)
    vote = lexicon.cue_forms("vote")
    assert {"mencoblos", "memilih", "milih", "dukungan", "menyokong"} <= vote
    assert all(form == w or form not in dictionary() for w in lexicon.cues.vote for form in lexicon.morphology.forms(w)
               if form in vote and form != w)


NEWS = NewsSites(frozenset({"kompas.com", "tempo.co"}), frozenset({"kompascom"}), frozenset({"dlvr.it"}),
                 frozenset({"read", "berita"}))


@pytest.mark.parametrize("text, addressed", [
    ("@user @masuryo semoga sehat pak", ["@user", "@masuryo"]),                 # a reply's leading handles
    ("Gede omong minim kerja. cc @masuryo", ["@masuryo"]),                     # cc after the last sentence
    ("Sudah lapor ke @dinas_pu @masuryo", ["@dinas_pu", "@masuryo"]),          # a trailing run of handles
    ("Semakin mantap pilih @masuryo", []),                                     # one handle ending the sentence
    ("Jalan rusak lagi #banjir @masuryo https://x.example/1", ["@masuryo"]),     # after a hashtag, before a link
])
def test_handles_that_only_address(text, addressed):
    form = PostForm(text, NEWS)
    assert [text[s:e] for s, e in form.addressed] == addressed


@pytest.mark.parametrize("text, headline", [
    ("Suryo Janji Gratiskan Sekolah Jika Terpilih", True),
    ("TKD: Jika Menang, Koalisi Akan Bertahan https://t.co/x1", True),       # "Name: what they said"
    ("Pengumuman: Pak Suryo hadir di acara KPU", False),                     # "Pengumuman" is no one
    ("Suryo hadir di acara KPU hari ini bersama warga", False),
    ("Tim Suryo Kecamatan Ampenan, Merapat! 📣", False),                     # an exclamation and an emoji
    ("SURYO JANJI GRATISKAN SEKOLAH", False),                                # shouting
], ids=["title-case", "attribution", "notice", "sentence", "rally", "shouting"])
def test_headlines(text, headline):
    assert PostForm(text, NEWS, frozenset({"suryo", "pak"})).headline is headline


@pytest.mark.parametrize("text, news", [
    ("Baca https://nasional.kompas.com/read/2029/10/01/123/judul", True),     # an outlet's host and subdomains
    ("Baca http://dlvr.it/X1", True),                                          # a relay
    ("Baca https://kabarku.example/2029/10/suryo-resmikan-jembatan-baru-di-bima", True),   # a long slug
    ("Foto https://pic.example/abc", False),
    ("Suryo bicara pangan via @kompascom", True),
], ids=["outlet", "relay", "slug", "plain-link", "via"])
def test_news_links(text, news):
    assert PostForm(text, NEWS).news_link is news


def test_lexicon_files_that_fail_validation_name_file_and_field(tmp_path):
    shutil.copytree(LEXICON, tmp_path, dirs_exist_ok=True)
    morph = tmp_path / "morphology.yaml"
    morph.write_text(morph.read_text().replace("  p: [mem, 1]", "  p: [mem, 7]"))
    with pytest.raises(RulesFileError, match=r"morphology\.yaml: meN"):
        load_lexicon(tmp_path)
    shutil.copy(LEXICON / "morphology.yaml", morph)
    morph.write_text(morph.read_text().replace("classes: [vote, negative]", "classes: [vote, negatif]"))
    with pytest.raises(RulesFileError, match=r"morphology\.yaml: classes: \['negatif'\]"):
        load_lexicon(tmp_path)
    shutil.copy(LEXICON / "morphology.yaml", morph)
    news = tmp_path / "news.yaml"
    news.write_text(news.read_text().replace("domains: [detik.com]", "domains: [https://detik.com]"))
    with pytest.raises(RulesFileError, match=r"news\.yaml: outlets\.1\.domains"):
        load_lexicon(tmp_path)


@pytest.mark.parametrize("change, field", [
    (("      campaign: [2030-01-06, 2030-01-25]", "      campaign: [2029-11-20, 2030-01-25]"), "election.periods"),
    (("      pairs: [1, 2]", "      pairs: [1, 4]"), "second_round.pairs"),
    (("    determination_day: 2029-09-20", "    determination_day: 2029-09-20\n    results_day: 2030-01-01"),
     "election.periods"),
    (("        nicknames: [Mamo]", "        nickname: [Mamo]"), "candidates.0.people.0.nickname"),
])
def test_new_election_file_fields_are_validated(tmp_path, change, field):
    bad = tmp_path / "bad.yaml"
    assert change[0] in REAL_TALK.read_text()
    bad.write_text(REAL_TALK.read_text().replace(*change))
    with pytest.raises(ElectionFileError) as err:
        load_election(bad)
    assert field in str(err.value)


def test_a_bracketed_acronym_is_the_pairs_not_its_name():
    e = load_election(REAL_TALK)
    c = e.candidates[0].model_copy(update={"pair_name": "Maman-Rizal (MARI)"})
    assert c.name == "Maman-Rizal" and c.all_acronyms == ["MARI"]

