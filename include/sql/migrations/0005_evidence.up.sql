-- Issue 10: a warehouse that records only what happened.
-- * Windows are identified by start AND end: staging, quarantine and findings carry window_end.
-- * The hand-off from ingest to upsert is durable (logged tables) and names the fetches it read.
-- * "The posts of a window" is its own relation (core.window_post), so overlapping windows each
--   keep theirs; a sighting is a fact about one payload item, whichever window read it.
-- * A fetch proves a post's absence only once it was applied to core (core.fetch_applied), fully
--   parsed; an item quarantined with a readable id was still returned by it.
-- * A page re-landed with different bytes is a new payload: every version cites bytes holding it.

ALTER TABLE stage.post SET LOGGED;
ALTER TABLE stage.post ADD COLUMN window_end timestamptz;
UPDATE stage.post s SET window_end = m.window_end
FROM (SELECT DISTINCT ON (batch_key, window_start) batch_key, window_start, window_end
      FROM ops.task_metric WHERE task_id = 'ingest'
      ORDER BY batch_key, window_start, recorded_at DESC) m
WHERE m.batch_key = s.batch_key AND m.window_start = s.window_start;
DELETE FROM stage.post WHERE window_end IS NULL;     -- no ingest recorded them: nothing vouches for them
ALTER TABLE stage.post ALTER COLUMN window_end SET NOT NULL;
DROP INDEX stage.stage_post_window;
CREATE INDEX stage_post_window ON stage.post (window_start, window_end, batch_key);

-- The fetches each batch of a window read (empty ones included: an empty complete fetch is
-- evidence too). Re-derived with the batch's staged rows.
CREATE TABLE stage.fetch (
    batch_key    text NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    fetch_id     text NOT NULL REFERENCES raw.fetch,
    PRIMARY KEY (window_start, window_end, batch_key, fetch_id)
);
INSERT INTO stage.fetch (batch_key, window_start, window_end, fetch_id)
SELECT batch_key, window_start, window_end, fetch_id FROM raw.fetch;

TRUNCATE stage.finding;                              -- consumed in the transaction that fills it
ALTER TABLE stage.finding SET LOGGED;
ALTER TABLE stage.finding ADD COLUMN window_end timestamptz NOT NULL;

-- Fetches whose rows reached core; only these may tombstone a post.
CREATE TABLE core.fetch_applied (
    fetch_id       text PRIMARY KEY REFERENCES raw.fetch,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    proves_absence boolean NOT NULL,
    why_not        text,                 -- when it does not: incomplete, a page unread, an item without id
    CHECK (proves_absence = (why_not IS NULL))
);

CREATE TABLE core.window_post (
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    post_pk       bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    content_hash  char(64) NOT NULL,
    first_seen_at timestamptz NOT NULL,     -- within this window
    last_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (window_start, window_end, post_pk, content_hash)
);
CREATE INDEX window_post_post ON core.window_post (post_pk);
INSERT INTO core.window_post (window_start, window_end, post_pk, content_hash, first_seen_at, last_seen_at)
SELECT s.window_start, m.window_end, s.post_pk, s.content_hash, min(s.seen_at), max(s.seen_at)
FROM core.sighting s
JOIN (SELECT DISTINCT ON (window_start) window_start, window_end FROM ops.task_metric
      WHERE task_id = 'upsert' ORDER BY window_start, recorded_at DESC) m USING (window_start)
GROUP BY 1, 2, 3, 4;
DROP INDEX core.sighting_window;
ALTER TABLE core.sighting DROP COLUMN window_start;

ALTER TABLE raw.payload DROP CONSTRAINT payload_fetch_id_page_no_key;
ALTER TABLE raw.payload ADD CONSTRAINT payload_page_bytes UNIQUE (fetch_id, page_no, sha256);

ALTER TABLE quarantine.record ADD COLUMN post_id text;    -- the item's id when it could be read
-- Records quarantined before: the id as the stored item (or a capture line's item) names it.
UPDATE quarantine.record
SET post_id = coalesce(record->'item'->'edit_history_tweet_ids'->>0, record->'item'->>'id',
                       record->'edit_history_tweet_ids'->>0, record->>'id')
WHERE item_no >= 0 AND jsonb_typeof(record) = 'object';
ALTER TABLE quarantine.record DROP CONSTRAINT record_payload_id_item_no_key;
ALTER TABLE quarantine.record ADD CONSTRAINT record_item_window UNIQUE (payload_id, item_no, window_start, window_end);
DROP INDEX quarantine.quarantine_window;
CREATE INDEX quarantine_window ON quarantine.record (window_start, window_end, batch_key);

ALTER TABLE findings.finding ADD COLUMN window_end timestamptz;
UPDATE findings.finding f SET window_end = m.window_end
FROM (SELECT DISTINCT ON (window_start) window_start, window_end FROM ops.task_metric
      WHERE task_id = 'findings' ORDER BY window_start, recorded_at DESC) m
WHERE m.window_start = f.window_start;
UPDATE findings.finding SET window_end = window_start + interval '1 day' WHERE window_end IS NULL;
ALTER TABLE findings.finding ALTER COLUMN window_end SET NOT NULL;

-- Ingest metrics recorded before say what stage holds now, so the upsert's hand-off check can
-- read them.
UPDATE ops.task_metric m
SET details = m.details || jsonb_build_object(
        'staged', (SELECT count(*) FROM stage.post s WHERE s.batch_key = m.batch_key
                     AND s.window_start = m.window_start AND s.window_end = m.window_end),
        'fetches', (SELECT count(*) FROM stage.fetch f WHERE f.batch_key = m.batch_key
                      AND f.window_start = m.window_start AND f.window_end = m.window_end),
        'gate', CASE WHEN (m.details->>'failure_rate')::float > (m.details->>'threshold')::float
                     THEN 'failed' ELSE 'passed' END)
WHERE m.task_id = 'ingest' AND NOT m.details ? 'staged';

-- Fetches of windows already upserted were applied; whether each proves absence follows the
-- rules of include/sql/upsert/10_apply_fetches.sql.
INSERT INTO core.fetch_applied (fetch_id, proves_absence, why_not)
SELECT f.fetch_id, w.why_not IS NULL, w.why_not
FROM raw.fetch f
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN f.source <> 'api' THEN 'not an API fetch'
        WHEN NOT f.complete THEN 'incomplete: not every page arrived'
        WHEN EXISTS (SELECT 1 FROM raw.payload p JOIN quarantine.record q USING (payload_id)
                     WHERE p.fetch_id = f.fetch_id AND q.item_no = -1) THEN 'a page could not be read'
        WHEN EXISTS (SELECT 1 FROM raw.payload p JOIN quarantine.record q USING (payload_id)
                     WHERE p.fetch_id = f.fetch_id AND q.post_id IS NULL) THEN 'a quarantined item has no readable id'
    END AS why_not
) w
WHERE EXISTS (SELECT 1 FROM ops.task_metric m WHERE m.task_id = 'upsert'
                AND m.window_start = f.window_start AND m.window_end = f.window_end);
