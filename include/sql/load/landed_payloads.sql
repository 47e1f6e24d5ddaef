-- The stored payloads of the batch's fetches, and whether the re-landed bytes differ.
SELECT p.payload_id, p.fetch_id, p.page_no, p.sha256 <> l.sha256 AS changed
FROM raw.payload p
JOIN pg_temp.land_payload l USING (fetch_id, page_no)
