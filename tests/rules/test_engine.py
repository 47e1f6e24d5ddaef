"""The rules engine on fictional elections: each category of the labelled sets, the traps, the
guards, offsets, switchable parameters, and rules data that fails validation with a named field."""
from __future__ import annotations

import datetime as dt
import json
import random

import pytest
import yaml

from netra import settings
from netra.rules.catalogue import Catalogue, load_catalogue
from netra.rules.datafile import RulesFileError
from netra.rules.election import ElectionFileError, load_election
from netra.rules.engine import Engine
from netra.rules.lexicon import load_lexicon
from netra.rules.ruleset import judge, ruleset
from netra.rules.textnorm import normalize, normalize_tracked
from tests.conftest import ROOT, SAMPLE_ELECTION

TWO_PAIRS = ROOT / "tests" / "data" / "election-two-pairs.yaml"
HELD_OUT = ROOT / "tests" / "data" / "heldout" / "election.yaml"     # 1 Harum-Sari, 2 Bintang-Nur, 3 Wira-Kartika
CAMPAIGN_DAY = dt.datetime(2024, 10, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(scope="module")
def rs():
    return ruleset(SAMPLE_ELECTION)        # pairs 1 Rizki-Yuni (incumbent), 2 Suardana-Fauzan, 3 Nurul-Zain


def _engine_with(**params) -> Engine:
    """The sample election's engine with some catalogue parameters switched."""
    data = yaml.safe_load((settings.rules_dir() / "catalogue.yaml").read_text())
    for rule in data["rules"]:
        for key, value in params.items():
            if key in rule["params"]:
                rule["params"][key] = value
    return Engine(load_election(SAMPLE_ELECTION), Catalogue.model_validate(data), load_lexicon(settings.rules_dir() / "lexicon"))


def _flag(rs, text):
    v = rs.engine.evaluate(text)
    return (v.candidate_numbers, v.stance) if v and v.flagged else None


@pytest.mark.parametrize("text, numbers, stance", [
    # explicit support and campaign activity
    ("Tanggal 27 coblos nomor 2, lanjutkan bersama Bang Fauzan!", [2], "support"),
    ("Hadir di deklarasi relawan Nurul-Zain, semangat!", [3], "support"),
    ("Terima kasih Pak Rizki sudah berkunjung, semoga terpilih 🙏", [1], "support"),
    ("Mari menangkan Bu Nurul!", [3], "support"),
    # slogans and hashtags, hashtag variants made from pair names and slogans
    ("Salam Segara Berkah dari Kota Lama", [3], "support"),
    ("Pagi cerah #segaraharum", [1], "support"),
    ("#SuardanaFauzan sampai menang", [2], "support"),
    ("Jumat ceria #NurulZain", [3], "support"),
    # obfuscation, slang and emoji
    ("c0bl0s n0 2 ya gaes ✌️", [2], "support"),
    ("pilih yg nomer tiga ajaaa", [3], "support"),
    ("salam dua jari ✌️ buat yg ngerti", [2], "support"),
    ("pokoknya 0️⃣3️⃣ 💯", [3], "support"),
    ("Fauzaaan t3rb41k", [2], "support"),
    ("S.u.a.r.d.a.n.a 🔥🔥", [2], "support"),
    ("Z A I N U D D I N 🔥", [3], "support"),
    ("R1zk1 lagiii", [1], "support"),
    ("tgl 27 coblos yg no. 1 yaa lur", [1], "support"),
    ("tetep di satu jari ☝️ wkwk", [1], "support"),
    ("𝐒𝐮𝐚𝐫𝐝𝐚𝐧𝐚 pilihanku", [2], "support"),
    # attacks are partisan too; with three pairs they are attributed to the pair attacked
    ("Jangan pilih Bang Fauzan, janjinya kosong", [2], "oppose"),
    ("Calon nomor 3 cuma janji manis, jangan tertipu", [3], "oppose"),
    ("Asal bukan Suardana!", [2], "oppose"),
    ("Dukung Bu Nurul, jangan pilih Suardana", [2, 3], "mixed"),
])
def test_partisan_posts_are_flagged_with_pair_and_stance(rs, text, numbers, stance):
    assert _flag(rs, text) == (numbers, stance)


def test_in_a_two_pair_race_an_attack_favours_the_other_pair():
    rs = ruleset(TWO_PAIRS)
    v = rs.engine.evaluate("Jangan pilih Bu Kurniasih lagi, jalan rusak di mana-mana")
    assert v.flagged and v.opposes == [2] and v.supports == [] and v.stance == "oppose"
    finding = judge(rs, "PNS", rs.periods(CAMPAIGN_DAY), v)
    assert finding["opposes"] == [2] and finding["supports"] == [1] and finding["candidate_numbers"] == (1, 2)


@pytest.mark.parametrize("text", [
    "Bu Yuniarti mengajar di SD 3",                         # word boundaries: not "Bu Yuni"
    "Selamat ulang tahun Sri Wahyuningsih!",                # not "Sri Wahyuni"
    "Minggu lalu kami ikut kerja bakti.",                   # "lalu" is a word
    "Semoga rezeki dan rizki kita semua lancar, berkah selalu.",
    "Wangi melati di taman kota, harum sekali pagi ini.",
    "Mari maju bersama membangun ekonomi keluarga lewat UMKM.",
    "Selamat kepada Made Ayu, juara 1 lomba tari!",
    "Pak Ahmad dari kelurahan membagikan sembako.",
    "Pengumuman: antrean nomor 2 sampai 40 dilayani pagi.",
    "Petugas KPPS TPS 01 siap melayani pemilih sejak pukul 07.00.",
    "Posyandu buka tanggal 01 November pukul 08.00.",
    "Tata cara mencoblos: coblos satu kali pada gambar pasangan calon.",
    "Salam Pramuka! Tiga jari terangkat saat pembacaan Dasa Dharma.",
    "Lanjut rapat dua jam lagi, semangat ✌️",
    "KPU: 1. Rizki-Yuni, 2. Suardana-Fauzan, 3. Nurul-Zain. Jaga pilkada damai.",
    "Debat kedua: Bu Nurul, Pak Suardana dan Pak Rizki adu program.",
    "Pengumuman: Wali Kota Rizki mengambil cuti kampanye, tugas dijalankan Plh Sekda.",
    "#SegaraHarumSekali bukan tagar kampanye",
    "Pilih pemimpin yang jujur, tolak politik uang.",
    "Info loket: KTP-el di loket 1, KK di loket 2.",
])
def test_neutral_posts_and_word_traps_stay_quiet(rs, text):
    v = rs.engine.evaluate(text)
    assert v is None or not v.flagged, v


@pytest.mark.parametrize("text, numbers", [
    ("Wira Kusuma dan Bu Kartika, pasangan paling tulus.", [3]),      # both people of a pair
    ("Mamiq Wira turun langsung bantu warga. Nomor 3 pokoknya", [3]),  # a common name and its number
    ("n0 2 pokoke! ✌️✌️", [2]),                                        # a finger emoji and the same number
    ("Bismillah siji ☝️ Abah Harum", [1]),
    ("Teluk Sari Maju! 🔥", [3]),                                      # a slogan as a sentence of its own
    ("Salam teluk sari maju dari Sekarbela", [3]),                   # or after a chant word
    ("Ibu-ibu PKK kompak pakai kaos Bintang-Nur", [2]),                # PKK is not PPK; pair names are no accident
    ("Semoga Allah mudahkan jalan Wira-Kartika memimpin Teluk Sari", [3]),   # "Sari" of the city names no one
    ("Selamat kepada Mas Bintang Prakoso, semoga menang", [2]),       # a capitalized word of his own name
])
def test_weak_signals_that_back_each_other_count(text, numbers):
    v = ruleset(HELD_OUT).engine.evaluate(text)
    assert v is not None and v.flagged and v.candidate_numbers == numbers, v


@pytest.mark.parametrize("text", [
    "Pak Wira dari bagian umum hari ini pensiun.",                    # a frequent word (wordfreq) needs context
    "Dr. Nurhayati Fitriani, Sp.A membuka layanan konsultasi anak.",  # namesakes: another surname follows
    "Selamat ulang tahun Bu Kartika Sari, kepala TU kami 🎂",
    "Teluk Sari maju kalau warganya disiplin buang sampah.",          # the slogan inside an everyday sentence
    "Panwascam menertibkan APK paslon nomor urut 2 di pohon.",        # enforcement news
    "Kira-kira besok debat, Bintang atau Wira yang lebih siap ya?",   # two pairs weighed, no side taken
    "Bintang tamu malam puncak HUT Kota adalah grup musik lokal.",
])
def test_namesakes_everyday_phrases_and_news_stay_quiet(text):
    v = ruleset(HELD_OUT).engine.evaluate(text)
    assert v is None or not v.flagged, v


def test_word_frequencies_read_directly_equal_wordfreqs_own():
    from wordfreq import zipf_frequency

    from netra.rules.lexicon import zipf
    words = ["bintang", "harum", "wira", "kartika", "sari", "sekarang", "syafii", "prakoso", "nurhayati", "coblos"]
    assert [zipf(w) for w in words] == [zipf_frequency(w, "id") if zipf_frequency(w, "id") >= 3 else 0.0 for w in words]
    assert zipf("bintang") > 5 > zipf("harum") > 3.5 > zipf("prakoso")


def test_evidence_offsets_point_into_the_original_text(rs):
    texts = ["Ｐａｋ Ｓｕａｒｄａｎａ hebat, coblos nomor 2 ya", "W.a.h.y.u.n.i 🔥 pilih 0️⃣1️⃣",
             "Syafi'i? bukan. Z\u200bA\u200bI\u200bN\u200bU\u200bD\u200bD\u200bI\u200bN pilihanku", "c-o-b-l-o-s 3 ✌️"]
    for text in texts:
        v = rs.engine.evaluate(text)
        assert v and v.flagged
        for hit in v.hits:
            for ev in hit.evidence:
                assert text[ev["start"]:ev["end"]] == ev["text"] and ev["text"].strip()


def test_batch_normal_form_equals_the_tracked_one():
    rng = random.Random(3)
    alphabet = "aAiIoO01345 .-_'*\u200b\ufe0f\u20e3☝✌️😀éÉ\n\tRr#Ｓ𝐒"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    texts += [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "heldout" / "posts.jsonl").read_text().splitlines()]
    for text in texts:
        tracked = normalize_tracked(text)
        assert tracked.text == normalize(text) and len(tracked.origin) == len(tracked.text)
        assert all(0 <= o < len(text) for o in tracked.origin)
    assert normalize("\x00".join(texts)).split("\x00") == [normalize(t) for t in texts]


def test_switchable_parameters_change_what_counts():
    assert not _engine_with().evaluate("Pak Rizki datang").flagged
    assert _engine_with(ambiguous_alias_needs_context=False).evaluate("Pak Rizki datang").flagged
    assert _engine_with().evaluate("pokoknya 0️⃣2️⃣ 💯").flagged
    assert _engine_with(zero_padded_number_alone=False).evaluate("pokoknya 0️⃣2️⃣ 💯") is None
    cleared = _engine_with().evaluate("Pengumuman: Pak Suardana hadir di acara KPU")
    assert not cleared.flagged and _engine_with(neutral_context_clears=False).evaluate(
        "Pengumuman: Pak Suardana hadir di acara KPU").flagged
    news = "Suardana menyebut pasar induk akan dibenahi."
    assert not _engine_with().evaluate(news).flagged and _engine_with(reporting_clears=False).evaluate(news).flagged


def test_incumbent_on_an_official_account_is_a_review_not_a_breach(rs):
    v = rs.engine.evaluate("Wali Kota Lalu Ahmad Rizki meresmikan pasar induk bersama warga.")
    assert v and not v.flagged and v.incumbent
    months = dt.datetime(2024, 5, 2, 9, tzinfo=CAMPAIGN_DAY.tzinfo)         # before determination, in the window
    review = judge(rs, "opd", rs.periods(months), v)
    assert review["disposition"] == "review" and review["candidate_numbers"] == (1,) and review["severity_discipline"] is None
    assert judge(rs, "PNS", rs.periods(months), v) is None                   # only official accounts
    early = dt.datetime(2023, 12, 1, 9, tzinfo=CAMPAIGN_DAY.tzinfo)
    assert judge(rs, "opd", rs.periods(early), v) is None                    # before the incumbency window


def test_severity_follows_owner_status_and_quiet_period_escalates(rs):
    v = rs.engine.evaluate("coblos nomor 3!")
    f = judge(rs, "PTT", rs.periods(CAMPAIGN_DAY), v)
    assert f["disposition"] == "breach" and f["severity_discipline"] == "berat" and f["escalations"] == []
    quiet = dt.datetime(2024, 11, 25, 9, tzinfo=CAMPAIGN_DAY.tzinfo)
    assert judge(rs, "PNS", rs.periods(quiet), v)["escalations"] == ["NET-QUIET"]
    assert judge(rs, "PNS", rs.periods(dt.datetime(2024, 12, 5, tzinfo=dt.timezone.utc)), v) is None


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


@pytest.mark.parametrize("change, message", [
    (("min_findings: 3", "min_findings: three"), r"rules\.6\.params\.min_findings"),
    (("      within_days: 14\n", ""), r"NET-REPEAT takes exactly the params"),
    (("kind: review", "kind: advise"), r"rules\.7\.kind"),
    (("  - id: NET-QUIET", "  - id: NET-QUIETER"), r"NET-QUIETER is not implemented"),
])
def test_catalogue_errors_name_the_rule_and_field(tmp_path, change, message):
    bad = tmp_path / "catalogue.yaml"
    bad.write_text((settings.rules_dir() / "catalogue.yaml").read_text().replace(*change))
    with pytest.raises(RulesFileError, match=message):
        load_catalogue(bad)


def test_lexicon_errors_name_the_file_and_field(tmp_path):
    for name in ("cues.yaml", "common_words.yaml"):
        (tmp_path / name).write_text((settings.rules_dir() / "lexicon" / name).read_text())
    cues = tmp_path / "cues.yaml"
    cues.write_text(cues.read_text().replace('"no", nomer', "no, nomer"))      # YAML reads a bare no as false
    with pytest.raises(RulesFileError, match=r"cues\.yaml: fillers\.7"):
        load_lexicon(tmp_path)
