-- Land pages verbatim with their SHA-256; a page already landed keeps its first bytes (evidence).
INSERT INTO raw.payload (fetch_id, page_no, body, sha256, byte_size)
SELECT fetch_id, page_no, body, sha256, byte_size
FROM pg_temp.land_payload
ON CONFLICT (fetch_id, page_no) DO NOTHING
