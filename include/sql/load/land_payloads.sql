-- Land pages verbatim with their SHA-256. A page landed again with the same bytes changes
-- nothing; with different bytes it is a new payload, so each version cites bytes that hold it.
-- raw.payload_key keeps a page's bytes unique across the month partitions; a new page is numbered
-- in :month, the month of the window that lands it (ops.month_base), which files it there.
WITH keyed AS (
    INSERT INTO raw.payload_key (payload_id, fetch_id, page_no, sha256)
    SELECT ops.month_base(CAST(:month AS date)) + nextval('raw.payload_payload_id_seq'), l.fetch_id, l.page_no, l.sha256
    FROM pg_temp.land_payload l
    WHERE NOT EXISTS (SELECT 1 FROM raw.payload_key k
                      WHERE k.fetch_id = l.fetch_id AND k.page_no = l.page_no AND k.sha256 = l.sha256)
    ORDER BY l.ctid                            -- numbered in the order the pages came
    ON CONFLICT (fetch_id, page_no, sha256) DO NOTHING
    RETURNING payload_id, fetch_id, page_no, sha256
)
INSERT INTO raw.payload (payload_id, fetch_id, page_no, body, sha256, byte_size)
SELECT DISTINCT ON (k.payload_id) k.payload_id, l.fetch_id, l.page_no, l.body, l.sha256, l.byte_size
FROM keyed k
JOIN pg_temp.land_payload l USING (fetch_id, page_no, sha256)
ORDER BY k.payload_id
