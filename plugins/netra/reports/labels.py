"""Words and numbers as the report's Indonesian readers write them."""
from __future__ import annotations

from netra import platforms

STATUS_DISMISSED, STATUS_REVIEW, STATUS_NO_CASE = "Ditolak tim pemantau", "Perlu telaah", "Belum berkasus"
OWNERS = {"opd": "Akun resmi OPD", "PNS": "PNS", "PPPK": "PPPK", "PTT": "PTT", "unregistered": "Akun tak terdaftar"}
STANCES = {"support": "mendukung", "oppose": "menyerang", "mixed": "mendukung dan menyerang"}
SEVERITIES = {"ringan": "ringan", "sedang": "sedang", "berat": "berat", None: "\u2014"}
QUARANTINE_SOURCES = {"api": "API platform", "capture": "tangkapan tim pemantau", "tips": "laporan masyarakat"}
# The figures a report follows from day to day, in the order of its trend table.
METRICS = {"posts": "Unggahan terpantau", "findings": "Temuan pelanggaran baru", "reviews": "Temuan perlu telaah",
           "escalated": "Temuan dengan pemberatan", "partisan_opd_posts": "Unggahan partisan akun resmi OPD",
           "cases_opened": "Kasus dibuka"}


def platform(name: str) -> str:
    return platforms.PLATFORMS[name].label if name in platforms.PLATFORMS else name


def angka(n) -> str:
    """1.234 (a dot between thousands); 12,5 (a decimal comma)."""
    if n is None:
        return "\u2014"
    if isinstance(n, int) or float(n).is_integer():
        return f"{int(n):,}".replace(",", ".")
    return f"{float(n):,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def persen(x) -> str:
    return "\u2014" if x is None else f"{angka(round(float(x), 1))}%"


def selisih(d) -> str:
    """A change with its sign: +3, \u22122, 0."""
    if d is None:
        return "\u2014"
    d = round(float(d), 1)
    return "0" if d == 0 else ("+" if d > 0 else "\u2212") + angka(abs(d))
