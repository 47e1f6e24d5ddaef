"""The rules on the way people really write about candidates, one phenomenon at a time.

Every post here is written for this test (none is copied from a labelled set); the election is
fictional (tests/data/election-real-talk.yaml): 1 Maman-Rizal ("Suryo", a name frequent enough
that frequency alone would call it a word; acronym MaRi; nickname Mamo; epithet Pak Lurah;
account @masuryo), 2 Fauzi-Nanda (Ardiansyah), 3 Baskara-Tegar ("Tegar", a dictionary word), and
a run-off between 1 and 2.
"""
from __future__ import annotations

import datetime as dt

import pytest

from netra.rules.lexicon import zipf
from netra.rules.patterns import acronyms
from netra.rules.ruleset import judge, ruleset
from tests.conftest import ROOT

REAL_TALK = ROOT / "tests" / "data" / "election-real-talk.yaml"
WITA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def rs():
    return ruleset(REAL_TALK)


def _flag(rs, text, shared_from=None):
    v = rs.engine.evaluate(text, shared_from)
    return (v.candidate_numbers, v.stance) if v and v.flagged else None


def _guards(rs, text, shared_from=None) -> list[str]:
    v = rs.engine.evaluate(text, shared_from)
    assert v is not None and not v.flagged, v
    return v.guards


def test_a_candidates_own_name_is_not_demoted_by_word_frequency(rs):
    """Famous candidates' names are frequent words because of the candidate; only a name that is
    also a dictionary word ("tegar": steadfast) or a common given name needs context."""
    assert zipf("suryo") >= rs.engine.lexicon.common.frequent_zipf
    assert _flag(rs, "Suryo memang paling peduli rakyat kecil") == ([1], "support")
    assert "needs context: 'tegar'" in _guards(rs, "Tetap tegar menghadapi cobaan ya bu")
    assert _flag(rs, "Tegar pilihan rakyat, coblos!") == ([3], "support")


@pytest.mark.parametrize("text, expected", [
    ("Lihat saja nanti #SuryoPastiTumbang", ([1], "oppose")),     # a name inside a hashtag, and its stance
    ("#AsalBukanSuryo", ([1], "oppose")),
    ("#GombalinSuryo lagi lagi janji", ([1], "oppose")),
    ("#SidangSuryo trending lagi", ([1], "support")),
    ("#MaRiMenang", ([1], "support")),                            # a pair acronym, written as the pair's
    ("Ayo #SukseskanMaRi2029", ([1], "support")),
    ("Bangkit Rinjani, pilih yang benar!", ([1], "support")),     # a slogan reordered, with a vote word
    ("Sejahtera Merata Rinjani, coblos!", ([2], "support")),
    ("R1nj4n1 B4ngk1t!!", ([1], "support")),                      # a slogan in leetspeak, shouted
])
def test_hashtags_and_slogans_that_the_file_cannot_list(rs, text, expected):
    assert _flag(rs, text) == expected


def test_an_acronym_that_is_an_everyday_word_needs_its_own_spelling_or_context(rs):
    assert acronyms("maman rizal")["mari"] == ("ma", "ri") and "fana" in acronyms("fauzi nanda")
    assert _flag(rs, "#MariBersatu jaga kebersihan lingkungan") is None
    assert _flag(rs, "Sebentar lagi mari kita makan siang") is None        # outside hashtags it is a word


@pytest.mark.parametrize("text, expected", [
    ("Besok saya mencoblos nomor 2", ([2], "support")),          # meN- forms of cue verbs
    ("Insya Allah dicoblosin yg nomer 3", ([3], "support")),      # di-...-in
    ("milih no 3 aja", ([3], "support")),                         # the colloquial nasal
    ("Kami ndukung Baskara sampai menang", ([3], "support")),
    ("poslon 2 paling layak", ([2], "support")),                  # a misspelt ballot word
    ("pokoknya coblos yang tengah, no 2", ([2], "support")),      # the number a few words after the verb
    ("Paslon No2 paling siap memimpin", ([2], "support")),        # a number glued to "No"
])
def test_indonesian_word_forms(rs, text, expected):
    assert _flag(rs, text) == expected


def test_misspelt_names_nicknames_and_epithets(rs):
    assert _flag(rs, "Ardiansah memang hebat") == ([2], "support")          # one letter short, praised
    assert _flag(rs, "Baskata pasti menang, coblos!") == ([3], "support")   # one letter replaced, in election talk
    assert "needs context: 'Ardiansah'" in _guards(rs, "Ardiansah sudah sampai rumah")
    assert _flag(rs, "Bang Mamo the best") == ([1], "support")              # a nickname
    assert _flag(rs, "Pak Lurah pasti menang lagi di pilgub") == ([1], "support")   # an epithet in election talk
    assert "needs context: 'Pak Lurah'" in _guards(rs, "Pak Lurah datang ke posyandu pagi ini")
    assert _flag(rs, "Bang Rizal keren banget!") == ([1], "support")        # form of address + common name, judged
    assert "needs context: 'Bang Rizal'" in _guards(rs, "Bang Rizal dari bagian umum pensiun hari ini")


@pytest.mark.parametrize("text, guard", [
    ("Suryo Janji Gratiskan Sekolah Jika Terpilih https://kabarsatu.example/read/2029/10/01/suryo-janji-sekolah",
     "reporting: written as a headline"),
    ("Maman-Rizal Bicara Pangan di Depan Petani Bima http://dlvr.it/X1y2Z3", "reporting: written as a headline"),
    ("Suryo menyebut program pangan akan diperluas ke desa.", "reporting: what a candidate said"),
    ("Hal itu disampaikan Ardiansyah dalam acara deklarasi relawan di Mataram, Minggu (6/10).",
     "reporting: what a candidate said"),
    ("RT @detikcom: Suryo resmikan jembatan baru di Sumbawa", "reporting: article link"),
    ("Menkes Suryo meninjau posyandu di pelabuhan.", "named by office"),
    ("Suryo selaku Menkes meninjau posyandu.", "named by office"),
    ("Dulu waktu Baskara jadi rektor, kampus kami dapat gedung baru.", "an anecdote of the past"),
    ("Selamat atas terpilihnya Pak Suryo sebagai gubernur, semoga amanah", "congratulates the winner"),
])
def test_reporting_is_not_campaigning(rs, text, guard):
    assert guard in _guards(rs, text)


def test_a_news_outlets_post_shared_is_news(rs):
    text = "Suryo resmikan jembatan baru di Sumbawa"
    assert _flag(rs, text) == ([1], "support")
    assert "reporting: article link" in _guards(rs, text, shared_from="kompascom")


@pytest.mark.parametrize("text, expected", [
    ("Suryo Gelagapan Ditanya Anggaran, Tonton Videonya", ([1], "oppose")),   # a headline with a judging word
    ("Ternyata Ardiansyah cuma pencitraan https://kabarsatu.example/read/2029/10/02/ardiansyah-blusukan",
     ([2], "oppose")),
    ("Survei: Maman-Rizal 40%, Fauzi-Nanda 35%, Baskara-Tegar 25% #MaRiMenang", ([1], "support")),   # a poll, one pair's tag
    ("KPU diam saja, Suryo makin curang!", ([1], "oppose")),      # an attack that names KPU
])
def test_guards_do_not_clear_real_partisanship(rs, text, expected):
    assert _flag(rs, text) == expected


def test_stance_is_per_reference(rs):
    """A pair mentioned only as the foil of the one the post prefers is not supported."""
    v = rs.engine.evaluate("Meski Fauzi-Nanda rajin blusukan, kami lebih percaya Maman-Rizal")
    assert v.flagged and v.supports == [1] and v.opposes == [] and "mentioned only: 'Fauzi-Nanda'" in v.guards
    v = rs.engine.evaluate("Suryo jauh lebih baik dibanding Ardiansyah yang gagal urus banjir")
    assert v.flagged and v.supports == [1] and v.opposes == [2] and v.stance == "mixed"


def test_handles_that_only_address_count_with_the_posts_own_judgement(rs):
    assert _guards(rs, "@masuryo Lalu jadwal debatnya kapan ya?") == ["addressed only: '@masuryo'"]
    assert _flag(rs, "@masuryo programnya begitu-begitu saja 🤣") == ([1], "oppose")
    assert _flag(rs, "Semakin mantap pilih @masuryo") == ([1], "support")    # a handle inside the sentence
    v = rs.engine.evaluate("@masuryo @user Baskara paling siap memimpin, visinya jelas")
    assert v.flagged and v.candidate_numbers == [3]                          # the reply's addressee is not its subject
    slug = rs.engine.evaluate("Jadwal vaksinasi ada di tautan ini https://kabarsatu.example/read/2029/10/03/suryo-rizal")
    assert not slug.flagged and {r["kind"] for r in slug.references} == {"link"}    # a name only in a link's slug


@pytest.mark.parametrize("text, guard", [
    ("#MaRiMenang #FauziNanda #BaskaraTegar apapun pilihanmu tetap bersatu", "every pair in a message of unity"),
    ("Tata cara: coblos nomor 1, 2 atau 3 sesuai pilihanmu", "every ballot number listed"),
    ("Debat malam ini: Suryo, Ardiansyah dan Baskara adu gagasan soal tambang.", "names every pair without a word for or against"),
    ("Kira-kira Suryo atau Baskara yang lebih siap ya?", "weighs pairs without a word for or against"),
])
def test_information_about_every_pair(rs, text, guard):
    assert guard in _guards(rs, text)


def test_comparing_pairs_in_ones_own_voice_takes_part(rs):
    assert _flag(rs, "Gue sih liat debat tadi, Suryo sama Ardiansyah dua-duanya ngomongin tambang") == ([1, 2], "support")


def test_a_run_off_has_its_own_periods_and_its_own_two_pairs(rs):
    e = rs.election
    assert e.period_of(dt.date(2029, 12, 20)) == "between_rounds"
    assert e.period_of(dt.date(2030, 1, 10)) == "campaign" and e.period_of(dt.date(2030, 1, 27)) == "quiet"
    assert e.period_of(dt.date(2030, 1, 29)) == "voting_day" and e.period_of(dt.date(2030, 2, 20)) == "post_election"
    assert e.period_of(dt.date(2030, 3, 15)) == "after_election"
    assert e.pairs_on(dt.date(2029, 11, 1)) == [1, 2, 3] and e.pairs_on(dt.date(2029, 12, 20)) == [1, 2]
    attack = rs.engine.evaluate("Jangan pilih Ardiansyah, janjinya kosong")
    first = dt.datetime(2029, 10, 10, 9, tzinfo=WITA)
    runoff = dt.datetime(2030, 1, 10, 9, tzinfo=WITA)
    assert judge(rs, "PNS", rs.periods(first), attack, pairs=e.pairs_on(first))["supports"] == []
    found = judge(rs, "PNS", rs.periods(runoff), attack, pairs=e.pairs_on(runoff))
    assert found["supports"] == [1] and found["opposes"] == [2]           # two pairs left: the attack favours the other
    between = dt.datetime(2029, 12, 20, 9, tzinfo=WITA)
    call = rs.engine.evaluate("Putaran kedua nanti coblos nomor 1 ya")
    assert judge(rs, "PNS", rs.periods(between), call, pairs=e.pairs_on(between))["disposition"] == "breach"


def test_after_the_vote_names_count_until_the_results_and_ballot_calls_do_not(rs):
    after = dt.datetime(2030, 2, 5, 9, tzinfo=WITA)
    praise = rs.engine.evaluate("Suryo memang paling peduli rakyat kecil")
    assert judge(rs, "PNS", rs.periods(after), praise)["disposition"] == "breach"
    assert judge(rs, "PNS", rs.periods(after), rs.engine.evaluate("coblos nomor 1 kemarin")) is None
    later = dt.datetime(2030, 6, 1, 9, tzinfo=WITA)
    assert judge(rs, "PNS", rs.periods(later), praise) is None


def test_each_reference_keeps_its_own_cue(rs):
    """A ballot call's own vote word is not the next name's: "pilih 2, Baskara payah" supports 2
    and attacks 3."""
    v = rs.engine.evaluate("pilih 2, Baskara payah")
    assert v.supports == [2] and v.opposes == [3]
    v = rs.engine.evaluate("jangan coblos 3, Suryo hebat")
    assert v.supports == [1] and v.opposes == [3]
    assert rs.engine.evaluate("coblos 1 atau 2 terserah, asal bukan Baskara").candidate_numbers == [1, 2, 3]
    listed = rs.engine.evaluate("Tata cara: coblos nomor 1, 2 atau 3 sesuai pilihanmu")
    assert sorted(r["text"] for r in listed.references) == ["2", "3", "coblos nomor 1"]     # each number its own span


def test_attacking_a_pair_out_of_the_run_off_supports_no_one(rs):
    runoff = dt.datetime(2030, 1, 10, 9, tzinfo=WITA)
    found = judge(rs, "PNS", rs.periods(runoff), rs.engine.evaluate("Baskara payah"), pairs=rs.election.pairs_on(runoff))
    assert found["opposes"] == [3] and found["supports"] == []


@pytest.mark.parametrize("text", [
    "Dukung produk lokal nomor 1 di Indonesia",          # a rank, after a vote word that marks no ballot
    "Polisi mengawal 2 truk bantuan ke desa",
    "Kami mendukung 3 program pemerintah daerah",        # a count
    "Anak-anak memilih 2 dari 5 soal ujian",
    "@masuryo_fans keren banget videonya",               # another account that begins like the candidate's
    "@masuryo.official hebat",
])
def test_numbers_and_handles_that_are_not_the_candidates(rs, text):
    v = rs.engine.evaluate(text)
    assert v is None or not v.flagged, v


def test_judging_words_beat_the_office_and_mockery_is_an_attack(rs):
    assert _flag(rs, "Gubernur Suryo hebat, pemimpin terbaik!") == ([1], "support")
    assert _flag(rs, "Baskara 🤡") == ([3], "oppose")
    assert _flag(rs, "Suryo Resmikan Pasar Rakyat Baru ❤️") == ([1], "support")       # an emoji: no headline
    # a question mark inside a link asks nothing: in the poster's voice, the comparison takes part
    assert _flag(rs, "Suryo vs Baskara, gue nonton aja https://kabarsatu.example/a?b=1") == ([1, 3], "support")


def test_evidence_takes_what_folding_dropped_after_it(rs):
    v = rs.engine.evaluate("salam dua jari ✌️ buat Tegar pilihan kita, Suryooo kalah")
    texts = {e["text"] for h in v.hits for e in h.evidence}
    assert "✌️" in texts and "Suryooo" in texts
