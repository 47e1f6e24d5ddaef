"""The PDF for the PPK (Berkas Bukti Kasus), in Bahasa Indonesia: who, which posts with their
evidence on a yellow ground, where and when each was seen, the rules and their legal basis, the
case's history and its legal clock, and the hash of the bundle's manifest.

Text is set in DejaVu Sans (bundled with matplotlib, found without importing it), so names and
posts in any script print; a character the font lacks prints as a box instead of failing. Each
evidence span also carries a PDF highlight annotation naming its rule, which viewers list and
tools can read. Dated `as_of`, never by the clock: the same case state gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import unicodedata
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from netra import evidence_spans, platforms

if TYPE_CHECKING:
    from netra.cases.casefile import CaseFile

FONT, MISSING = "dejavu", "\u25a1"
MARK, HEADING_FILL = (255, 236, 130), (232, 232, 232)
PERIODS = {"pre_determination": "sebelum penetapan calon", "pre_campaign": "sebelum masa kampanye",
           "campaign": "masa kampanye", "quiet": "masa tenang", "voting_day": "hari pemungutan suara",
           "between_rounds": "antara putaran", "post_election": "setelah pemungutan suara",
           "incumbency": "masa larangan petahana"}
POST_TYPES = {"original": "unggahan", "share": "bagikan ulang", "quote": "kutipan", "reply": "balasan",
              "comment": "komentar"}
SOURCES = {"api": "API platform", "capture": "tangkapan tim pemantau", "tips": "laporan masyarakat"}
STANCES = {"support": "mendukung", "oppose": "menyerang", "mixed": "mendukung dan menyerang"}
ENDED = {"met": "terpenuhi"}
UNITS = {"calendar": "hari kalender", "working": "hari kerja"}


def font_dir() -> Path:
    """matplotlib's bundled TrueType fonts (DejaVu), located without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib (whose DejaVu fonts the PDF uses) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


class _Doc(FPDF):
    def __init__(self, case_id: int):
        super().__init__(format="A4")
        self.case_id = case_id
        folder = font_dir()
        self.add_font(FONT, "", folder / "DejaVuSans.ttf")
        self.add_font(FONT, "B", folder / "DejaVuSans-Bold.ttf")
        self.glyphs = set(self.fonts[FONT].cmap) & set(self.fonts[FONT + "B"].cmap)
        self.set_auto_page_break(True, margin=16)
        self.set_margins(16, 14, 16)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(100)
        self.cell(0, 5, f"Berkas Bukti Kasus #{self.case_id} \u00b7 halaman {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def clean(self, value) -> str:
        """Printable text: control and formatting characters (joiners, variation selectors)
        dropped, characters the font lacks as a box."""
        out = []
        for ch in "" if value is None else str(value).replace("\r\n", "\n").replace("\t", " "):
            if ch == "\n" or (ord(ch) in self.glyphs and not _invisible(ch)):
                out.append(ch)
            elif not _invisible(ch):
                out.append(MISSING)
        return "".join(out)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") or unicodedata.name(ch, "").startswith("VARIATION SELECTOR")


def _when(ts: dt.datetime | None, zone) -> str:
    return "\u2014" if ts is None else ts.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _heading(pdf: _Doc, text: str, size: float = 12) -> None:
    """A heading, moved to the next page when too little room is left under it for its content."""
    pdf.ln(2)
    if pdf.will_page_break(size + 18):
        pdf.add_page()
    pdf.set_font(FONT, "B", size)
    _line(pdf, text, size * 0.55)
    pdf.ln(1)
    pdf.set_font(FONT, "", 9)


def _line(pdf: _Doc, text: str, h: float = 4.6) -> None:
    """Text wrapped across the page, from the left margin."""
    pdf.multi_cell(0, h, pdf.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _field(pdf: _Doc, label: str, value, link: str = "") -> None:
    pdf.set_font(FONT, "B", 9)
    pdf.cell(48, 5, pdf.clean(label))
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, pdf.clean(value if value not in (None, "") else "\u2014"), link=link,
                   align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: _Doc, widths: tuple, header: tuple, rows: list[tuple]) -> None:
    pdf.set_font(FONT, "", 7.5)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=3.8, padding=0.8, width=sum(widths),
                   align="LEFT", cell_fill_mode="NONE", headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL)) as table:
        for values in [header, *rows]:
            row = table.row()
            for v in values:
                row.cell(pdf.clean(v if v not in (None, "") else "\u2014"))
    pdf.set_font(FONT, "", 9)
    pdf.ln(2)


def _listing(pdf: _Doc, title: str, none: str, widths: tuple, header: tuple, rows: list[tuple]) -> None:
    """A section that is a table, or a sentence saying it has no rows yet."""
    _heading(pdf, title)
    if rows:
        _table(pdf, widths, header, rows)
    else:
        _line(pdf, none, 5)


def _spans(text: str, hits: list) -> list[tuple[int, int, str]]:
    spans = []
    for h in hits:
        for e in h.evidence:
            start, end = e.get("start"), e.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, f"{h.rule_id}: {e.get('text', text[start:end])}"))
    return sorted(spans)


def _marked(pdf: _Doc, text: str, spans: list[tuple[int, int, str]], when: dt.datetime) -> None:
    """The text, wrapped word by word, each evidence span on a yellow ground inside a highlight
    annotation naming its rule (a span that overlaps an earlier one joins it)."""
    pdf.set_font(FONT, "", 9.5)
    margin, pdf.c_margin, h = pdf.c_margin, 0, 5.2
    pdf.set_fill_color(*MARK)
    for chunk, label in evidence_spans.runs(text, spans):
        with pdf.highlight(label, modification_time=when) if label else nullcontext():
            for token in re.findall(r"\n|[^\S\n]+|\S+", chunk):
                _token(pdf, token, h, bool(label))
    pdf.c_margin = margin
    pdf.set_fill_color(255)
    pdf.ln(h + 1)


def _token(pdf: _Doc, token: str, h: float, fill: bool) -> None:
    if token == "\n":
        pdf.ln(h)
        return
    token, right = pdf.clean(token), pdf.w - pdf.r_margin
    width = pdf.get_string_width(token)
    if token.isspace():
        if pdf.x > pdf.l_margin and pdf.x + width <= right:
            pdf.cell(width, h, token, fill=fill)
        return
    if pdf.x + width > right and pdf.x > pdf.l_margin:
        pdf.ln(h)
    while pdf.x + pdf.get_string_width(token) > right:          # longer than a line: cut it
        cut = 1
        while cut < len(token) and pdf.x + pdf.get_string_width(token[:cut + 1]) <= right:
            cut += 1
        pdf.cell(pdf.get_string_width(token[:cut]), h, token[:cut], fill=fill)
        pdf.ln(h)
        token = token[cut:]
    if token:
        pdf.cell(pdf.get_string_width(token), h, token, fill=fill)


def render(f: CaseFile, manifest_sha256: str) -> bytes:
    c = f.case
    pdf = _Doc(c.case_id)
    pdf.set_title(f"Berkas Bukti Kasus #{c.case_id}")
    pdf.set_subject(c.election_name)
    pdf.set_author("Netra")
    pdf.set_keywords(f"manifest-sha256:{manifest_sha256}")
    pdf.set_creation_date(f.as_of)
    pdf.add_page()
    _heading(pdf, f"Berkas Bukti Kasus #{c.case_id}", 16)
    _identity(pdf, f, manifest_sha256)
    _clock(pdf, f)
    _heading(pdf, f"Unggahan dan bukti ({len(f.posts)} temuan)")
    for n, p in enumerate(f.posts, 1):
        _post(pdf, f, n, p)
    _history(pdf, f)
    _integrity(pdf, f, manifest_sha256)
    return bytes(pdf.output())


def _identity(pdf: _Doc, f: CaseFile, manifest_sha256: str) -> None:
    c = f.case
    day = f" (per {c.first_post_day.isoformat()}, tanggal unggahan pertama)" if c.first_post_day else ""
    if c.employee_id is not None:
        _field(pdf, "Nama", c.full_name)
        _field(pdf, "NIP", c.nip or "tidak ada (pegawai non-ASN)")
        _field(pdf, "Jabatan", c.position)
        _field(pdf, "Status kepegawaian", f"{c.status}{day}")
    else:
        label = platforms.PLATFORMS[c.account_platform].label if c.account_platform in platforms.PLATFORMS \
            else c.account_platform
        _field(pdf, "Akun resmi OPD" if c.official else "Akun", f"{label} @{c.account_handle}")
    _field(pdf, "Unit kerja (OPD)", f"{c.opd_name or 'tidak diketahui'}{day}")
    _field(pdf, "Pemilihan", f"{c.election_name} ({c.election_id})")
    _field(pdf, "Status kasus", c.state_label)
    _field(pdf, "Ditemukan", _when(c.discovered_at, f.zone))
    _field(pdf, "Dibuka / ditutup", f"{_when(c.opened_at, f.zone)} / {_when(c.closed_at, f.zone)}")
    _field(pdf, "Versi aturan", ", ".join(f.ruleset_versions))
    _field(pdf, "Hash manifest (SHA-256)", manifest_sha256)
    _field(pdf, "Keadaan data per", _when(f.as_of, f.zone))


def _clock(pdf: _Doc, f: CaseFile) -> None:
    rows = []
    for d in f.deadlines:
        ended = "berjalan" if d.met_at is None else f"{ENDED.get(d.ended, 'berakhir: ' + str(d.ended))}, " \
                                                     f"{_when(d.met_at, f.zone)}"
        rows.append((f"{d.label} ({d.days} {UNITS.get(d.unit, d.unit)})", _when(d.started_at, f.zone),
                     d.due_on.isoformat(), ended, _when(d.escalated_at, f.zone) if d.escalated_at else "tidak"))
    _listing(pdf, "Jam hukum (tenggat)", "Belum ada tenggat yang berjalan.", (62, 30, 20, 36, 30),
             ("Tenggat", "Mulai", "Batas akhir", "Selesai", "Eskalasi"), rows)


def _rule(f: CaseFile, rule_id: str, version: int) -> str:
    r = f.rules.get(rule_id)
    basis = r.legal_basis if r else "tidak ada di katalog aturan saat ini"
    return f"{rule_id} (versi {version}). Dasar hukum: {basis}"


def _post(pdf: _Doc, f: CaseFile, n: int, p) -> None:
    zone = f.zone
    label = platforms.PLATFORMS[p.platform].label if p.platform in platforms.PLATFORMS else p.platform
    _heading(pdf, f"{n}. {label}, {POST_TYPES.get(p.post_type, p.post_type)} (temuan #{p.finding_id})", 10.5)
    _field(pdf, "Akun", f"@{p.account_handle}" if p.account_handle else None)
    _field(pdf, "Tautan", p.permalink, link=p.permalink or "")
    if p.parent_post_id or p.ref_account:
        _field(pdf, "Pada", " ".join(x for x in (p.ref_account and f"@{p.ref_account}",
                                                 p.parent_post_id and f"unggahan {p.parent_post_id}") if x))
    _field(pdf, "Waktu unggah", _when(p.created_at, zone))
    _field(pdf, "OPD / status saat itu", f"{p.opd_name or 'tidak diketahui'} / "
                                          f"{p.status or ('akun resmi' if p.owner_kind == 'opd' else p.owner_kind)}")
    _field(pdf, "Periode", PERIODS.get(p.period, p.period))
    stance = STANCES.get(p.stance, "menyebut")
    _field(pdf, "Sikap", f"{stance} pasangan nomor {', '.join(str(x) for x in p.candidate_numbers)}")
    _field(pdf, "Tingkat", f"etik: {(p.severity_ethics or '-').replace('_', ' ')}; "
                           f"disiplin: {p.severity_discipline or '-'}")
    _field(pdf, "Versi aturan / dinilai", f"{p.ruleset_version} / {_when(p.evaluated_at, zone)}")
    _field(pdf, "Versi teks (SHA-256)", p.content_hash)
    deleted = f"dihapus dari platform (terdeteksi {_when(p.deleted_at, zone)})" if p.deleted_at else \
        f"masih tayang saat terakhir dilihat {_when(p.last_seen_at, zone)}"
    _field(pdf, "Status penghapusan", deleted)
    hits = f.hits.get(p.finding_id, [])
    _heading(pdf, "Teks versi yang dinilai (bukti bertanda kuning)", 9.5)
    _marked(pdf, p.text, _spans(p.text, hits), f.as_of)
    _heading(pdf, "Aturan dan bukti", 9.5)
    for h in hits:
        _line(pdf, _rule(f, h.rule_id, h.rule_version))
        for e in h.evidence:
            where = f"karakter {e['start']}\u2013{e['end']}" if isinstance(e.get("start"), int) \
                else "tanpa posisi di teks"
            _line(pdf, f"    bukti: \u00ab{e.get('text', '')}\u00bb ({where})")
    for x in f.escalations.get(p.finding_id, []):
        detail = f" {json.dumps(x.detail, ensure_ascii=False, sort_keys=True)}" if x.detail else ""
        _line(pdf, f"Pemberatan: {_rule(f, x.rule_id, x.rule_version)}.{detail}")
    seen = f.sightings.get(p.post_pk, [])
    _heading(pdf, f"Penampakan ({len(seen)})", 9.5)
    _table(pdf, (27, 24, 57, 9, 9, 14, 38), ("Waktu dilihat", "Sumber", "Pengambilan (fetch)", "Hal.", "Item",
                                           "Payload", "SHA-256 halaman"),
           [(_when(s.seen_at, zone), SOURCES.get(s.source, s.source), s.fetch_id, s.page_no, s.item_no, s.payload_id,
             s.sha256.strip()[:16] + "\u2026" + (" (dihapus retensi)" if s.removed_at else "")) for s in seen])
    for t in f.tips.get(p.post_pk, []):
        shot = f"; tangkapan layar {t.screenshot_file} (SHA-256 {t.screenshot_sha256})" if t.screenshot_file else ""
        _line(pdf, f"Laporan masyarakat diterima {_when(t.received_at, zone)} "
                   f"(laporan {t.tip_id[:12]}, berkas {t.fetch_id}){shot}")


def _history(pdf: _Doc, f: CaseFile) -> None:
    rows = []
    for e in f.events:
        decision = " ".join(x for x in (e.outcome_label or e.decision_outcome, e.measure and f"({e.measure})") if x)
        rows.append((_when(e.at, f.zone), f"{e.action}: {e.from_label or e.from_state} \u2192 {e.to_label or e.to_state}",
                     e.actor, e.reason, decision))
    _listing(pdf, "Riwayat kasus", "Belum ada langkah.", (27, 42, 24, 49, 36),
             ("Waktu", "Langkah", "Pelaku", "Alasan", "Keputusan"), rows)


def _integrity(pdf: _Doc, f: CaseFile, manifest_sha256: str) -> None:
    _heading(pdf, "Integritas berkas")
    kept = sum(1 for p in f.payloads if p.source != "tips" and p.body is not None)
    removed = sum(1 for p in f.payloads if p.source != "tips" and p.body is None)
    withheld = sum(1 for p in f.payloads if p.source == "tips")
    for line in (
            f"SHA-256 manifest.json: {manifest_sha256}",
            "Bundel ZIP kasus ini memuat halaman mentah sebagaimana diterima (payloads/), arsip WARC "
            "(pages.warc.gz), berkas ini (berkas.pdf), manifest.json dan SHA256SUMS. Hash di atas harus sama "
            "dengan SHA-256 manifest.json di dalam ZIP; `netra case verify` memeriksa setiap hash, juga terhadap "
            "gudang data.",
            f"Halaman mentah: {kept} disertakan, {removed} dihapus oleh retensi (hash yang tercatat tetap "
            f"dicantumkan), {withheld} berkas laporan masyarakat tidak disertakan (memuat kontak pelapor)."):
        _line(pdf, line, 5)
        pdf.ln(1)
