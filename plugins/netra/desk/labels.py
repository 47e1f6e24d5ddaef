"""What the desk shows in Bahasa Indonesia: labels of the values the warehouse stores in English or
as codes, and dates in the region's zone. The workflow's own labels (states, actions, decisions)
come from include/rules/cases/workflow.yaml, not from here."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from netra import settings

SEVERITY = {"berat": "Berat", "sedang": "Sedang", "ringan": "Ringan"}
DEADLINE = {"lewat": "Lewat tenggat", "segera": "Jatuh tempo ≤ 3 hari"}
PERIOD = {"pre_determination": "Sebelum penetapan calon", "pre_campaign": "Sebelum kampanye",
          "campaign": "Masa kampanye", "quiet": "Masa tenang", "voting_day": "Hari pemungutan suara",
          "between_rounds": "Antara putaran", "post_election": "Setelah pemungutan suara",
          "after_election": "Setelah pemilihan", "incumbency": "Masa larangan petahana"}
STANCE = {"support": "mendukung", "oppose": "menyerang", "mixed": "campuran"}
POST_TYPE = {"original": "Unggahan", "share": "Bagikan ulang", "quote": "Kutipan", "reply": "Balasan",
             "comment": "Komentar"}
OWNER_KIND = {"opd": "Akun resmi OPD", "PNS": "PNS", "PPPK": "PPPK", "PTT": "PTT", "unregistered": "Tidak terdaftar"}
VERDICT = {"dikonfirmasi": "Dikonfirmasi", "ditolak": "Ditolak"}
UNIT = {"calendar": "hari kalender", "working": "hari kerja"}
ROLE = {"case_officer": "Petugas kasus", "supervisor": "Atasan langsung"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def label(table: dict, value) -> str:
    """The label of a value, or the value itself when the table does not know it."""
    return table.get(value, value) if value is not None else ""


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def when(value: dt.datetime | None) -> str:
    """A moment in the region's zone, with the zone's abbreviation (WITA)."""
    if value is None:
        return ""
    local = _local(value)
    return f"{date(local.date())} {local:%H.%M} {local.tzname()}"


def days_left(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"lewat {-days} hari"
    return "hari ini" if days == 0 else f"{days} hari lagi"


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(ZoneInfo(settings.timezone()))
