"""A fictional city about the size of Kota Mataram: OPDs, employees and their declared accounts.

Written as the registry CSVs that `netra registry load` reads (the same files a real city
exports from its personnel system and its account declarations).
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from netra import platforms
from netra.dev.sample.texts import FIRST_NAMES, LAST_NAMES

OPD_NAMES = [
    ("SETDA", "Sekretariat Daerah", "sekretariat"), ("SETWAN", "Sekretariat DPRD", "sekretariat"),
    ("INSP", "Inspektorat", "inspektorat"), ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "badan"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan"), ("BAPENDA", "Badan Pendapatan Daerah", "badan"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan"), ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan"),
    ("DIKBUD", "Dinas Pendidikan", "dinas"), ("DINKES", "Dinas Kesehatan", "dinas"),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"), ("PERKIM", "Dinas Perumahan dan Permukiman", "dinas"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satuan"), ("DINSOS", "Dinas Sosial", "dinas"),
    ("DISNAKER", "Dinas Tenaga Kerja", "dinas"), ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas"),
    ("DKP", "Dinas Ketahanan Pangan", "dinas"), ("DLH", "Dinas Lingkungan Hidup", "dinas"),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"), ("DPMPTSP", "Dinas Penanaman Modal dan PTSP", "dinas"),
    ("DISHUB", "Dinas Perhubungan", "dinas"), ("KOMINFO", "Dinas Komunikasi dan Informatika", "dinas"),
    ("DISKOP", "Dinas Koperasi dan UKM", "dinas"), ("DISPORA", "Dinas Pemuda dan Olahraga", "dinas"),
    ("DISPAR", "Dinas Pariwisata", "dinas"), ("DISBUD", "Dinas Kebudayaan", "dinas"),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas"), ("DISTAN", "Dinas Pertanian", "dinas"),
    ("DKP2", "Dinas Kelautan dan Perikanan", "dinas"), ("DISDAG", "Dinas Perdagangan", "dinas"),
    ("DISPERIN", "Dinas Perindustrian", "dinas"), ("RSUD", "Rumah Sakit Umum Daerah Kota", "rsud"),
    ("KEC-SB", "Kecamatan Segara Barat", "kecamatan"), ("KEC-ST", "Kecamatan Segara Timur", "kecamatan"),
    ("KEC-PI", "Kecamatan Pantai Indah", "kecamatan"), ("KEC-BH", "Kecamatan Bukit Hijau", "kecamatan"),
    ("KEC-SJ", "Kecamatan Sungai Jernih", "kecamatan"), ("KEC-KL", "Kecamatan Kota Lama", "kecamatan"),
    ("DAMKAR", "Dinas Pemadam Kebakaran", "dinas"),
]
PLATFORMS = list(platforms.NAMES)
# Share of personal declared accounts per platform, and chance an OPD runs an official one.
PERSONAL_SHARE = {"facebook": 0.40, "instagram": 0.30, "tiktok": 0.15, "x": 0.10, "youtube": 0.05}
OFFICIAL_CHANCE = {"facebook": 1.0, "instagram": 0.9, "x": 0.45, "tiktok": 0.4, "youtube": 0.3}


@dataclass
class Account:
    platform: str
    handle: str
    platform_user_id: str | None
    owner_type: str                 # opd | employee
    opd_code: str | None = None
    employee_code: str | None = None
    official: bool = False
    display_name: str = ""


@dataclass
class Employee:
    code: str
    nip: str | None
    name: str
    status: str
    position: str
    opd_code: str
    supervisor: str | None = None
    moved_from: tuple[str, dt.date] | None = None  # earlier unit and the day the move took effect


@dataclass
class City:
    opds: list[tuple[str, str, str]]
    employees: list[Employee]
    accounts: list[Account] = field(default_factory=list)

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        _csv(out / "opd.csv", ["code", "name", "kind"], self.opds)
        _csv(out / "employee.csv", ["employee_code", "nip", "full_name", "status", "position", "supervisor_code"],
             [(e.code, e.nip or "", e.name, e.status, e.position, e.supervisor or "") for e in self.employees])
        rows = []
        for e in self.employees:
            if e.moved_from:
                old, moved = e.moved_from
                rows.append((e.code, old, "2019-01-02", moved.isoformat()))
                rows.append((e.code, e.opd_code, moved.isoformat(), ""))
            else:
                rows.append((e.code, e.opd_code, "2019-01-02", ""))
        _csv(out / "assignment.csv", ["employee_code", "opd_code", "valid_from", "valid_to"], rows)
        _csv(out / "account.csv", ["platform", "handle", "platform_user_id", "owner_type", "opd_code",
                                   "employee_code", "official", "declared_on"],
             [(a.platform, a.handle, a.platform_user_id or "", a.owner_type, a.opd_code or "",
               a.employee_code or "", "true" if a.official else "false", "2024-09-01") for a in self.accounts])


def _csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _nip(rng: random.Random, seq: int) -> str:
    born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 34))
    tmt = f"{rng.randrange(1990, 2023)}{rng.randrange(1, 13):02d}"
    return f"{born:%Y%m%d}{tmt}{rng.choice('12')}{seq % 1000:03d}"


def _handle(rng: random.Random, name: str, platform: str, taken: set, wide: bool = False) -> str:
    """A free handle made from the name; `wide` draws from enough numbers for a province's staff."""
    parts = [p.lower() for p in name.replace(",", "").split() if p[0].isalpha()]
    sep = {"facebook": ".", "instagram": rng.choice([".", "_"]), "x": "_", "tiktok": rng.choice(["", "_"]),
           "youtube": ""}[platform]
    while True:
        base = sep.join(parts[:2]) if rng.random() < 0.7 else parts[0]
        if wide:
            suffix = str(rng.randrange(1, 100_000))
            handle = base[:15 - len(suffix)] + suffix if platform == "x" else base + suffix
        else:
            handle = f"{base}{rng.choice(['', str(rng.randrange(1, 99)), str(rng.randrange(1970, 2005))])}"
        if platform == "x":
            handle = handle[:15]
        if (platform, handle.lower()) not in taken:
            taken.add((platform, handle.lower()))
            return handle


def _platform_id(rng: random.Random, platform: str) -> str | None:
    if platform == "facebook":
        return str(rng.randrange(10**14, 10**15))
    if platform == "instagram":
        return str(17841400000000000 + rng.randrange(10**12))
    if platform == "x":
        return str(rng.randrange(10**17, 10**18))
    if platform == "youtube":
        return "UC" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                              for _ in range(22))
    return None  # TikTok's Research API identifies accounts by username only


def build_city(rng: random.Random, employees: int = 3000, region: str = "", taken: set | None = None,
               used_nips: set | None = None) -> City:
    """The city's OPDs, staff and declared accounts. A province's regions are cities built with a
    `region` code (prefixing OPD and employee codes and official handles) and the handles and NIPs
    taken by the regions before them."""
    prefix = f"{region}-" if region else ""
    opds = [(prefix + c, n + (f" {region}" if region else ""), k) for c, n, k in OPD_NAMES]
    weights = [6 if c in ("DIKBUD", "DINKES", "RSUD") else 3 if c.startswith("KEC") else 2 for c, _, _ in OPD_NAMES]
    staff: list[Employee] = []
    heads: dict[str, str] = {}
    used_nips = set() if used_nips is None else used_nips
    for i in range(employees):
        opd = opds[i][0] if i < len(opds) else rng.choices(opds, weights)[0][0]
        status = "PNS" if i < len(opds) else rng.choices(["PNS", "PPPK", "PTT"], [60, 25, 15])[0]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.15:
            name += rng.choice([", S.E.", ", S.Pd.", ", S.Kom.", ", S.H.", ", A.Md."])
        nip = None
        if status != "PTT":
            nip = _nip(rng, i)
            while nip in used_nips:
                nip = _nip(rng, i + rng.randrange(1000))
            used_nips.add(nip)
        code = f"{prefix}E{i + 1:05d}"
        position = "Kepala" if i < len(opds) else rng.choice(
            ["Staf", "Staf", "Staf", "Analis", "Pranata Komputer", "Bendahara", "Kepala Seksi", "Kepala Bidang"])
        e = Employee(code, nip, name, status, position, opd)
        if i < len(opds):
            heads[opd] = code
        else:
            e.supervisor = heads[opd]
            if rng.random() < 0.08:
                old = rng.choice([o for o, _, _ in opds if o != opd])
                e.moved_from = (old, dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(0, 240)))
        staff.append(e)
    city = City(opds, staff)
    taken = set() if taken is None else taken
    for code, name, _ in opds:
        for platform in PLATFORMS:
            if rng.random() < OFFICIAL_CHANCE[platform]:
                slug = code.lower().replace("-", "")
                handle = {"facebook": f"{slug.capitalize()}PuriSegara", "instagram": f"{slug}.purisegara",
                          "x": f"{slug}_psg"[:15], "tiktok": f"{slug}purisegara",
                          "youtube": f"{slug.capitalize()}PuriSegaraTV"}[platform]
                if (platform, handle.lower()) in taken:
                    raise ValueError(f"official handle {handle} on {platform} is taken twice")
                taken.add((platform, handle.lower()))
                city.accounts.append(Account(platform, handle, _platform_id(rng, platform), "opd",
                                             opd_code=code, official=True, display_name=name))
    for e in staff:
        if rng.random() < 0.58:
            declared = rng.choices(list(PERSONAL_SHARE), list(PERSONAL_SHARE.values()))
            if rng.random() < 0.12:
                declared.append(rng.choice([p for p in PLATFORMS if p not in declared]))
            for platform in declared:
                city.accounts.append(Account(platform, _handle(rng, e.name, platform, taken, bool(region)),
                                             _platform_id(rng, platform), "employee",
                                             employee_code=e.code, display_name=e.name))
    return city
