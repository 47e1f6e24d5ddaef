-- Staged copies of what goes: the rows of removed pages and of removed posts.
DELETE FROM stage.post s
WHERE EXISTS (SELECT 1 FROM retention_payload r WHERE r.payload_id = s.payload_id)
   OR EXISTS (SELECT 1 FROM retention_post r WHERE r.platform = s.platform AND r.post_id = s.post_id)
