-- The large tables partitioned by month (issue 14): raw.payload, core.post, core.post_version,
-- core.sighting, findings.finding and findings.rule_hit, with PostgreSQL's declarative RANGE
-- partitioning, so that a month can be vacuumed, analyzed, moved or dropped as a whole and a
-- province's or a country's warehouse grows by months instead of one heap per table.
--
-- Design: the ids carry their month. PostgreSQL requires every primary key and unique constraint
-- of a partitioned table to include its partition key, and a foreign key to reference such a
-- constraint. Partitioning on the ids themselves keeps the tables' keys as they were (payload_id,
-- (post_pk, content_hash), (payload_id, item_no), ...) and the ids every other table holds:
--   payload_id = ops.month_base(m) + n      m: the month (in the city's zone) of the window that
--                                           landed the page; n from raw.payload_payload_id_seq
--   post_pk    = month bits of the page that first showed the post + n (core.post_post_pk_seq)
-- ops.month_base(m) is ((year - 2000) * 12 + month) << 40, so month m's ids are the range
-- [month_base(m), month_base(m + 1 month)) and each month's partition is that RANGE. An id stays
-- below 2^53 (exact in JSON and JavaScript) until the year 2682; n below 2^40 (a trillion) per table.
--   raw.payload, core.sighting       by payload_id: a sighting is filed with its page
--   core.post, core.post_version,    by post_pk (rule_hit by its finding's post_pk): a post's
--   findings.finding, findings.rule_hit   versions, findings and hits are filed with the post
-- What no id carries is kept unique by two narrow unpartitioned tables:
--   raw.payload_key (fetch_id, page_no, sha256) -> payload_id: a page landed again with the same
--                   bytes is the same payload, whatever month lands it again
--   core.post_key   (platform, post_id) -> post_pk: a post is one row however often, in whichever
--                   month and with whatever created_at a refetch reports
-- Every foreign key to a post or a page names its key: a check against an unpartitioned table
-- costs what it did before (against a partitioned one, half as much again). A row of raw.payload
-- or core.post is made with its key in one statement (load/land_payloads, upsert/05_posts); a
-- page references its key, a post does not (a check per new post, 3 to 6 us, for what that one
-- statement already ensures). A post is deleted with its key, in one statement
-- (retention/delete_posts): its versions, sightings, window rows and links go with the key
-- (ON DELETE CASCADE), as they went with core.post.
-- findings.finding keeps its unique (post_pk, content_hash, election_id, ruleset_version), which
-- holds the partition key; its primary key becomes (finding_id, post_pk) (finding_id still comes
-- from its own sequence alone), so rule_hit, escalation and cases.case_finding name a finding by
-- (finding_id, finding_post_pk): the post's key under another name, so that joins USING (post_pk)
-- past them read as before.
-- Partitions: <table>_legacy holds the rows numbered before this migration (ids below 2^40, all of
-- a warehouse's rows at the time, moved here as they were: their ids are cited in the audit trail
-- and in exported case files); <table>_YYYY_MM are made ahead of need by ops.ensure_partitions,
-- which the pipeline calls before a window lands (netra.partitions); <table>_default catches any
-- row whose month has no partition yet, so nothing is ever refused.

CREATE FUNCTION ops.month_base(m date) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((extract(year FROM m)::bigint - 2000) * 12 + extract(month FROM m)::bigint) << 40;

-- The month an id is filed in; NULL for the rows numbered before partitioning.
CREATE FUNCTION ops.id_month(id bigint) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN id >= (1::bigint << 40)
            THEN make_date(2000 + ((id >> 40) - 1)::int / 12, ((id >> 40) - 1)::int % 12 + 1, 1) END;

-- The tables the old ones are moved aside to while their rows are copied.
CREATE SCHEMA unpartitioned;

-- Foreign keys into the tables being replaced, from tables that stay; the view that reads one.
DROP VIEW core.tip_post;
ALTER TABLE core.tip DROP CONSTRAINT tip_payload_id_fkey;
ALTER TABLE quarantine.record DROP CONSTRAINT record_payload_id_fkey;
ALTER TABLE core.post_link DROP CONSTRAINT post_link_post_pk_fkey, DROP CONSTRAINT post_link_linked_post_pk_fkey;
ALTER TABLE core.window_post DROP CONSTRAINT window_post_post_pk_fkey;
ALTER TABLE cases.finding_review DROP CONSTRAINT finding_review_post_pk_fkey;
ALTER TABLE findings.escalation DROP CONSTRAINT escalation_finding_id_fkey;
ALTER TABLE cases.case_finding DROP CONSTRAINT case_finding_finding_id_fkey;

-- The sequences stay where they are (they would move with the tables that own them).
ALTER SEQUENCE raw.payload_payload_id_seq OWNED BY NONE;
ALTER SEQUENCE core.post_post_pk_seq OWNED BY NONE;
ALTER SEQUENCE findings.finding_finding_id_seq OWNED BY NONE;
ALTER SEQUENCE raw.payload_payload_id_seq OWNER TO CURRENT_USER;      -- as the tables made here, until
ALTER SEQUENCE core.post_post_pk_seq OWNER TO CURRENT_USER;           -- netra.roles hands them all to
ALTER SEQUENCE findings.finding_finding_id_seq OWNER TO CURRENT_USER; -- netra_owner
ALTER TABLE raw.payload SET SCHEMA unpartitioned;
ALTER TABLE core.post SET SCHEMA unpartitioned;
ALTER TABLE core.post_version SET SCHEMA unpartitioned;
ALTER TABLE core.sighting SET SCHEMA unpartitioned;
ALTER TABLE findings.finding SET SCHEMA unpartitioned;
ALTER TABLE findings.rule_hit SET SCHEMA unpartitioned;

-- raw ----------------------------------------------------------------------------------------
CREATE TABLE raw.payload_key (
    payload_id bigint PRIMARY KEY,
    fetch_id   text NOT NULL,
    page_no    int  NOT NULL,
    sha256     char(64) NOT NULL,
    CONSTRAINT payload_key_page_bytes UNIQUE (fetch_id, page_no, sha256)
);
ALTER SEQUENCE raw.payload_payload_id_seq OWNED BY raw.payload_key.payload_id;

CREATE TABLE raw.payload (
    payload_id bigint NOT NULL REFERENCES raw.payload_key,
    fetch_id   text NOT NULL REFERENCES raw.fetch ON DELETE RESTRICT,
    page_no    int  NOT NULL,
    body       bytea,
    sha256     char(64) NOT NULL,
    byte_size  int NOT NULL,
    landed_at  timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz,
    CONSTRAINT payload_pkey PRIMARY KEY (payload_id),
    CONSTRAINT payload_removed CHECK ((body IS NULL) = (removed_at IS NOT NULL))
) PARTITION BY RANGE (payload_id);
CREATE INDEX payload_page_bytes ON raw.payload (fetch_id, page_no, sha256);
CREATE INDEX payload_sha256 ON raw.payload (sha256);

-- core ---------------------------------------------------------------------------------------
CREATE TABLE core.post_key (
    post_pk  bigint PRIMARY KEY,
    platform registry.platform NOT NULL,
    post_id  text NOT NULL,
    CONSTRAINT post_key_platform_post_id UNIQUE (platform, post_id)
);
ALTER SEQUENCE core.post_post_pk_seq OWNED BY core.post_key.post_pk;

CREATE TABLE core.post (
    post_pk             bigint NOT NULL,
    platform            registry.platform NOT NULL,
    post_id             text NOT NULL,
    account_handle      text,
    account_key         text GENERATED ALWAYS AS (lower(account_handle)) STORED,
    account_platform_id text,
    account_id          int REFERENCES registry.account,
    created_at          timestamptz NOT NULL,
    post_type           text NOT NULL CHECK (post_type IN ('original', 'share', 'quote', 'reply', 'comment')),
    parent_post_id      text,
    ref_post_id         text,
    ref_account         text,
    ref_account_key     text GENERATED ALWAYS AS (lower(ref_account)) STORED,
    text                text NOT NULL,
    metrics             jsonb,
    permalink           text,
    content_hash        char(64) NOT NULL,
    text_key            text NOT NULL,
    first_source        text NOT NULL,
    first_seen_at       timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    deleted_at          timestamptz,
    CONSTRAINT post_pkey PRIMARY KEY (post_pk)
) PARTITION BY RANGE (post_pk);
CREATE INDEX post_platform_post_id ON core.post (platform, post_id);
CREATE INDEX post_account ON core.post (platform, account_key, created_at);
CREATE INDEX post_created ON core.post (created_at);
CREATE INDEX post_account_id ON core.post (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX post_ref_account ON core.post (platform, ref_account_key) WHERE ref_account IS NOT NULL;
CREATE INDEX post_parent ON core.post (platform, parent_post_id) WHERE parent_post_id IS NOT NULL;
CREATE INDEX post_fb_number ON core.post (split_part(post_id, '_', 2)) WHERE platform = 'facebook';

CREATE TABLE core.post_version (
    post_pk       bigint NOT NULL REFERENCES core.post_key ON DELETE CASCADE,
    content_hash  char(64) NOT NULL,
    text          text NOT NULL,
    metrics       jsonb,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    payload_id    bigint NOT NULL REFERENCES raw.payload_key,
    CONSTRAINT post_version_pkey PRIMARY KEY (post_pk, content_hash)
) PARTITION BY RANGE (post_pk);

CREATE TABLE core.sighting (
    payload_id   bigint NOT NULL REFERENCES raw.payload_key,
    item_no      int NOT NULL,
    post_pk      bigint NOT NULL REFERENCES core.post_key ON DELETE CASCADE,
    content_hash char(64) NOT NULL,
    seen_at      timestamptz NOT NULL,
    CONSTRAINT sighting_pkey PRIMARY KEY (payload_id, item_no)
) PARTITION BY RANGE (payload_id);
CREATE INDEX sighting_post ON core.sighting (post_pk);

-- findings -----------------------------------------------------------------------------------
CREATE TABLE findings.finding (
    finding_id          bigint NOT NULL DEFAULT nextval('findings.finding_finding_id_seq'),
    post_pk             bigint NOT NULL REFERENCES core.post_key,
    content_hash        char(64) NOT NULL,
    election_id         text NOT NULL REFERENCES registry.election,
    ruleset_version     text NOT NULL,
    candidate_numbers   int[] NOT NULL,
    stance              text CHECK (stance IN ('support', 'oppose', 'mixed')),
    period              text NOT NULL,
    owner_kind          text NOT NULL CHECK (owner_kind IN ('opd', 'PNS', 'PPPK', 'PTT', 'unregistered')),
    severity_ethics     text,
    severity_discipline text,
    evaluated_at        timestamptz NOT NULL DEFAULT now(),
    window_start        timestamptz NOT NULL,
    disposition         text NOT NULL DEFAULT 'breach' CHECK (disposition IN ('breach', 'review')),
    supports            int[] NOT NULL DEFAULT '{}',
    opposes             int[] NOT NULL DEFAULT '{}',
    window_end          timestamptz NOT NULL,
    CONSTRAINT finding_pkey PRIMARY KEY (finding_id, post_pk),
    CONSTRAINT finding_post_pk_content_hash_election_id_ruleset_version_key
        UNIQUE (post_pk, content_hash, election_id, ruleset_version)
) PARTITION BY RANGE (post_pk);
ALTER SEQUENCE findings.finding_finding_id_seq OWNED BY findings.finding.finding_id;

CREATE TABLE findings.rule_hit (
    finding_id        bigint NOT NULL,
    rule_id           text NOT NULL,
    rule_version      int  NOT NULL,
    candidate_numbers int[] NOT NULL,
    stance            text,
    evidence          jsonb NOT NULL,
    finding_post_pk   bigint NOT NULL,
    CONSTRAINT rule_hit_pkey PRIMARY KEY (finding_id, rule_id, finding_post_pk),
    CONSTRAINT rule_hit_finding_fkey FOREIGN KEY (finding_id, finding_post_pk)
        REFERENCES findings.finding (finding_id, post_pk) ON DELETE CASCADE
) PARTITION BY RANGE (finding_post_pk);

-- The partitions every table starts with: the rows numbered before (ids below 2^40) and the
-- default; the months come from ops.ensure_partitions.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['raw.payload', 'core.post', 'core.post_version', 'core.sighting',
                             'findings.finding', 'findings.rule_hit'] LOOP
        EXECUTE format('CREATE TABLE %s_legacy PARTITION OF %s FOR VALUES FROM (MINVALUE) TO (%s)',
                       t, t, 1::bigint << 40);
        EXECUTE format('CREATE TABLE %s_default PARTITION OF %s DEFAULT', t, t);
    END LOOP;
END $$;

-- Months ahead of need. The pipeline calls this before a window lands, in a transaction of its
-- own (netra.partitions): it makes `month`'s partitions and the next month's, in every partitioned
-- table, as their owner. Making a partition locks its table and the tables that reference it, so
-- it waits at most lock_timeout for them and then leaves that month for a later call (by then the
-- next month is made a month early, so a busy warehouse has a month of calls to find a quiet
-- moment); one caller at a time (another returns at once; the pipeline's callers queue on the same
-- advisory lock first). A month whose rows the default partition already holds stays there (a
-- partition cannot be made over them): it says so.
CREATE FUNCTION ops.ensure_partitions(month date)
RETURNS TABLE (partition_month date, made text[], skipped text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog SET lock_timeout = '500ms' AS $$
DECLARE
    tables text[] := ARRAY['raw.payload', 'core.post', 'core.post_version', 'core.sighting',
                           'findings.finding', 'findings.rule_hit'];
    t text;
    part text;
    these text[];
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('netra.partitions')) THEN
        RETURN;                                   -- another caller is making them
    END IF;
    FOR partition_month IN
        SELECT generate_series(date_trunc('month', month), date_trunc('month', month) + interval '1 month',
                               interval '1 month')::date
    LOOP
        these := '{}';
        skipped := NULL;
        BEGIN
            FOREACH t IN ARRAY tables LOOP
                part := t || to_char(partition_month, '_YYYY_MM');
                IF to_regclass(part) IS NULL THEN
                    EXECUTE format('CREATE TABLE %s PARTITION OF %s FOR VALUES FROM (%s) TO (%s)', part, t,
                                   ops.month_base(partition_month),
                                   ops.month_base((partition_month + interval '1 month')::date));
                    these := these || part;
                END IF;
            END LOOP;
        EXCEPTION WHEN lock_not_available OR check_violation THEN
            these := '{}';
            skipped := SQLERRM;
        END;
        made := these;
        RETURN NEXT;
    END LOOP;
END $$;

-- The rows, as they were ------------------------------------------------------------------------
-- (Rows numbered in a month, by a warehouse taken back below this migration and brought up again,
-- go to their month's partitions.)
SELECT ops.ensure_partitions(m)
FROM (SELECT ops.id_month(payload_id) AS m FROM unpartitioned.payload
      UNION SELECT ops.id_month(post_pk) FROM unpartitioned.post) months
WHERE m IS NOT NULL;
INSERT INTO raw.payload_key (payload_id, fetch_id, page_no, sha256)
SELECT payload_id, fetch_id, page_no, sha256 FROM unpartitioned.payload;
INSERT INTO raw.payload (payload_id, fetch_id, page_no, body, sha256, byte_size, landed_at, removed_at)
SELECT payload_id, fetch_id, page_no, body, sha256, byte_size, landed_at, removed_at FROM unpartitioned.payload;
INSERT INTO core.post_key (post_pk, platform, post_id) SELECT post_pk, platform, post_id FROM unpartitioned.post;
INSERT INTO core.post (post_pk, platform, post_id, account_handle, account_platform_id, account_id, created_at,
                       post_type, parent_post_id, ref_post_id, ref_account, text, metrics, permalink, content_hash,
                       text_key, first_source, first_seen_at, last_seen_at, deleted_at)
SELECT post_pk, platform, post_id, account_handle, account_platform_id, account_id, created_at,
       post_type, parent_post_id, ref_post_id, ref_account, text, metrics, permalink, content_hash,
       text_key, first_source, first_seen_at, last_seen_at, deleted_at
FROM unpartitioned.post;
INSERT INTO core.post_version (post_pk, content_hash, text, metrics, first_seen_at, last_seen_at, payload_id)
SELECT post_pk, content_hash, text, metrics, first_seen_at, last_seen_at, payload_id FROM unpartitioned.post_version;
INSERT INTO core.sighting (payload_id, item_no, post_pk, content_hash, seen_at)
SELECT payload_id, item_no, post_pk, content_hash, seen_at FROM unpartitioned.sighting;
INSERT INTO findings.finding (finding_id, post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
                              stance, period, owner_kind, severity_ethics, severity_discipline, evaluated_at,
                              window_start, disposition, supports, opposes, window_end)
SELECT finding_id, post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
       stance, period, owner_kind, severity_ethics, severity_discipline, evaluated_at,
       window_start, disposition, supports, opposes, window_end
FROM unpartitioned.finding;
INSERT INTO findings.rule_hit (finding_id, rule_id, rule_version, candidate_numbers, stance, evidence, finding_post_pk)
SELECT h.finding_id, h.rule_id, h.rule_version, h.candidate_numbers, h.stance, h.evidence, f.post_pk
FROM unpartitioned.rule_hit h JOIN unpartitioned.finding f USING (finding_id);

DROP TABLE unpartitioned.rule_hit, unpartitioned.finding, unpartitioned.sighting, unpartitioned.post_version,
           unpartitioned.post, unpartitioned.payload;
DROP SCHEMA unpartitioned;

-- The tables that name a finding name its post too -----------------------------------------------
ALTER TABLE findings.escalation ADD COLUMN finding_post_pk bigint;
UPDATE findings.escalation x SET finding_post_pk = f.post_pk FROM findings.finding f WHERE f.finding_id = x.finding_id;
ALTER TABLE findings.escalation ALTER COLUMN finding_post_pk SET NOT NULL,
    ADD CONSTRAINT escalation_finding_fkey FOREIGN KEY (finding_id, finding_post_pk)
        REFERENCES findings.finding (finding_id, post_pk) ON DELETE CASCADE;
ALTER TABLE cases.case_finding ADD COLUMN finding_post_pk bigint;
UPDATE cases.case_finding c SET finding_post_pk = f.post_pk FROM findings.finding f WHERE f.finding_id = c.finding_id;
ALTER TABLE cases.case_finding ALTER COLUMN finding_post_pk SET NOT NULL,
    ADD CONSTRAINT case_finding_finding_fkey FOREIGN KEY (finding_id, finding_post_pk)
        REFERENCES findings.finding (finding_id, post_pk) ON DELETE RESTRICT;

-- The foreign keys to posts and pages, to their keys ------------------------------------------
ALTER TABLE core.tip ADD CONSTRAINT tip_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload_key;
ALTER TABLE quarantine.record ADD CONSTRAINT record_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload_key;
ALTER TABLE core.post_link
    ADD CONSTRAINT post_link_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key ON DELETE CASCADE,
    ADD CONSTRAINT post_link_linked_post_pk_fkey FOREIGN KEY (linked_post_pk) REFERENCES core.post_key ON DELETE CASCADE;
ALTER TABLE core.window_post
    ADD CONSTRAINT window_post_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key ON DELETE CASCADE;
ALTER TABLE cases.finding_review
    ADD CONSTRAINT finding_review_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key;

CREATE VIEW core.tip_post AS
SELECT t.tip_id, p.post_pk
FROM core.tip t
JOIN core.post p ON p.platform = t.platform AND (
       (t.platform IN ('x', 'youtube', 'tiktok') AND p.post_id = t.post_ref)
    OR (t.platform = 'facebook' AND split_part(p.post_id, '_', 2) = t.post_ref)
    OR (t.platform = 'instagram' AND p.permalink LIKE 'https://www.instagram.com/p/' || t.post_ref || '/%'));
