-- Reporters' contacts: the tip stays (what was reported, when), the contact goes.
UPDATE core.tip t
SET reporter_contact = NULL, reporter_contact_plain = NULL, contact_removed_at = now()
FROM retention_tip r
WHERE t.tip_id = r.tip_id
