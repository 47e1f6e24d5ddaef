-- NET-INTERACT: a post of the kinds the rule counts (share, quote, reply, comment by default)
-- whose referenced account is a registered account of a candidate in the election, even with
-- no text at all. An account the election file no longer lists does not count.
SELECT DISTINCT s.post_pk, ca.number, p.ref_account
FROM core.window_post s
JOIN core.post p USING (post_pk)
JOIN registry.candidate_account ca
  ON ca.election_id = :election_id AND ca.platform = p.platform
 AND (ca.handle_key = p.ref_account_key OR ca.platform_user_id = p.ref_account)
 AND ca.in_file
WHERE s.window_start = :window_start AND s.window_end = :window_end
  AND p.post_type = ANY(:post_types)
