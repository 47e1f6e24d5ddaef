"""The text rules: who a post is about, and whether it takes a side.

The election file and the lexicons are compiled once (netra.rules.patterns). A post is judged in
two passes. A batch of posts is normalized and scanned in one go for anything that could start a
reference (a name, number, gesture or vote word); only the few posts that have one are analysed,
with offsets tracked back into the original text:

- references (netra.rules.references, netra.rules.ballots): names (a name that is also a common
  word or given name needs something to back it: election words, its running mate, its number,
  or being spelt out to evade), slogans, hashtags, ballot calls ("coblos yg no 1", "paslon 2"),
  zero-padded numbers, finger gestures; a candidate's handle that only addresses them (a reply's
  leading @handles) and a name in a link count only when the poster's own words judge
  (netra.rules.postform);
- stance per reference (netra.rules.stance): a vote or opposition cue before it in its sentence,
  an opposition cue after it, else the nearest praise or criticism in its sentence; a name with
  none of these is mentioned, not supported, when the post takes a side on another pair;
- guards, each named in the verdict: a post that names every pair, or weighs pairs, without a
  word for or against any is information; so is news: neutral-information cues (KPU, Bawaslu,
  jadwal ...), an office title before the name ("Presiden X meresmikan"), or a post written as
  a report (a headline, an article link, reported speech) with no word of the poster's own
  (netra.rules.context).
Interactions with candidate accounts are a rule over the warehouse (include/sql/rules/).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import accumulate

from netra.rules.ballots import Ballots
from netra.rules.catalogue import Catalogue
from netra.rules.context import addressed_and_judged, chanted, in_office, namesake, reporting
from netra.rules.election import Election
from netra.rules.lexicon import Lexicon
from netra.rules.patterns import Patterns, RefPattern
from netra.rules.post import Post
from netra.rules.postform import PostForm
from netra.rules.references import Ref, Tracked, evidence, explained, kind_at, matches, obfuscated, quotes
from netra.rules.stance import drop_conditional, stances_of
from netra.rules.textnorm import normalize_joined
from netra.rules.verdict import Hit, Verdict

CONTEXT = {"vote", "attend", "oppose_before", "oppose_after", "election", "ballot"}
CAMPAIGN = {"vote", "attend", "oppose_before", "oppose_after"}
JUDGING = {"vote", "oppose_before", "oppose_after", "praise", "negative", "mockery"}     # the poster's own side-taking
STRONG = {"NET-SLOGAN", "NET-HASHTAG", "NET-BALLOT"}
_HANDLE_GOES_ON = re.compile(r"[A-Za-z0-9_]|\.[A-Za-z0-9_]")


class Engine:
    """Judges posts against one election: its compiled patterns and ballot numbers are built once
    here, then shared by every post."""

    def __init__(self, election: Election, catalogue: Catalogue, lexicon: Lexicon):
        self.election, self.catalogue, self.lexicon = election, catalogue, lexicon
        self.numbers = sorted(c.number for c in election.candidates)
        self._p = {r.id: r.params for r in catalogue.rules}
        self.patterns = Patterns(election, self._p, lexicon, self.numbers)
        self.ballots = Ballots(self.numbers, lexicon)

    def evaluate(self, text: str, shared_from: str | None = None) -> Verdict | None:
        """One post (evaluate_many is the fast way for many)."""
        return self.evaluate_many([text], [shared_from])[0]

    def evaluate_many(self, texts: list[str], shared_from: list[str | None] | None = None) -> list[Verdict | None]:
        """One verdict per text: None when nothing in it refers to a candidate. `shared_from` is,
        per text, the account a share or quote passes on (a news outlet's post is news)."""
        texts = [t.replace("\x00", " ") if t and "\x00" in t else (t or "") for t in texts]
        joined = normalize_joined(texts, "\x00")
        parts = joined.split("\x00")
        ends = list(accumulate(map(len, parts), lambda at, size: at + size + 1))   # where each part's \x00 is
        verdicts: list[Verdict | None] = [None] * len(texts)
        for i in {bisect.bisect_left(ends, end) for end, _ in self.patterns.trigger.iter(joined)}:
            verdicts[i] = self._analyse(texts[i], parts[i], shared_from[i] if shared_from else None)
        return verdicts

    def _analyse(self, text: str, t: str, shared_from: str | None = None) -> Verdict | None:
        """Judge one post from its normal form t; offsets are tracked only once there is evidence."""
        nt = Tracked(text, t)
        form = PostForm(text, self.patterns.news, self.patterns.proper, shared_from)
        post = Post(text, t, nt, form)
        refs: list[Ref] = []
        ambiguous: list[Ref] = []
        indirect: list[Ref] = []
        cues: list[tuple[int, int, str]] = []
        fingers: list[Ref] = []
        guards: list[str] = []
        for start, end, entries, in_tag in matches(self.patterns, t):
            numbers = {e[1].number for e in entries if e[0] == "ref"}
            if t[start] != "#" and any(e[0] == "ref" and e[1].rule_id == "NET-NAME" for e in entries):
                # a pair's name that is also its slogan or a tag without "#" ("RIYU") names it
                entries = [e for e in entries if e[0] != "ref" or e[1].rule_id == "NET-NAME"]
            where = None
            for e in entries:
                if e[0] == "cue":
                    if where is None:
                        where = kind_at(form, nt, start, end)
                    if where == "direct":
                        cues.append((start, end, e[1]))
                elif e[0] == "ref" and len(numbers) == 1:       # a key two pairs share names neither
                    pattern: RefPattern = e[1]
                    if (pattern.hashtag_only and not in_tag) or (
                            pattern.spelled_only and not obfuscated(nt, text, t, Ref(start, end, "", 0))):
                        continue
                    rule = "NET-HASHTAG" if in_tag and pattern.rule_id == "NET-NAME" else pattern.rule_id
                    if t[start] == "@" and _HANDLE_GOES_ON.match(text, nt.span(start, end)[1]):
                        continue        # "@rizki.yuni_fans" is another account
                    r = Ref(start, end, rule, pattern.number, incumbent=pattern.incumbent, person=pattern.person,
                            typo=pattern.typo)
                    r.kind = kind_at(form, nt, start, end)
                    if r.kind != "direct":
                        indirect.append(r)
                    elif pattern.ambiguous and not (pattern.camel and text[slice(*nt.span(start, end))] == pattern.camel):
                        ambiguous.append(r)
                    else:
                        refs.append(r)
                elif e[0] == "finger":
                    fingers.append(Ref(start, end, "NET-BALLOT", e[1]))
                elif e[0] == "zero" and self._p["NET-BALLOT"]["zero_padded_number_alone"] and self.ballots.plain_number(t, start, end):
                    if kind_at(form, nt, start, end) == "direct":
                        refs.append(Ref(start, end, "NET-BALLOT", e[1]))
        post.set_cues(drop_conditional(cues))
        cues, classes = post.cues, post.classes
        for group in (refs, ambiguous):
            namesakes = [r for r in group if r.rule_id == "NET-NAME" and namesake(self.patterns, post, r)]
            if namesakes:
                gone = {id(r) for r in namesakes}
                group[:] = [r for r in group if id(r) not in gone]
                guards.append("namesake: " + quotes(nt, text, namesakes))
        calls, listing = self.ballots.calls(t, cues, "gesture_neutral" in classes)
        if calls:
            spans = sorted((c.start, c.end) for c in calls)
            call_starts = [c[0] for c in spans]
            reach = list(accumulate((c[1] for c in spans), max))        # the furthest end so far
            refs = [r for r in refs if not ((i := bisect.bisect_right(call_starts, r.start)) and reach[i - 1] >= r.end)] + calls
        if listing:             # "coblos nomor 1, 2 atau 3": how to vote, not for whom
            listed = set(listing)
            post.set_cues([c for c in cues if c not in listed])
            cues, classes = post.cues, post.classes
            guards.append("every ballot number listed")
        if fingers:                 # a finger emoji and the same number or candidate back each other
            backed = {r.number for r in refs + ambiguous} | self.ballots.plain_numbers(t)
            cued = not self._p["NET-BALLOT"]["finger_emoji_needs_cue"] or {"vote", "election"} <= classes
            refs += [f for f in fingers if cued or f.number in backed]
        if ambiguous and (refs or classes & CONTEXT):
            refs += ambiguous
        elif ambiguous:     # names that back each other: both of a pair's people, or its number too
            people = defaultdict(set)
            for r in ambiguous:
                people[r.number].add(r.person)
            backed = {n for n, persons in people.items() if len(persons - {None}) > 1} | self.ballots.plain_numbers(t)
            # spelling a name out (W.a.h.y.u.n.i, R1zk1) is intent; so is a slogan shouted
            unbacked = []
            for r in ambiguous:
                if r.number in backed or obfuscated(nt, text, t, r) or (
                        r.rule_id == "NET-SLOGAN" and chanted(post, r)) or addressed_and_judged(self.patterns, post, r):
                    r.kind = "backed"
                    refs.append(r)
                else:
                    unbacked.append(r)
            if unbacked:
                guards.append("needs context: " + quotes(nt, text, unbacked))
        if not refs and indirect:
            if classes & (JUDGING | {"attend", "election"}):
                refs = indirect         # "@rizki.yuni payah, janji doang 🤣"
                guards.append("addressed: judged by the post's own words")
            else:
                guards.append("addressed only: " + quotes(nt, text, indirect))
        if not refs:
            return self._quiet(nt, text, [], ambiguous + indirect, guards) if guards else None
        refs.sort(key=lambda r: r.start)
        incumbent = [evidence(nt, text, r) for r in refs if r.incumbent]
        stances = stances_of(post.sentences, refs, cues)
        judged = [s for s in stances if s]
        numbers = {r.number for r in refs}
        strong = [r for r in refs if r.rule_id in STRONG and not r.by_ballot_word]
        quiet = None
        if "congratulate" in classes and not classes & (CAMPAIGN | {"negative", "mockery"}):
            quiet = "congratulates the winner"
        elif (len(self.numbers) > 1 and numbers >= set(self.numbers) and classes & {"unity", "listing"}
              and "oppose" not in stances and not classes & {"vote", "oppose_before", "oppose_after", "negative", "mockery"}):
            quiet = "every pair in a message of unity"
        elif len(numbers) > 1 and not (judged or strong or classes & JUDGING) and ("voice" not in classes or form.asks):
            # news or a question; in the poster's own voice, comparing the pairs is taking part
            quiet = ("names every pair" if numbers >= set(self.numbers) else "weighs pairs") + " without a word for or against"
        elif self._p["NET-NAME"]["neutral_context_clears"] and not classes & CAMPAIGN and not strong:
            # News and notices: a name, or "paslon nomor urut 2", beside KPU, Bawaslu, a schedule ...
            if not classes & {"praise", "negative", "mockery"} and classes & {"neutral", "listing"}:
                quiet = "neutral information: " + ", ".join(sorted(classes & {"neutral", "listing"}))
            elif not classes & {"praise", "negative", "mockery"} and all(in_office(post, r) for r in refs):
                quiet = "named by office"
            elif "past" in classes and not classes & JUDGING:
                quiet = "an anecdote of the past"
        if (not quiet and self._p["NET-NAME"]["reporting_clears"] and not strong and not classes & (JUDGING | {"voice"})
                and (reason := reporting(post, refs))):
            quiet = reason              # news of a campaign event is news: attendance words may stay
        if quiet:
            guards.append(quiet)
            verdict = self._quiet(nt, text, refs, [], guards)
            verdict.incumbent = incumbent
            return verdict
        if judged:                  # a name merely mentioned beside the pair the post takes sides on
            kept = [(r, s) for r, s in zip(refs, stances, strict=True) if s or r.rule_id in STRONG]
            if len(kept) < len(refs):
                guards.append("mentioned only: " + quotes(nt, text, [r for r, s in zip(refs, stances, strict=True)
                                                                      if not (s or r.rule_id in STRONG)]))
        else:
            kept = list(zip(refs, stances, strict=True))
        kept = [(r, s or "support") for r, s in kept]
        supports = {r.number for r, s in kept if s == "support"}
        opposes = {r.number for r, s in kept if s == "oppose"}
        hits: dict[str, Hit] = {}
        for r, s in kept:
            h = hits.setdefault(r.rule_id, Hit(r.rule_id, [], stance=s))
            if r.number not in h.candidate_numbers:
                h.candidate_numbers.append(r.number)
            if h.stance != s:
                h.stance = "mixed"
            h.evidence.append(evidence(nt, text, r))
        for h in hits.values():
            h.candidate_numbers.sort()
        stance = "mixed" if opposes and supports - opposes else ("oppose" if opposes else "support")
        references = [explained(nt, text, r, s, True) for r, s in kept]
        return Verdict(True, [hits[k] for k in sorted(hits)], sorted(supports), sorted(opposes), stance, incumbent,
                       references, guards)

    def _quiet(self, nt: Tracked, text: str, refs: list[Ref], unused: list[Ref], guards: list[str]) -> Verdict:
        references = [explained(nt, text, r, None, False) for r in sorted(refs + unused, key=lambda r: r.start)]
        return Verdict(False, [], [], [], None, [], references, guards)
