-- Land pages verbatim with their SHA-256. A page landed again with the same bytes changes
-- nothing; with different bytes it is a new payload, so each version cites bytes that hold it.
INSERT INTO raw.payload (fetch_id, page_no, body, sha256, byte_size)
SELECT fetch_id, page_no, body, sha256, byte_size
FROM pg_temp.land_payload
ON CONFLICT (fetch_id, page_no, sha256) DO NOTHING
