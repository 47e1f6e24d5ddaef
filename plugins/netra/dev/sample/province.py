"""A province's heavy campaign day, for `make bench-scale`: a registry and one day of landing files.

Each region is a sample city (its own OPDs, staff and declared accounts, codes prefixed by region)
whose campaign is generated for that one day, `activity` times as busy as the sample city's, and
written into one landing tree before the next region is generated: only one region's posts are in
memory at once. The payload shapes and the faults are the sample's. The candidates are the
election's, posting in every region, and fetched once.
"""
from __future__ import annotations

import json
import random
import shutil
from collections import defaultdict
from pathlib import Path

from netra.extract import layout
from netra.rules.election import load_election

GENERATOR_VERSION = 1
# About a million posts in the day: 10 regions of 20,000 staff, each declared account posting about
# 6.6 times that day (12 times the sample city's rate), with the public's comments under OPD posts.
REGIONS, EMPLOYEES, ACTIVITY = 10, 20_000, 12


def generate(seed: int, out: Path, election_file: Path, *, regions: int = REGIONS, employees: int = EMPLOYEES,
             activity: int = ACTIVITY) -> dict:
    """Write registry/, landing/ and province.json under `out` for the election's last campaign
    day; the same arguments give the same bytes."""
    from netra.dev.sample.campaign import Campaign
    from netra.dev.sample.city import City, build_city
    from netra.dev.sample.landing_files import LandingWriter

    election = load_election(election_file)
    day = election.election.periods.campaign[1]
    for sub in ("registry", "landing"):
        shutil.rmtree(out / sub, ignore_errors=True)
    rng = random.Random(seed)
    taken, nips = set(), set()
    province = City([], [])
    counts: dict[str, int] = defaultdict(int)
    posts = 0
    manifests: dict[str, list[layout.ManifestEntry]] = defaultdict(list)
    for n in range(regions):
        region = f"R{n + 1:02d}"
        city = build_city(rng, employees, region, taken, nips)
        campaign = Campaign(rng, city, election, days=[day], activity=activity, region=region,
                            id_base=10**6 + n * 10**8)
        campaign.generate()
        writer = LandingWriter(campaign, out / "landing", candidates=n == 0, append=n > 0)
        for platform, entries in writer.fetches(day).items():
            manifests[platform].extend(entries)
        writer.captures(day)
        writer.tips(day)
        for k, v in writer.counts.items():
            counts[k] += v
        posts += len(campaign.posts)
        province.opds += city.opds
        province.employees += city.employees
        province.accounts += city.accounts
    for platform, entries in manifests.items():
        layout.write_manifest(out / "landing", platform, day, entries)
    province.write(out / "registry")
    summary = {"seed": seed, "generator_version": GENERATOR_VERSION, "election": election.id,
               "election_sha256": election.sha256, "day": day.isoformat(), "regions": regions,
               "employees_per_region": employees, "activity": activity, "opds": len(province.opds),
               "employees": len(province.employees), "accounts": len(province.accounts), "posts": posts,
               **counts}
    (out / "province.json").write_text(json.dumps(summary, indent=2))
    return summary


def current(out: Path, seed: int, election_file: Path, **sizes) -> dict | None:
    """The summary of the province already under `out` if it was generated with these arguments
    by this generator, else None."""
    try:
        summary = json.loads((out / "province.json").read_text())
    except (OSError, ValueError):
        return None
    want = {"seed": seed, "generator_version": GENERATOR_VERSION, "election_sha256": load_election(election_file).sha256,
            "regions": sizes.get("regions", REGIONS), "employees_per_region": sizes.get("employees", EMPLOYEES),
            "activity": sizes.get("activity", ACTIVITY)}
    return summary if all(summary.get(k) == v for k, v in want.items()) else None
