"""A report as PDF (fpdf2): its figures and trend, the charts as PNG, the scorecard and the tables
of findings and cases; the evidence itself stays in the HTML page and the desk. Set in DejaVu Sans
(matplotlib's, as the case PDF), so any OPD or pair name prints."""
from __future__ import annotations

import io
import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from netra.cases.evidence_pdf import font_dir
from netra.reports import labels
from netra.reports.content import Content
from netra.reports.period import tanggal

FONT, HEADING_FILL = "dejavu", (225, 234, 242)
# The most rows a table of the PDF shows (the scorecard of a city's OPDs fits).
PDF_ROWS = 60


class _Doc(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.report_title = title
        self.add_font(FONT, "", font_dir() / "DejaVuSans.ttf")
        self.add_font(FONT, "B", font_dir() / "DejaVuSans-Bold.ttf")
        self.glyphs = set(self.fonts[FONT].cmap) & set(self.fonts[FONT + "B"].cmap)
        self.set_auto_page_break(True, margin=16)
        self.set_margins(14, 14, 14)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(100)
        self.cell(0, 5, self.clean(f"{self.report_title} \u00b7 halaman {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0)

    def clean(self, value) -> str:
        """Printable text: characters the font lacks become a box, invisible ones are dropped."""
        text = "\u2014" if value in (None, "") else str(value)
        return "".join(ch if ord(ch) in self.glyphs else "\u25a1" for ch in text
                       if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf"))

    def heading(self, text: str, size: float = 12) -> None:
        self.ln(2)
        if self.will_page_break(size + 16):
            self.add_page()
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.55, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font(FONT, "", 9)

    def line(self, text: str) -> None:
        self.multi_cell(0, 4.6, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(self, widths: tuple, header: tuple, rows: list[tuple], none: str = "Tidak ada.") -> None:
        """At most PDF_ROWS rows: a long list (every overdue case of a neglected desk) would take
        pages to print and seconds to lay out; the HTML report and the desk have them all."""
        if not rows:
            self.line(none)
            return
        shown, more = rows[:PDF_ROWS], len(rows) - PDF_ROWS
        self.set_font(FONT, "", 7.5)
        with super().table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT", line_height=3.8,
                           padding=0.8, headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL)) as t:
            for values in [header, *shown]:
                row = t.row()
                for v in values:
                    row.cell(self.clean(v))
        self.set_font(FONT, "", 9)
        if more > 0:
            self.line(f"... dan {labels.angka(more)} baris lainnya: daftar lengkap di laporan HTML.")
        self.ln(2)


def render(c: Content, pngs: dict[str, bytes]) -> bytes:
    """The PDF of a report, `pngs` its charts by name (drawn once for both formats' sake)."""
    p = c.period
    pdf = _Doc(p.title)
    pdf.set_title(p.title)
    pdf.set_author("Netra")
    pdf.add_page()
    pdf.heading(p.title, 15)
    elections = "; ".join(name for _, name in c.elections) or "\u2014"
    pdf.line(f"Waktu {p.zone_name} ({p.timezone}). Dibuat {c.generated}. Pemilihan: {elections}.")
    pdf.line("Pegawai hanya ditampilkan dengan pseudonim. Status kasus per saat laporan dibuat.")
    if c.provisional:
        pdf.line(f"Minggu berjalan: data s.d. {c.provisional}.")
    pdf.heading("Ringkasan dan tren")
    names = [name for name, _, _ in c.trends[0].baselines]
    pdf.table((56, 20, *([52 / len(names)] * 2 * len(names))),
              ("Angka", "Periode ini", *(x for n in names for x in (n, "\u0394"))),
              [(t.label, labels.angka(t.value), *(x for _, base, pct in t.baselines for x in (
                  labels.angka(base), "" if base is None else
                  labels.selisih(t.value - base) + (f" ({labels.selisih(pct)}%)" if pct is not None else ""))))
               for t in c.trends])
    pdf.heading("Grafik")
    for chart in c.charts:
        if pdf.will_page_break(60):
            pdf.add_page()
        pdf.set_font(FONT, "B", 9)
        pdf.line(chart.title)
        pdf.image(io.BytesIO(pngs[chart.name]), w=min(150, pdf.epw))
        pdf.ln(3)
    pdf.set_font(FONT, "", 9)
    for card in c.scorecards:
        pdf.heading(f"Rapor netralitas akun resmi OPD: {card.election}")
        pdf.table((14, 70, 18, 16, 18, 16, 16, 14), ("Peringkat", "OPD", "Unggahan", "Partisan", "Porsi", "Telaah",
                                                   "Sebelumnya", "Perubahan"),
                  [(r["rank"], r["opd_name"], labels.angka(r["posts"]), labels.angka(r["partisan_posts"]),
                    labels.persen(r["partisan_pct"]), labels.angka(r["review_posts"]),
                    labels.angka(r["previous_partisan_posts"]), labels.selisih(r["partisan_change"])) for r in card.rows])
    for title, key, label in (("Temuan per status", "status", "Status"), ("Temuan per pasangan calon", "pair", "Pasangan"),
                              ("Temuan per platform", "platform", "Platform"), ("Pemberatan", "escalation", "Aturan")):
        pdf.heading(title, 10.5)
        pdf.table((90, 25), (label, "Temuan"), [(k, labels.angka(n)) for k, n in c.counts[key]])
    pdf.heading("Tenggat kasus yang dekat atau terlewat", 10.5)
    pdf.table((16, 30, 30, 50, 30, 26), ("Kasus", "Status", "Subjek", "OPD", "Tenggat", "Jatuh tempo"),
              [(f"#{d['case_id']}", d["state"], d["subject"], d["opd_name"], d["deadline"], tanggal(d["due_on"]))
               for d in c.deadlines])
    pdf.heading("Kasus yang dieskalasi ke atasan", 10.5)
    pdf.table((16, 40, 60, 40, 26), ("Kasus", "Subjek", "OPD", "Tenggat", "Jatuh tempo"),
              [(f"#{x['case_id']}", x["subject"], x["opd_name"], x["deadline"], tanggal(x["due_on"]))
               for x in c.escalated_cases])
    pdf.heading(f"Temuan baru ({len(c.findings)})", 10.5)
    pdf.table((14, 28, 36, 40, 18, 24, 22), ("No.", "Waktu", "Subjek", "OPD", "Platform", "Pasangan", "Status"),
              [(f"#{f.finding_id}", f.when, f.subject, f.opd, f.platform, ", ".join(f.pairs), f.status) for f in c.findings])
    return bytes(pdf.output())
