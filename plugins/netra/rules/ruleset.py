"""A loaded ruleset (catalogue, lexicons, election) and the one place that turns rule hits into a
finding: which rules apply to this owner in this period, the severity, escalations and reviews.
Both the warehouse pipeline (netra.judge) and `netra score` judge through here.

Its label, which findings record as their ruleset version, names the catalogue and rule versions
and ends in a digest of every file it was loaded from (catalogue with its parameters, lexicons,
election file), so a finding says exactly which rules made it."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from netra import settings
from netra.rules.catalogue import Catalogue, load_catalogue
from netra.rules.datafile import RulesFileError
from netra.rules.election import Election, load_election
from netra.rules.engine import Engine
from netra.rules.lexicon import load_lexicon
from netra.rules.verdict import Hit, Verdict

TIERS = ["ringan", "sedang", "berat"]


@dataclass(frozen=True)
class Ruleset:
    catalogue: Catalogue
    engine: Engine
    # SHA-256 of each rules file it was loaded from, by path under the rules directory (the
    # catalogue, then the lexicons in path order); the election file's is the election's own.
    files: tuple[tuple[str, str], ...]
    _by_day: dict[dt.date, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def election(self) -> Election:
        return self.engine.election

    @property
    def label(self) -> str:
        """The ruleset version findings record: readable versions, then `#` and 12 hex digits of a
        SHA-256 over the hashes of the catalogue, the lexicons and the election file."""
        lines = "\n".join([f"{name} {sha}" for name, sha in self.files] + [f"election {self.election.sha256}"])
        return f"{self.catalogue.label}#{hashlib.sha256(lines.encode()).hexdigest()[:12]}"

    def provenance(self) -> dict:
        """What the label stands for, for the audit trail."""
        return {"label": self.label, "files": dict(self.files), "election_id": self.election.id,
                "election_sha256": self.election.sha256}

    def periods(self, when: dt.datetime) -> frozenset[str]:
        """The periods a moment falls in; memoised per local day, as posts share few days."""
        day = self.election.local_day(when)
        if (found := self._by_day.get(day)) is None:
            months = self.catalogue.param("NET-INCUMBENT", "months_before_determination")
            found = self._by_day[day] = self.election.periods_of(day, months)
        return found

    def interaction(self, post_type: str, number: int | None, ref: str) -> Hit | None:
        """NET-INTERACT for a post that shares, quotes, replies to or comments on a candidate account."""
        if number is None or post_type not in self.catalogue.param("NET-INTERACT", "post_types"):
            return None
        return Hit("NET-INTERACT", [number], [{"text": f"{post_type} of @{ref}", "start": None, "end": None,
                                              "candidate_number": number}])


def _hashes(rules: Path) -> tuple[tuple[str, str], ...]:
    paths = [rules / "catalogue.yaml", *sorted((rules / "lexicon").glob("*.yaml"))]
    return tuple((p.relative_to(rules).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths)


def ruleset(election_path: Path, rules: Path | None = None) -> Ruleset:
    """The ruleset of the rules files as they are now (under settings.rules_dir() unless `rules`
    says otherwise) with this election file; loaded once per distinct content."""
    rules, election_path = rules or settings.rules_dir(), Path(election_path)
    return _load(election_path, rules, _hashes(rules), hashlib.sha256(election_path.read_bytes()).hexdigest())


@lru_cache(maxsize=8)
def _load(election_path: Path, rules: Path, files: tuple[tuple[str, str], ...], election_sha256: str) -> Ruleset:
    catalogue = load_catalogue(rules / "catalogue.yaml")
    lexicon = load_lexicon(rules / "lexicon")
    election = load_election(election_path)
    if _hashes(rules) != files or election.sha256 != election_sha256:
        raise RulesFileError(f"the rules files under {rules} or {election_path} changed while they were read")
    return Ruleset(catalogue, Engine(election, catalogue, lexicon), files)


def judge(rs: Ruleset, owner_kind: str, periods: frozenset[str], verdict: Verdict | None,
          interactions: list[Hit] = (), pairs: list[int] | None = None) -> dict | None:
    """One post version's finding, or None. A breach needs a detect rule that applies to the owner
    in the period; failing that, an official account naming the incumbent in the incumbency window
    gets a review. Unregistered owners (public tips) get no severity: their status is unknown.
    `pairs` are those in the race that day (Election.pairs_on): when two remain and the catalogue
    says so, attacking one supports the other."""
    cat = rs.catalogue

    def applies(rule_id: str) -> bool:
        rule = cat.rule(rule_id)
        return bool(periods & set(rule.periods)) and (owner_kind == "unregistered" or owner_kind in rule.applies_to)

    hits = [h for h in (verdict.hits if verdict and verdict.flagged else []) + list(interactions) if applies(h.rule_id)]
    if hits:
        text_hits = [h for h in hits if h.rule_id != "NET-INTERACT"]
        supports = set(verdict.supports if text_hits else [])
        opposes = set(verdict.opposes if text_hits else [])
        supports |= {n for h in hits if h.rule_id == "NET-INTERACT" for n in h.candidate_numbers}
        pairs = pairs if pairs is not None else [c.number for c in rs.election.candidates]
        if cat.stance.attack_in_two_pair_race_favours_other and len(pairs) == 2 and len(opposes) == 1 \
                and opposes <= set(pairs) and not supports:
            supports = set(pairs) - opposes     # not when the pair attacked is out of the race
        stances = {verdict.stance} if text_hits else set()
        if len(hits) > len(text_hits):
            stances.add("support")
        rules = [cat.rule(h.rule_id) for h in hits]
        tiers = [r.severity.discipline.get(owner_kind) for r in rules]
        return {
            "disposition": "breach", "candidate_numbers": tuple(sorted(supports | opposes)),
            "supports": sorted(supports), "opposes": sorted(opposes),
            "stance": stances.pop() if len(stances) == 1 else "mixed",
            "severity_ethics": next((r.severity.ethics for r in rules if r.severity.ethics), None),
            "severity_discipline": max((t for t in tiers if t), key=TIERS.index, default=None),
            "escalations": ["NET-QUIET"] if applies("NET-QUIET") else [],
            "hits": [{"rule_id": r.id, "rule_version": r.version, "candidate_numbers": h.candidate_numbers,
                      "stance": h.stance, "evidence": h.evidence} for r, h in zip(rules, hits, strict=True)]}
    if verdict and verdict.incumbent and owner_kind == "opd" and applies("NET-INCUMBENT"):
        rule = cat.rule("NET-INCUMBENT")
        numbers = sorted({e["candidate_number"] for e in verdict.incumbent})
        return {"disposition": "review", "candidate_numbers": tuple(numbers), "supports": [], "opposes": [],
                "stance": None, "severity_ethics": None, "severity_discipline": None, "escalations": [],
                "hits": [{"rule_id": rule.id, "rule_version": rule.version, "candidate_numbers": numbers,
                          "stance": None, "evidence": verdict.incumbent}]}
    return None
