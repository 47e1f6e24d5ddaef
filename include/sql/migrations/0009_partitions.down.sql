-- Back to one table each, as 0008 had them, with every row (the ids keep the values they have).
DROP FUNCTION ops.ensure_partitions(date);
CREATE SCHEMA partitioned;

DROP VIEW core.tip_post;
ALTER TABLE core.tip DROP CONSTRAINT tip_payload_id_fkey;
ALTER TABLE quarantine.record DROP CONSTRAINT record_payload_id_fkey;
ALTER TABLE core.post_link DROP CONSTRAINT post_link_post_pk_fkey, DROP CONSTRAINT post_link_linked_post_pk_fkey;
ALTER TABLE core.window_post DROP CONSTRAINT window_post_post_pk_fkey;
ALTER TABLE cases.finding_review DROP CONSTRAINT finding_review_post_pk_fkey;
ALTER TABLE findings.escalation DROP CONSTRAINT escalation_finding_fkey;
ALTER TABLE cases.case_finding DROP CONSTRAINT case_finding_finding_fkey;

ALTER SEQUENCE raw.payload_payload_id_seq OWNED BY NONE;
ALTER SEQUENCE core.post_post_pk_seq OWNED BY NONE;
ALTER SEQUENCE findings.finding_finding_id_seq OWNED BY NONE;
ALTER SEQUENCE raw.payload_payload_id_seq OWNER TO CURRENT_USER;      -- as the tables made here, until
ALTER SEQUENCE core.post_post_pk_seq OWNER TO CURRENT_USER;           -- netra.roles hands them all to
ALTER SEQUENCE findings.finding_finding_id_seq OWNER TO CURRENT_USER; -- netra_owner
ALTER TABLE raw.payload SET SCHEMA partitioned;
ALTER TABLE raw.payload_key SET SCHEMA partitioned;
ALTER TABLE core.post SET SCHEMA partitioned;
ALTER TABLE core.post_key SET SCHEMA partitioned;
ALTER TABLE core.post_version SET SCHEMA partitioned;
ALTER TABLE core.sighting SET SCHEMA partitioned;
ALTER TABLE findings.finding SET SCHEMA partitioned;
ALTER TABLE findings.rule_hit SET SCHEMA partitioned;

CREATE TABLE raw.payload (
    payload_id bigint PRIMARY KEY DEFAULT nextval('raw.payload_payload_id_seq'),
    fetch_id   text NOT NULL REFERENCES raw.fetch ON DELETE RESTRICT,
    page_no    int  NOT NULL,
    body       bytea,
    sha256     char(64) NOT NULL,
    byte_size  int NOT NULL,
    landed_at  timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz,
    CONSTRAINT payload_page_bytes UNIQUE (fetch_id, page_no, sha256),
    CONSTRAINT payload_removed CHECK ((body IS NULL) = (removed_at IS NOT NULL))
);
ALTER SEQUENCE raw.payload_payload_id_seq OWNED BY raw.payload.payload_id;
CREATE INDEX payload_sha256 ON raw.payload (sha256);

CREATE TABLE core.post (
    post_pk             bigint PRIMARY KEY DEFAULT nextval('core.post_post_pk_seq'),
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
    UNIQUE (platform, post_id)
);
ALTER SEQUENCE core.post_post_pk_seq OWNED BY core.post.post_pk;
CREATE INDEX post_account ON core.post (platform, account_key, created_at);
CREATE INDEX post_created ON core.post (created_at);
CREATE INDEX post_account_id ON core.post (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX post_ref_account ON core.post (platform, ref_account_key) WHERE ref_account IS NOT NULL;
CREATE INDEX post_parent ON core.post (platform, parent_post_id) WHERE parent_post_id IS NOT NULL;
CREATE INDEX post_fb_number ON core.post (split_part(post_id, '_', 2)) WHERE platform = 'facebook';

CREATE TABLE core.post_version (
    post_pk       bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    content_hash  char(64) NOT NULL,
    text          text NOT NULL,
    metrics       jsonb,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    payload_id    bigint NOT NULL REFERENCES raw.payload,
    PRIMARY KEY (post_pk, content_hash)
);

CREATE TABLE core.sighting (
    payload_id   bigint NOT NULL REFERENCES raw.payload,
    item_no      int NOT NULL,
    post_pk      bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    content_hash char(64) NOT NULL,
    seen_at      timestamptz NOT NULL,
    PRIMARY KEY (payload_id, item_no)
);
CREATE INDEX sighting_post ON core.sighting (post_pk);

CREATE TABLE findings.finding (
    finding_id          bigint PRIMARY KEY DEFAULT nextval('findings.finding_finding_id_seq'),
    post_pk             bigint NOT NULL REFERENCES core.post,
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
    UNIQUE (post_pk, content_hash, election_id, ruleset_version)
);
ALTER SEQUENCE findings.finding_finding_id_seq OWNED BY findings.finding.finding_id;

CREATE TABLE findings.rule_hit (
    finding_id        bigint NOT NULL REFERENCES findings.finding ON DELETE CASCADE,
    rule_id           text NOT NULL,
    rule_version      int  NOT NULL,
    candidate_numbers int[] NOT NULL,
    stance            text,
    evidence          jsonb NOT NULL,
    PRIMARY KEY (finding_id, rule_id)
);

INSERT INTO raw.payload (payload_id, fetch_id, page_no, body, sha256, byte_size, landed_at, removed_at)
SELECT payload_id, fetch_id, page_no, body, sha256, byte_size, landed_at, removed_at FROM partitioned.payload;
INSERT INTO core.post (post_pk, platform, post_id, account_handle, account_platform_id, account_id, created_at,
                       post_type, parent_post_id, ref_post_id, ref_account, text, metrics, permalink, content_hash,
                       text_key, first_source, first_seen_at, last_seen_at, deleted_at)
SELECT post_pk, platform, post_id, account_handle, account_platform_id, account_id, created_at,
       post_type, parent_post_id, ref_post_id, ref_account, text, metrics, permalink, content_hash,
       text_key, first_source, first_seen_at, last_seen_at, deleted_at
FROM partitioned.post;
INSERT INTO core.post_version (post_pk, content_hash, text, metrics, first_seen_at, last_seen_at, payload_id)
SELECT post_pk, content_hash, text, metrics, first_seen_at, last_seen_at, payload_id FROM partitioned.post_version;
INSERT INTO core.sighting (payload_id, item_no, post_pk, content_hash, seen_at)
SELECT payload_id, item_no, post_pk, content_hash, seen_at FROM partitioned.sighting;
INSERT INTO findings.finding (finding_id, post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
                              stance, period, owner_kind, severity_ethics, severity_discipline, evaluated_at,
                              window_start, disposition, supports, opposes, window_end)
SELECT finding_id, post_pk, content_hash, election_id, ruleset_version, candidate_numbers,
       stance, period, owner_kind, severity_ethics, severity_discipline, evaluated_at,
       window_start, disposition, supports, opposes, window_end
FROM partitioned.finding;
INSERT INTO findings.rule_hit (finding_id, rule_id, rule_version, candidate_numbers, stance, evidence)
SELECT finding_id, rule_id, rule_version, candidate_numbers, stance, evidence FROM partitioned.rule_hit;

DROP TABLE partitioned.rule_hit, partitioned.finding, partitioned.sighting, partitioned.post_version,
           partitioned.post, partitioned.post_key, partitioned.payload, partitioned.payload_key;
DROP SCHEMA partitioned;

ALTER TABLE findings.escalation DROP COLUMN finding_post_pk,
    ADD CONSTRAINT escalation_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES findings.finding ON DELETE CASCADE;
ALTER TABLE cases.case_finding DROP COLUMN finding_post_pk,
    ADD CONSTRAINT case_finding_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES findings.finding ON DELETE RESTRICT;
ALTER TABLE core.tip ADD CONSTRAINT tip_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload;
ALTER TABLE quarantine.record ADD CONSTRAINT record_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload;
ALTER TABLE core.post_link
    ADD CONSTRAINT post_link_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post ON DELETE CASCADE,
    ADD CONSTRAINT post_link_linked_post_pk_fkey FOREIGN KEY (linked_post_pk) REFERENCES core.post ON DELETE CASCADE;
ALTER TABLE core.window_post
    ADD CONSTRAINT window_post_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post ON DELETE CASCADE;
ALTER TABLE cases.finding_review
    ADD CONSTRAINT finding_review_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post;

CREATE VIEW core.tip_post AS
SELECT t.tip_id, p.post_pk
FROM core.tip t
JOIN core.post p ON p.platform = t.platform AND (
       (t.platform IN ('x', 'youtube', 'tiktok') AND p.post_id = t.post_ref)
    OR (t.platform = 'facebook' AND split_part(p.post_id, '_', 2) = t.post_ref)
    OR (t.platform = 'instagram' AND p.permalink LIKE 'https://www.instagram.com/p/' || t.post_ref || '/%'));

DROP FUNCTION ops.id_month(bigint);
DROP FUNCTION ops.month_base(date);
