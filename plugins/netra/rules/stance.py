"""Which side a post takes on each pair it names: the cue that introduces a reference, an
opposition word after it, or the judging word nearest to it in its sentence."""
from __future__ import annotations

import bisect
from collections import defaultdict

from netra.rules.post import Sentences
from netra.rules.references import Ref


def drop_conditional(cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Praise right after a conditional word states a condition: "jika terpilih", "kalau menang"."""
    conditions = {end for _, end, cls in cues if cls == "conditional"}
    if not conditions:
        return cues
    return [c for c in cues if not (c[2] == "praise" and {c[0], c[0] - 1, c[0] - 2} & conditions)]


def stances_of(sentences: Sentences, refs: list[Ref], cues) -> list[str | None]:
    """Each reference's stance: the nearest vote or opposition cue before it in its sentence
    (with no other reference between), else an opposition cue after it (before the next
    reference), else the praise or criticism in its sentence nearest to it, a judging word
    belonging to the reference it is nearest to; None when it has none. Laughter judges only
    when every reference is a handle or a link. refs and cues are in text order; the work
    grows with their number, not with its square."""
    starts = [o.start for o in refs]
    cue_starts = [c[0] for c in cues]
    judging = {"praise", "negative", "vote"} | ({"mockery"} if all(o.kind in ("address", "link") for o in refs) else set())
    owned: dict[int, list[tuple[int, int, str]]] = defaultdict(list)     # pair -> judging words nearest to it
    for c in cues:
        if c[2] not in judging:
            continue
        head, tail = sentences.around(c[0], c[1])
        i = bisect.bisect_left(starts, c[0])
        left = i - 1
        while left >= 0 and refs[left].end > c[0]:
            left -= 1
        right = i
        while right < len(refs) and refs[right].start < c[1]:
            right += 1
        near = [(c[0] - refs[left].end, refs[left]) if left >= 0 and refs[left].start >= head else None,
                (refs[right].start - c[1], refs[right]) if right < len(refs) and refs[right].end <= tail else None]
        near = [n for n in near if n]
        if near:
            owned[min(near, key=lambda n: n[0])[1].number].append(c)
    found = []
    for k, r in enumerate(refs):
        if r.stance:
            found.append(r.stance)
            continue
        head, tail = sentences.around(r.start, r.end)
        previous = bisect.bisect_left(starts, r.start) - 1          # the last other reference before it
        after = max(head, refs[previous].end + 1 if previous >= 0 else 0)     # a cue inside it is its own
        stance = None
        j = bisect.bisect_left(cue_starts, r.start) - 1
        while j >= 0 and cues[j][0] >= head and cues[j][1] >= after:
            if cues[j][1] <= r.start and cues[j][2] in ("vote", "oppose_before"):
                stance = "oppose" if cues[j][2] == "oppose_before" else "support"
                break
            j -= 1
        if stance is None:
            nxt = bisect.bisect_left(starts, r.end)
            limit = min(refs[nxt].start if nxt < len(refs) else tail, tail)
            j = bisect.bisect_left(cue_starts, r.end)
            while j < len(cues) and cues[j][0] < limit:
                if cues[j][2] == "oppose_after":
                    stance = "oppose"
                    break
                j += 1
        if stance is None and (mine := owned.get(r.number)) and (gaps := _nearest(mine, r, head, tail)):
            stance = "oppose" if min(gaps)[1][2] in ("negative", "mockery") else "support"
        found.append(stance)
    return found


def _nearest(owned: list[tuple[int, int, str]], r: Ref, head: int, tail: int) -> list[tuple[int, tuple]]:
    """(distance, cue) of the judging words nearest a reference on either side, in its sentence."""
    i = bisect.bisect_left(owned, (r.start,))
    left = i - 1
    while left >= 0 and owned[left][1] > r.start:       # overlapping the reference: not beside it
        left -= 1
    while i < len(owned) and owned[i][0] < r.end:
        i += 1
    found = []
    if left >= 0 and owned[left][0] >= head:
        found.append((r.start - owned[left][1], owned[left]))
    if i < len(owned) and owned[i][1] <= tail:
        found.append((owned[i][0] - r.end, owned[i]))
    return found
