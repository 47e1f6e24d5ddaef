-- Findings of the window's post versions, one per version, election and ruleset version. A
-- finding belongs to the shortest window that judged it, then the earliest, whichever ran first:
-- a day's report keeps its findings when a manual window over several days judged them too. A
-- finding a case is made of stays as the case took it (its hits too: clear_hits, insert_hits).
INSERT INTO findings.finding AS f (post_pk, content_hash, election_id, ruleset_version, candidate_numbers, stance,
                                   period, owner_kind, severity_ethics, severity_discipline, window_start, window_end,
                                   disposition, supports, opposes)
SELECT post_pk, content_hash, election_id, ruleset_version, candidate_numbers, stance, period, owner_kind,
       severity_ethics, severity_discipline, window_start, window_end, disposition, supports, opposes
FROM stage.finding
WHERE window_start = :window_start AND window_end = :window_end AND election_id = :election_id
ORDER BY post_pk, content_hash
ON CONFLICT (post_pk, content_hash, election_id, ruleset_version) DO UPDATE
SET candidate_numbers = EXCLUDED.candidate_numbers, stance = EXCLUDED.stance, period = EXCLUDED.period,
    owner_kind = EXCLUDED.owner_kind, severity_ethics = EXCLUDED.severity_ethics,
    severity_discipline = EXCLUDED.severity_discipline, disposition = EXCLUDED.disposition,
    supports = EXCLUDED.supports, opposes = EXCLUDED.opposes,
    window_start = CASE WHEN (EXCLUDED.window_end - EXCLUDED.window_start, EXCLUDED.window_start) < (f.window_end - f.window_start, f.window_start)
                        THEN EXCLUDED.window_start ELSE f.window_start END,
    window_end   = CASE WHEN (EXCLUDED.window_end - EXCLUDED.window_start, EXCLUDED.window_start) < (f.window_end - f.window_start, f.window_start)
                        THEN EXCLUDED.window_end ELSE f.window_end END
WHERE NOT EXISTS (SELECT 1 FROM cases.case_finding cf WHERE cf.finding_id = f.finding_id)
  AND ((EXCLUDED.window_end - EXCLUDED.window_start, EXCLUDED.window_start) < (f.window_end - f.window_start, f.window_start)
   OR (f.candidate_numbers, f.stance, f.period, f.owner_kind, f.severity_ethics, f.severity_discipline,
       f.disposition, f.supports, f.opposes)
      IS DISTINCT FROM (EXCLUDED.candidate_numbers, EXCLUDED.stance, EXCLUDED.period, EXCLUDED.owner_kind,
                        EXCLUDED.severity_ethics, EXCLUDED.severity_discipline, EXCLUDED.disposition,
                        EXCLUDED.supports, EXCLUDED.opposes))
