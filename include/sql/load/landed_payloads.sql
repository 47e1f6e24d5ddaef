-- The stored payloads of the batch's pages as landed now, and whether the page was landed
-- before with other bytes.
SELECT p.payload_id, p.fetch_id, p.page_no,
       EXISTS (SELECT 1 FROM raw.payload o
               WHERE o.fetch_id = p.fetch_id AND o.page_no = p.page_no AND o.sha256 <> p.sha256) AS changed
FROM raw.payload p
JOIN pg_temp.land_payload l USING (fetch_id, page_no, sha256)
