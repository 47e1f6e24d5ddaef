-- Page bytes: the row stays with its SHA-256 and size, the record that the page existed.
UPDATE raw.payload p SET body = NULL, removed_at = now()
FROM retention_payload r
WHERE p.payload_id = r.payload_id
