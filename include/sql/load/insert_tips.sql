-- Tips are keyed by the SHA-256 of the row as received: the same tip twice is one tip. The
-- reporter's contact reaches core only encrypted.
INSERT INTO core.tip (tip_id, payload_id, received_at, post_url, platform, post_ref, account_handle,
                      unresolved_reason, reporter_contact, note, screenshot_file, screenshot_sha256)
SELECT DISTINCT ON (tip_id) tip_id, payload_id, received_at, post_url, platform, post_ref, account_handle,
       unresolved_reason, CASE WHEN reporter_contact_plain <> '' THEN pgp_sym_encrypt(reporter_contact_plain, :key) END,
       note, screenshot_file, screenshot_sha256
FROM pg_temp.land_tip
ORDER BY tip_id, payload_id
ON CONFLICT (tip_id) DO NOTHING
