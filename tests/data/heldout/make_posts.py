"""Builds posts.jsonl, a labelled set for the fictional Teluk Sari election (election.yaml).

Written by hand, apart from and after the rules, to check that the engine generalizes beyond
../shared/eval/dev: a three-pair race, attacks, sarcasm, questions, news of enforcement,
namesakes of candidates, slogans made of the city's name, Javanese and Sasak number words.
Keys starting with '_' are labels (the schema of ../shared/eval/evaluate.py): an attack is
labelled with the pair it attacks. Run: python make_posts.py
"""
import datetime as dt
import itertools
import json
import pathlib

P, N = "partisan", "neutral"
ROWS = [
    # A explicit support or opposition
    ("A", P, 1, "27 November nanti jangan lupa coblos nomor 1 ya, Abah Harum sudah terbukti kerjanya", {}),
    ("A", P, 2, "Saya pribadi mendukung Mas Bintang, anak muda yang paham teknologi 👍", {}),
    ("A", P, 3, "Alhamdulillah bisa hadir di deklarasi relawan Wira-Kartika tadi malam", {}),
    ("A", P, 2, "Fix pilihan kami nomor 2, Bintang-Nur!", {}),
    ("A", P, 1, "Lanjutkan dua periode Pak Harum! 💪", {"owner": "opd"}),
    ("A", P, 3, "Ikut kampanye akbar Mamiq Wira di lapangan Sangkareang, luar biasa ramainya", {}),
    ("A", P, 2, "Bu Nurhayati dokter yang peduli rakyat kecil, layak jadi wakil wali kota", {}),
    ("A", P, 3, "Jangan pilih calon nomor 3, belum berpengalaman", {}),
    ("A", P, 1, "Sudah 5 tahun Harum memimpin, jalan tetap rusak. Cukup satu periode!", {}),
    ("A", P, 2, "Bintang itu cuma pencitraan, jangan mau dibohongi", {}),
    ("A", P, 3, "Wira Kusuma dan Bu Kartika, pasangan paling tulus. Semoga menang!", {}),
    ("A", P, 1, "Doakan Pak Harum dan Bu Made menang di Pilwalkot Teluk Sari 🤲", {}),
    ("A", P, 2, "Mari kita menangkan Bintang-Nur di TPS masing-masing", {"quiet": True}),
    ("A", P, 3, "Coblos Wira, Teluk Sari maju!", {}),
    ("A", P, 1, "Foto bareng Abah Harum waktu blusukan ke pasar, orangnya ramah banget. Pilih 01!", {}),
    ("A", P, 2, "Kalau mau perubahan ya nomor 2. Titik.", {}),
    ("A", P, 1, "Sebagai warga Ampenan saya tetap percaya Harum-Sari 👍", {}),
    ("A", P, 3, "Relawan Wira-Kartika Kecamatan Cakranegara siap kawal suara!", {}),
    ("A", P, 2, "Tolak Bintang-Nur, tolak politik dinasti!", {}),
    ("A", P, 1, "Asal bukan Harum, siapa saja boleh", {}),
    ("A", P, 3, "Mamiq Wira turun langsung bantu warga banjir, ini baru pemimpin! Nomor 3 pokoknya", {}),
    ("A", P, 1, "Yang lain cuma janji, Abah Harum sudah bukti. 01 lanjutkan!", {}),
    ("A", P, 2, "Ibu-ibu PKK kompak pakai kaos Bintang-Nur hari ini 😍", {}),
    ("A", P, 3, "Semoga Allah mudahkan jalan Wira-Kartika memimpin Teluk Sari 🤲", {}),
    ("A", P, 2, "Bu Nur itu dokter yang nolong persalinan istri saya, orang baik. Insyaallah pilihan kami.", {}),
    ("A", P, 1, "Tim Harum-Sari Kecamatan Selaparang, merapat! 📣", {}),
    ("A", P, 3, "Buat yang masih bingung: Wira-Kartika. Udah, itu aja.", {}),
    ("A", P, 2, "Katanya mau bikin kota terang, lampu jalan depan rumahnya aja mati 😂 #BN02", {}),
    # B slogans and hashtags
    ("B", P, 1, "#HarumSari #TelukSariHarum", {}),
    ("B", P, 2, "Selamat pagi warga, semoga #SariTerang hari ini ☀️", {}),
    ("B", P, 3, "Teluk Sari Maju! 🔥", {}),
    ("B", P, 3, "Maju Bareng Wira-Kartika 💙", {}),
    ("B", P, 1, "Lanjutkan Teluk Sari Harum!", {}),
    ("B", P, 2, "Terang Bersama Bintang ✨", {}),
    ("B", P, 3, "#WK03 harga mati", {"quiet": True}),
    ("B", P, 1, "Jumat berkah, #HS01 🤲", {}),
    ("B", P, 2, "#bintangnur gaspol", {}),
    ("B", P, 3, "Ngopi sore dulu #TelukSariMaju", {}),
    ("B", P, 2, "#BN02 #BintangNur #SariTerang", {}),
    ("B", P, 3, "Salam maju bareng Wira-Kartika dari Sekarbela!", {}),
    # C obfuscation, slang, emoji, regional languages
    ("C", P, 2, "c0bl0s n0m3r 2 y4 g3ng ✌️", {}),
    ("C", P, 1, "pilih yg nomer satu ajaaa ☝️", {}),
    ("C", P, 3, "salam 3 jari buat yang paham aja", {}),
    ("C", P, 1, "pokoknya 0️⃣1️⃣ sampai menang 💯", {}),
    ("C", P, 2, "B1nt4ng-Nur t3rb41k", {}),
    ("C", P, 1, "Haruuuum lagiii 🔥🔥🔥", {}),
    ("C", P, 3, "W.i.r.a K.u.s.u.m.a 🇮🇩🇮🇩", {}),
    ("C", P, 2, "tetep di dua jari ✌️ wkwk", {}),
    ("C", P, 3, "#wirakartika mantul", {}),
    ("C", P, 1, "tgl 27 jgn lupa coblos no 1 ya gaes", {"quiet": True}),
    ("C", P, 3, "M a m i q  W i r a the best", {}),
    ("C", P, 2, "n0 2 pokoke! ✌️✌️", {}),
    ("C", P, 3, "Nyoblos nomer telu wae lur", {}),
    ("C", P, 1, "Bismillah siji ☝️ Abah Harum", {}),
    # E interactions with candidate accounts
    ("E", P, 1, "", {"post_type": "share", "ref": "harum.sari", "platform": "instagram"}),
    ("E", P, 3, "Setuju banget 👏", {"post_type": "quote", "ref": "WiraKartika03", "platform": "x"}),
    ("E", P, 2, "Semangat bu dokter 💪", {"post_type": "comment", "ref": "bintang.nur", "platform": "instagram"}),
    ("E", P, 2, "", {"post_type": "share", "ref": "BintangNurTerang", "platform": "facebook"}),
    ("E", P, 3, "❤️❤️", {"post_type": "comment", "ref": "wirakartika", "platform": "instagram"}),
    ("E", P, 1, "Info jadwal kegiatan", {"post_type": "share", "ref": "HarumSariOfficial", "platform": "facebook",
                                         "owner": "opd"}),
    ("E", P, 3, "Tonton sampai habis", {"post_type": "share", "ref": "WiraKartikaTV", "platform": "youtube"}),
    ("E", P, 2, "keren mas 🔥", {"post_type": "comment", "ref": "bintangnur02", "platform": "tiktok"}),
    # F neutral: words and people that collide with the candidates
    ("F", N, None, "Bunga melati di taman kota tercium harum sepanjang pagi.", {}),
    ("F", N, None, "Hotel bintang lima pertama di Teluk Sari resmi beroperasi.", {}),
    ("F", N, None, "Selamat kepada Made Sari Utami, juara 1 lomba tari tingkat kota!", {}),
    ("F", N, None, "Cuaca hari ini cerah, langit terang sampai sore.", {}),
    ("F", N, None, "Pemkot berkomitmen mewujudkan Teluk Sari yang maju dan sejahtera.", {}),
    ("F", N, None, "Dr. Nurhayati Fitriani, Sp.A membuka layanan konsultasi anak di RSUD.", {}),
    ("F", N, None, "Tim futsal Dinas Kominfo menang 3-1 atas Dinas PU.", {}),
    ("F", N, None, "Bintang tamu malam puncak HUT Kota adalah grup musik lokal.", {}),
    ("F", N, None, "Mari jaga kebersihan pantai bersama-sama.", {}),
    ("F", N, None, "Pak Wira dari bagian umum hari ini pensiun, terima kasih atas pengabdiannya.", {}),
    ("F", N, None, "Pengumuman: antrean nomor 2 sampai 50 dilayani setelah istirahat.", {}),
    ("F", N, None, "Posyandu Kelurahan Dasan Agung buka tanggal 3 setiap bulan.", {}),
    ("F", N, None, "Salam Pramuka! Tiga jari di dada kanan saat upacara.", {}),
    ("F", N, None, "Info layanan: pengambilan KTP di loket 3.", {}),
    ("F", N, None, "Surat edaran nomor 1 tahun 2024 tentang penggunaan kendaraan dinas.", {}),
    ("F", N, None, "Selamat ulang tahun Bu Kartika Sari, kepala TU kami yang baik hati 🎂", {"owner": "asn"}),
    ("F", N, None, "Harga bawang merah naik, Dinas Perdagangan pantau pasar Kebon Roek.", {}),
    ("F", N, None, "Juara 2 lomba kebersihan antar kelurahan diraih Kelurahan Pagesangan.", {}),
    ("F", N, None, "Sinar mentari pagi, semoga hari ini penuh berkah.", {"owner": "asn"}),
    ("F", N, None, "Pilih menu sehat untuk anak: sayur, buah, dan protein.", {}),
    ("F", N, None, "Teluk Sari maju kalau warganya disiplin buang sampah.", {"owner": "asn"}),
    ("F", N, None, "Made Suardika, staf Bappeda, mewakili kota dalam lomba inovasi.", {}),
    ("F", N, None, "Sekarang bintang kelas bukan cuma yang pintar, tapi yang rajin.", {"owner": "asn"}),
    ("F", N, None, "Kami menolak keras peredaran narkoba di lingkungan sekolah.", {}),
    ("F", N, None, "Rapat paripurna DPRD membahas APBD perubahan tahun 2025.", {}),
    ("F", N, None, "Turut berduka cita atas wafatnya Bapak H. Ahmad Fauzi, tokoh masyarakat Ampenan.", {}),
    ("F", N, None, "Selamat menempuh hidup baru, Putri & Bintang 💍", {"owner": "asn"}),
    # G neutral: election information, voter education, enforcement news
    ("G", N, None, "KPU Kota Teluk Sari menetapkan nomor urut paslon: 1 Harum-Sari, 2 Bintang-Nur, 3 Wira-Kartika.", {}),
    ("G", N, None, "Ayo datang ke TPS tanggal 27 November, satu suara menentukan masa depan kota.", {}),
    ("G", N, None, "ASN dilarang memberi like, komentar, atau membagikan unggahan paslon mana pun.", {}),
    ("G", N, None, "Debat publik ketiga paslon wali kota digelar Sabtu malam.", {}),
    ("G", N, None, "Bawaslu menerima laporan dugaan pelanggaran kampanye di Kecamatan Ampenan.", {}),
    ("G", N, None, "Masa tenang 24-26 November: tidak boleh ada kegiatan kampanye.", {"quiet": True}),
    ("G", N, None, "Wali Kota Harum Maulana menyerahkan bantuan beras kepada warga terdampak banjir.",
     {"date": "2024-08-15T10:00:00+08:00"}),
    ("G", N, None, "Tata cara mencoblos: coblos satu kali di dalam kotak gambar pasangan calon.", {}),
    ("G", N, None, "Petugas KPPS TPS 03 Kelurahan Ampenan Selatan siap melayani pemilih mulai pukul 07.00.",
     {"date": "2024-11-27T06:30:00+08:00"}),
    ("G", N, None, "Ketiga paslon sepakat menjaga kampanye damai dan tanpa hoaks.", {}),
    ("G", N, None, "Siapa pun pilihannya, jangan sampai bermusuhan dengan tetangga.", {"owner": "asn"}),
    ("G", N, None, "Pilih pemimpin berdasarkan program, bukan uang. Tolak politik uang!", {}),
    ("G", N, None, "Hasil hitung cepat belum resmi, tunggu penetapan KPU.", {"date": "2024-11-28T09:00:00+08:00"}),
    ("G", N, None, "Bawaslu: ASN yang berfoto dengan pose jari paslon bisa dijatuhi sanksi.", {}),
    ("G", N, None, "Simulasi pemungutan suara di Kelurahan Karang Baru berjalan lancar.", {}),
    ("G", N, None, "Panwascam menertibkan APK paslon nomor urut 2 yang dipasang di pohon.", {}),
    ("G", N, None, "Jadwal kampanye hari ini: paslon 1 di Ampenan, paslon 2 di Cakranegara, paslon 3 di Sandubaya.", {}),
    ("G", N, None, "Debat kedua: Harum, Bintang, dan Wira adu gagasan soal banjir.", {}),
    ("G", N, None, "Pj Wali Kota mengimbau ASN tetap netral selama Pilkada.", {}),
    ("G", N, None, "Pendaftaran pemantau pemilihan dibuka sampai 10 November.", {}),
    ("G", N, None, "Gunakan hak pilih Anda, jangan golput! #PilkadaDamai", {}),
    ("G", N, None, "Kira-kira besok debat, Bintang atau Wira yang lebih siap ya? 🤔", {"owner": "asn"}),
    # H neutral: everyday content
    ("H", N, None, "Layanan Samsat keliling hari ini di Taman Udayana.", {}),
    ("H", N, None, "Waspada DBD, jangan lupa 3M Plus di rumah masing-masing.", {}),
    ("H", N, None, "Pembangunan drainase Jalan Majapahit memasuki tahap akhir.", {}),
    ("H", N, None, "Selamat Hari Guru Nasional untuk semua guru di Teluk Sari!", {}),
    ("H", N, None, "Liburan akhir pekan ke Pantai Senggigi bareng anak-anak 🏖️", {"owner": "asn"}),
    ("H", N, None, "Alhamdulillah anak kedua lulus SD dengan nilai terbaik", {"owner": "asn"}),
    ("H", N, None, "Resep ayam taliwang pedas ala rumah", {"owner": "asn"}),
    ("H", N, None, "Pemadaman listrik bergilir pukul 09.00-12.00 di wilayah Cakranegara.", {}),
    ("H", N, None, "Vaksinasi HPV untuk siswi kelas 5 dan 6 SD dimulai pekan depan.", {}),
    ("H", N, None, "Nonton timnas malam ini, semoga menang 2-0! 🇮🇩", {"owner": "asn"}),
    ("H", N, None, "Kopi pagi dulu sebelum apel ☕", {"owner": "asn"}),
    ("H", N, None, "Gotong royong membersihkan saluran air di RT 03.", {}),
    ("H", N, None, "Mohon doanya, ibu saya sedang dirawat di kamar 201 RSUD.", {"owner": "asn"}),
]

PLATFORMS = ["facebook", "instagram", "x", "tiktok", "youtube"]
ASN = ["baiq.nurul.h", "komang_adi", "rina.pratiwi.s", "dedi_ampenan", "yusuf.hadi"]
OPD = {"instagram": "diskominfo.telukSari", "facebook": "DinkesTelukSari", "x": "DukcapilTS",
       "tiktok": "dlh.teluksari", "youtube": "BappedaTSTV"}


def main():
    out = pathlib.Path(__file__).with_name("posts.jsonl")
    plat = itertools.cycle(PLATFORMS)
    days = itertools.cycle(range(0, 59))
    hours = itertools.cycle([7, 9, 11, 13, 16, 19, 21])
    with out.open("w", encoding="utf-8") as f:
        for i, (cat, label, cand, text, ex) in enumerate(ROWS, 1):
            platform = ex.get("platform") or next(plat)
            owner = ex.get("owner") or ("asn" if label == P else "opd")
            handle = ASN[i % len(ASN)] if owner == "asn" else OPD[platform]
            if "date" in ex:
                ts = ex["date"]
            elif ex.get("quiet"):
                ts = f"2024-11-{24 + i % 3}T{next(hours):02d}:20:00+08:00"
            else:
                day = dt.date(2024, 9, 25) + dt.timedelta(days=next(days))
                ts = f"{day.isoformat()}T{next(hours):02d}:{(i * 11) % 60:02d}:00+08:00"
            row = {"platform": platform, "post_id": f"ts-{i:04d}", "account_handle": handle,
                   "owner_type": owner, "created_at": ts, "post_type": ex.get("post_type", "original"),
                   "referenced_account": ex.get("ref"), "text": text,
                   "_label": label, "_candidate": cand, "_category": cat}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(ROWS)} posts to {out}")


if __name__ == "__main__":
    main()
