"""Fictional Indonesian post text for the sample city: everyday, official, neutral-election,
trap and partisan content. Partisan templates take the candidate's references from the election
file, so the sample follows whatever election it is generated for.

Placeholders: {name} a person's alias, {pair} pair name, {num} ballot number, {slogan}, {tag},
{other_name} another pair's alias, {numword} the number as a word, {place}, {program}.
"""
from __future__ import annotations

FIRST_NAMES = [
    "Ahmad", "Muhammad", "Lalu", "Baiq", "Siti", "Nur", "Dewi", "Putu", "Made", "Ketut", "Wayan",
    "Komang", "Ni Luh", "Rina", "Hendra", "Yusuf", "Fitri", "Rahmat", "Agus", "Sri", "Andi",
    "Rizal", "Indah", "Fauzi", "Hasan", "Nanda", "Eka", "Dian", "Rudi", "Yanti", "Irfan", "Zulkifli",
    "Aisyah", "Bayu", "Citra", "Dimas", "Fajar", "Gita", "Hamdan", "Intan", "Joko", "Kurnia",
    "Laila", "Maya", "Nyoman", "Oka", "Puspa", "Rosita", "Sapta", "Taufik", "Umi", "Vina", "Wulan",
]
LAST_NAMES = [
    "Hidayat", "Saputra", "Wijaya", "Rahman", "Hamdani", "Suryani", "Pratama", "Kurniawan", "Lestari",
    "Santoso", "Utami", "Setiawan", "Maulana", "Anggraini", "Susanti", "Hakim", "Firmansyah",
    "Rahmawati", "Gunawan", "Purnama", "Sudarsana", "Arsana", "Jayadi", "Muliadi", "Zulhadi",
    "Sahnan", "Juniarti", "Wardani", "Kusuma", "Amrullah", "Nasrullah", "Fadli", "Hartini",
]
PLACES = ["Segara Barat", "Segara Timur", "Pantai Indah", "Bukit Hijau", "Sungai Jernih", "Kota Lama",
          "Taman Kota", "Pasar Induk", "Lapangan Sangkareang", "Pelabuhan Lama"]
PROGRAMS = ["vaksinasi anak", "posyandu balita", "pelatihan UMKM", "perbaikan jalan lingkungan",
            "pendaftaran beasiswa daerah", "pasar murah", "operasi pasar beras", "kerja bakti",
            "layanan KTP-el keliling", "sosialisasi stunting", "pelatihan kader PKK", "festival kuliner",
            "donor darah", "pembersihan saluran air", "penyuluhan gizi", "lomba kebersihan kampung"]

OFFICIAL = [
    "Hari ini {opd} melaksanakan {program} di {place}. Terima kasih atas partisipasi warga.",
    "Pengumuman: {program} dibuka mulai pukul 08.00 WITA di {place}.",
    "{opd} mengajak warga mengikuti {program}. Informasi lebih lanjut hubungi kantor kami.",
    "Rapat koordinasi {opd} membahas persiapan {program} tahun anggaran 2025.",
    "Dokumentasi kegiatan {program} bersama warga {place} pagi ini.",
    "Layanan {opd} tetap buka seperti biasa. Jam pelayanan 08.00-15.00 WITA.",
    "Selamat pagi warga Puri Segara! Jangan lupa {program} minggu ini di {place}.",
    "Monitoring dan evaluasi {program} oleh tim {opd} di {place}.",
    "Waspada cuaca ekstrem, {opd} mengimbau warga {place} tetap berhati-hati.",
    "Capaian {program} triwulan III melampaui target. Terima kasih semua pihak.",
]
PERSONAL = [
    "Alhamdulillah, hari ini bisa kumpul keluarga di {place}.",
    "Sarapan nasi puyung dulu sebelum ngantor.",
    "Macet lagi di jalan menuju {place}, sabar sabar.",
    "Selamat ulang tahun anakku sayang, semoga sehat selalu.",
    "Weekend di pantai bareng teman-teman kantor 🏖️",
    "Resep ayam taliwang ala rumahan, pedasnya pas.",
    "Hujan deras sore ini di {place}, hati-hati di jalan.",
    "Ikut {program} di kantor, capek tapi senang.",
    "Jalan pagi keliling {place}, udaranya segar.",
    "Semoga minggu ini lancar semua urusan. Bismillah.",
    "Nonton bola bareng bapak-bapak kompleks, seru!",
    "Belajar bikin kue lapis untuk acara arisan.",
    "Motor mogok pas mau berangkat, untung ada bengkel dekat rumah.",
    "Kangen kampung halaman, kapan ya bisa pulang.",
    "Rapat sampai sore, lanjut lembur laporan akhir tahun.",
]
COMMENTS_PUBLIC = [
    "Mantap 👍", "Terima kasih infonya", "Semoga lancar", "Kapan dibuka lagi?", "Lokasinya di mana ya?",
    "Keren!", "Alhamdulillah", "Sukses selalu", "Info yang bermanfaat", "Aamiin", "Izin share ya",
    "Jam berapa mulainya?", "Bagus programnya", "Semangat!", "Mohon ditindaklanjuti", "🙏🙏",
]
# Neutral content about the election itself: allowed, and common.
NEUTRAL_ELECTION = [
    "KPU menetapkan nomor urut pasangan calon: {all_pairs}. Mari jaga pilkada damai.",
    "Ayo gunakan hak pilihmu pada 27 November! Jangan golput.",
    "ASN wajib netral, dilarang like dan share postingan paslon mana pun.",
    "Bawaslu membuka posko pengaduan pelanggaran netralitas ASN di {place}.",
    "Tata cara mencoblos: coblos satu kali pada gambar pasangan calon.",
    "Jadwal debat publik pasangan calon wali kota disiarkan malam ini.",
    "Siapa pun yang terpilih, mari jaga persatuan.",
    "Pilih pemimpin yang jujur, tolak politik uang.",
    "Petugas KPPS TPS 0{numword_digit} siap melayani pemilih sejak pukul 07.00.",
    "Masa tenang 24-26 November, tidak ada kegiatan kampanye.",
]
# Everyday text that collides with candidate references or ballot expressions.
TRAPS = [
    "Minggu lalu kami ikut {program} di {place}.",
    "Pengumuman: antrean nomor {num} sampai 40 dilayani pagi.",
    "Wangi melati di taman kota, harum sekali pagi ini.",
    "Semoga rezeki dan rizki kita semua lancar, berkah selalu.",
    "Mari maju bersama membangun ekonomi keluarga lewat UMKM.",
    "Salam Pramuka! Tiga jari terangkat saat pembacaan Dasa Dharma.",
    "Info loket: KTP-el di loket 1, KK di loket 2.",
    "Juara {numword} lomba baca puisi tingkat kota, selamat nak!",
    "Jumat berkah, berbagi nasi bungkus di {place}.",
    "Rapat koordinasi nomor {num} tahun 2024 membahas kesiapsiagaan banjir.",
]
# Partisan templates by category. A = explicit support, N = negative campaigning,
# S = slogans and hashtags, O = obfuscation, slang and emoji.
PARTISAN = {
    "A": [
        "Tanggal 27 November coblos nomor {num}, lanjutkan bersama {name}!",
        "Bismillah, saya dukung {name} jadi wali kota Puri Segara.",
        "Hadir di deklarasi relawan {pair}, semangat luar biasa!",
        "Pilihan keluarga kami sudah bulat: nomor {num}, {pair}.",
        "Ayo warga, sukseskan kemenangan {pair}!",
        "Mari menangkan {name}, pemimpin yang peduli rakyat.",
        "Foto bareng calon wali kota {name} tadi siang, fix pilih 0{num}.",
        "Terima kasih {name} sudah berkunjung ke kantor, semoga terpilih 🙏",
    ],
    "N": [
        "Jangan pilih {other_name} lagi, jalan rusak di mana-mana.",
        "Calon nomor {other_num} cuma janji manis, jangan tertipu.",
        "Asal bukan {other_name}, kota ini butuh perubahan.",
    ],
    "S": [
        "{tag} {tag2}",
        "Pagi cerah, {tag} ☀️",
        "{slogan}! 💪",
        "Salam {slogan} dari {place}!",
        "Ngopi dulu sebelum ngantor {tag}",
    ],
    "O": [
        "c0bl0s n0 {num} ya gaes {finger}",
        "pilih yg nomer {numword} ajaaa {finger}",
        "salam {numword} jari {finger} buat yg ngerti",
        "pokoknya {keycap} 💯",
        "{spaced} 🔥🔥",
        "tgl 27 coblos yg no {num} yaa lur",
    ],
}
INTERACTION_TEXT = ["", "Setuju 👏", "Siap menangkan!", "keren 👍", "❤️", "Mantap pak", "Hadir!"]
CANDIDATE_POSTS = [
    "Kampanye dialogis bersama warga {place}. Terima kasih atas dukungannya! {tag}",
    "Program kami untuk {program}: nyata dan terukur. Coblos nomor {num}! {tag}",
    "Bersama relawan di {place}, {slogan}! {tag}",
    "Debat publik malam ini, saksikan visi misi {pair}. {tag}",
    "Blusukan pasar di {place}. {slogan}. {tag}",
]
NUMBER_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima"}
FINGER = {1: "☝️", 2: "✌️", 3: "🤟"}
KEYCAP = {1: "0️⃣1️⃣", 2: "0️⃣2️⃣", 3: "0️⃣3️⃣"}
