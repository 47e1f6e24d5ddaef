-- What retention_post, retention_tip and retention_payload come to, per kind: what a dry run
-- reports and what the run removes.
SELECT (SELECT count(*) FROM retention_post) AS posts,
       (SELECT count(DISTINCT account) FROM retention_post) AS accounts,
       (SELECT count(*) FROM stage.post s
        WHERE EXISTS (SELECT 1 FROM retention_payload r WHERE r.payload_id = s.payload_id)
           OR EXISTS (SELECT 1 FROM retention_post r WHERE r.platform = s.platform AND r.post_id = s.post_id)) AS staged_rows,
       (SELECT count(*) FROM retention_payload) AS payloads,
       (SELECT coalesce(sum(byte_size), 0) FROM retention_payload) AS payload_bytes,
       (SELECT count(*) FROM quarantine.record q JOIN retention_payload USING (payload_id)) AS quarantine_records,
       (SELECT count(*) FROM retention_tip) AS tip_contacts
