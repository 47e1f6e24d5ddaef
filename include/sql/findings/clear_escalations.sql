-- Escalations are recomputed: those judged with the post for the window's staged findings, and
-- NET-REPEAT for every finding of the window's accounts within :within_days either side of the
-- window (exactly the scope escalate_repeat.sql fills), so windows may run in any order.
DELETE FROM findings.escalation x
USING findings.finding f
JOIN core.post p USING (post_pk)
WHERE x.finding_id = f.finding_id AND f.election_id = :election_id AND f.ruleset_version = :ruleset_version
  AND (   (x.rule_id <> 'NET-REPEAT'
           AND EXISTS (SELECT 1 FROM stage.finding s
                       WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id
                         AND s.post_pk = f.post_pk AND s.content_hash = f.content_hash))
       OR (x.rule_id = 'NET-REPEAT'
           AND p.created_at >= :window_start - make_interval(days => :within_days)
           AND p.created_at < :window_end + make_interval(days => :within_days)
           AND p.account_id IN (SELECT p2.account_id FROM stage.finding s JOIN core.post p2 USING (post_pk)
                                WHERE s.window_start = :window_start AND s.window_end = :window_end AND s.election_id = :election_id)))
