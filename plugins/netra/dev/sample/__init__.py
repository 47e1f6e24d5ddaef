"""Fictional, deterministic sample data: a city's registry and a whole campaign of landing files."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from netra.rules.election import load_election

GENERATOR_VERSION = 1


def _campaign(seed: int, election_file: Path, employees: int):
    """The city and its whole campaign for a seed: the same seed gives the same posts."""
    from netra.dev.sample.campaign import Campaign
    from netra.dev.sample.city import build_city

    election = load_election(election_file)
    rng = random.Random(seed)
    city = build_city(rng, employees)
    campaign = Campaign(rng, city, election)
    campaign.generate()
    return election, city, campaign


def generate(seed: int, out: Path, election_file: Path, employees: int = 3000) -> dict:
    """Write registry/, landing/ and truth.jsonl under `out`; same seed, same bytes."""
    from netra.dev.sample.landing_files import LandingWriter

    election, city, campaign = _campaign(seed, election_file, employees)
    for sub in ("registry", "landing"):
        shutil.rmtree(out / sub, ignore_errors=True)
    city.write(out / "registry")
    counts = LandingWriter(campaign, out / "landing").write()
    campaign.write_truth(out / "truth.jsonl")
    summary = {"seed": seed, "generator_version": GENERATOR_VERSION, "election": election.id,
               "election_sha256": election.sha256, "opds": len(city.opds), "employees": len(city.employees),
               "accounts": len(city.accounts), "posts": len(campaign.posts),
               "partisan": sum(p.label == "partisan" for p in campaign.posts),
               "malformed": len(campaign.malformed), **counts}
    (out / "sample.json").write_text(json.dumps(summary, indent=2))
    return summary


def scoring_posts(seed: int, election_file: Path, employees: int = 3000):
    """The campaign's posts by watched accounts (OPD and employees) as `netra score` input lines,
    labelled like ../shared/eval (keys _label, _candidate, _category) from the generator's truth."""
    _, _, campaign = _campaign(seed, election_file, employees)
    for p in campaign.posts:
        if p.account.owner_type not in ("opd", "employee"):
            continue
        ref = p.ref_post or p.parent
        yield {"platform": p.platform, "post_id": p.post_id, "account_handle": p.account.handle,
               "owner_type": "opd" if p.account.owner_type == "opd" else "asn",
               "created_at": p.created_at.isoformat(), "post_type": p.post_type,
               "referenced_account": ref.account.handle if ref else None, "text": p.text,
               "_label": "partisan" if p.label == "partisan" else "neutral",
               "_candidate": p.candidate or None, "_category": p.category}
