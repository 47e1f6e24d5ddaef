-- Netra warehouse, first version. Schemas by owner:
--   registry   who is watched and who runs (OPDs, employees, accounts, elections, candidates)
--   raw        every fetched payload verbatim, with its request and SHA-256 (evidence)
--   stage      pipeline-internal staging (unlogged; emptied per window)
--   core       one unified post/comment model with versions and tombstones
--   quarantine rows the pipeline refused, as received, with every reason
--   findings   rule hits per post version
--   mart       what analysts and reporting read: views made from include/sql/mart (netra.marts),
--              after the migrations, never in them
--   ops        per task and window: counts and data-quality results
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA registry;
CREATE SCHEMA raw;
CREATE SCHEMA stage;
CREATE SCHEMA core;
CREATE SCHEMA quarantine;
CREATE SCHEMA findings;
CREATE SCHEMA mart;
CREATE SCHEMA ops;

CREATE DOMAIN registry.platform AS text
    CHECK (VALUE IN ('facebook', 'instagram', 'x', 'tiktok', 'youtube'));

-- registry ---------------------------------------------------------------------------------
CREATE TABLE registry.opd (
    opd_id      serial PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    kind        text NOT NULL
);

CREATE TABLE registry.employee (
    employee_id   serial PRIMARY KEY,
    employee_code text NOT NULL UNIQUE,          -- the personnel system's key; PTT have no NIP
    nip           text UNIQUE CHECK (nip ~ '^[0-9]{18}$'),
    full_name     text NOT NULL,
    status        text NOT NULL CHECK (status IN ('PNS', 'PPPK', 'PTT')),
    position      text,
    supervisor_id int REFERENCES registry.employee,
    CHECK (status = 'PTT' OR nip IS NOT NULL)
);

-- Unit assignments with history; [valid_from, valid_to), open-ended while current.
CREATE TABLE registry.assignment (
    employee_id int  NOT NULL REFERENCES registry.employee ON DELETE CASCADE,
    opd_id      int  NOT NULL REFERENCES registry.opd,
    valid_from  date NOT NULL,
    valid_to    date CHECK (valid_to IS NULL OR valid_to > valid_from),
    PRIMARY KEY (employee_id, valid_from),
    EXCLUDE USING gist (employee_id WITH =, daterange(valid_from, valid_to) WITH &&)
);

CREATE TABLE registry.account (
    account_id       serial PRIMARY KEY,
    platform         registry.platform NOT NULL,
    handle           text NOT NULL,
    handle_key       text GENERATED ALWAYS AS (lower(handle)) STORED,
    platform_user_id text,
    owner_type       text NOT NULL CHECK (owner_type IN ('opd', 'employee')),
    opd_id           int REFERENCES registry.opd,
    employee_id      int REFERENCES registry.employee,
    official         boolean NOT NULL DEFAULT false,   -- an OPD's official account, collected by API
    declared_on      date,
    CHECK ((owner_type = 'opd') = (opd_id IS NOT NULL)),
    CHECK ((owner_type = 'employee') = (employee_id IS NOT NULL)),
    UNIQUE (platform, handle_key)
);
CREATE UNIQUE INDEX account_platform_user_id ON registry.account (platform, platform_user_id)
    WHERE platform_user_id IS NOT NULL;

CREATE TABLE registry.election (
    election_id       text PRIMARY KEY,
    name              text NOT NULL,
    region            text NOT NULL,
    timezone          text NOT NULL,
    determination_day date,
    campaign_start    date NOT NULL,
    campaign_end      date NOT NULL,
    quiet_start       date NOT NULL,
    quiet_end         date NOT NULL,
    voting_day        date NOT NULL,
    file_sha256       char(64) NOT NULL,
    loaded_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE registry.candidate_pair (
    election_id text NOT NULL REFERENCES registry.election ON DELETE CASCADE,
    number      int  NOT NULL CHECK (number > 0),
    pair_name   text NOT NULL,
    slogans     text[] NOT NULL DEFAULT '{}',
    hashtags    text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (election_id, number)
);

CREATE TABLE registry.candidate_person (
    election_id text NOT NULL,
    number      int  NOT NULL,
    role        text NOT NULL,
    name        text NOT NULL,
    aliases     text[] NOT NULL DEFAULT '{}',
    incumbent   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (election_id, number, role),
    FOREIGN KEY (election_id, number) REFERENCES registry.candidate_pair ON DELETE CASCADE
);

CREATE TABLE registry.candidate_account (
    election_id      text NOT NULL,
    number           int  NOT NULL,
    platform         registry.platform NOT NULL,
    handle           text NOT NULL,
    handle_key       text GENERATED ALWAYS AS (lower(handle)) STORED,
    platform_user_id text,
    PRIMARY KEY (election_id, platform, handle_key),
    FOREIGN KEY (election_id, number) REFERENCES registry.candidate_pair ON DELETE CASCADE
);

-- raw --------------------------------------------------------------------------------------
-- One request scope: an account's timeline over [since, until), the comments under one post,
-- one capture export, one tips file. `complete` says every page arrived, which is what lets a
-- missing post become a tombstone.
CREATE TABLE raw.fetch (
    fetch_id     text PRIMARY KEY,
    source       text NOT NULL CHECK (source IN ('api', 'capture', 'tips')),
    platform     text,
    scope_kind   text NOT NULL CHECK (scope_kind IN ('timeline', 'comments', 'capture', 'tips')),
    scope_key    text NOT NULL,
    account      text,                      -- whose content: timeline owner, commented post's author
    account_platform_id text,
    since        timestamptz,
    until        timestamptz,
    fetched_at   timestamptz NOT NULL,
    complete     boolean NOT NULL,
    request      jsonb NOT NULL,            -- endpoint and parameters, never credentials
    batch_key    text NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL
);
CREATE INDEX fetch_window ON raw.fetch (window_start, batch_key);
CREATE INDEX fetch_scope ON raw.fetch (platform, scope_kind, scope_key);
CREATE INDEX fetch_timeline ON raw.fetch (platform, lower(account)) WHERE scope_kind = 'timeline';

CREATE TABLE raw.payload (
    payload_id bigserial PRIMARY KEY,
    fetch_id   text NOT NULL REFERENCES raw.fetch ON DELETE RESTRICT,
    page_no    int  NOT NULL,
    body       bytea NOT NULL,              -- verbatim, even when it is not valid UTF-8
    sha256     char(64) NOT NULL,
    byte_size  int NOT NULL,
    landed_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (fetch_id, page_no)
);
CREATE INDEX payload_sha256 ON raw.payload (sha256);

-- stage (internal: each batch overwrites its own rows for its window) -------------------------------------------------------------------------
CREATE UNLOGGED TABLE stage.post (
    batch_key          text NOT NULL,
    window_start       timestamptz NOT NULL,
    payload_id         bigint NOT NULL,
    item_no            int NOT NULL,
    seen_at            timestamptz NOT NULL,
    source             text NOT NULL,
    platform           text NOT NULL,
    post_id            text NOT NULL,
    account_handle     text,
    account_platform_id text,
    created_at         timestamptz NOT NULL,
    post_type          text NOT NULL,
    parent_post_id     text,
    ref_post_id        text,
    ref_account        text,
    text               text NOT NULL,
    metrics            jsonb,
    permalink          text,
    content_hash       char(64) NOT NULL,
    text_key           text NOT NULL
);
CREATE INDEX stage_post_window ON stage.post (window_start, batch_key);

-- core -------------------------------------------------------------------------------------
CREATE TABLE core.post (
    post_pk             bigserial PRIMARY KEY,
    platform            registry.platform NOT NULL,
    post_id             text NOT NULL,
    account_handle      text,
    account_key         text GENERATED ALWAYS AS (lower(account_handle)) STORED,
    account_platform_id text,
    account_id          int REFERENCES registry.account,
    created_at          timestamptz NOT NULL,
    post_type           text NOT NULL CHECK (post_type IN ('original', 'share', 'quote', 'reply', 'comment')),
    parent_post_id      text,          -- the post a comment sits under
    ref_post_id         text,          -- the post shared, quoted or replied to
    ref_account         text,          -- its author: handle or platform id
    ref_account_key     text GENERATED ALWAYS AS (lower(ref_account)) STORED,
    text                text NOT NULL,
    metrics             jsonb,
    permalink           text,
    content_hash        char(64) NOT NULL,   -- of the current version
    text_key            text NOT NULL,       -- normalized text, for duplicate detection
    first_source        text NOT NULL,
    first_seen_at       timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    deleted_at          timestamptz,         -- tombstone: a complete later fetch no longer had it
    UNIQUE (platform, post_id)
);
CREATE INDEX post_account ON core.post (platform, account_key, created_at);
CREATE INDEX post_created ON core.post (created_at);
CREATE INDEX post_account_id ON core.post (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX post_ref_account ON core.post (platform, ref_account_key) WHERE ref_account IS NOT NULL;
CREATE INDEX post_parent ON core.post (platform, parent_post_id) WHERE parent_post_id IS NOT NULL;

-- Every distinct content a post has shown; the current one is the last seen.
CREATE TABLE core.post_version (
    post_pk       bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    content_hash  char(64) NOT NULL,
    text          text NOT NULL,
    metrics       jsonb,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    payload_id    bigint NOT NULL REFERENCES raw.payload,   -- where it was first seen
    PRIMARY KEY (post_pk, content_hash)
);

-- Every time a post was seen: which payload and item, and which version. The evidence trail,
-- and what "the posts of a window" means for the tasks after the upsert.
CREATE TABLE core.sighting (
    payload_id   bigint NOT NULL REFERENCES raw.payload,
    item_no      int NOT NULL,
    post_pk      bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    content_hash char(64) NOT NULL,
    seen_at      timestamptz NOT NULL,
    window_start timestamptz NOT NULL,
    PRIMARY KEY (payload_id, item_no)
);
CREATE INDEX sighting_window ON core.sighting (window_start);
CREATE INDEX sighting_post ON core.sighting (post_pk);

-- Posts that carry the same content: one owner's cross-posts across platforms.
CREATE TABLE core.post_link (
    post_pk        bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    linked_post_pk bigint NOT NULL REFERENCES core.post ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('cross_post')),
    similarity     real NOT NULL,
    PRIMARY KEY (post_pk, linked_post_pk, kind),
    CHECK (post_pk < linked_post_pk)
);

-- A public complaint. reporter_contact is personal data: no mart exposes it.
CREATE TABLE core.tip (
    tip_id            char(64) PRIMARY KEY,   -- SHA-256 of the tip row as received
    payload_id        bigint NOT NULL REFERENCES raw.payload,
    received_at       timestamptz NOT NULL,
    post_url          text NOT NULL,
    platform          text,
    post_ref          text,                   -- id, Facebook post number or Instagram shortcode
    account_handle    text,
    unresolved_reason text,
    reporter_contact  text,
    note              text,
    screenshot_file   text,
    screenshot_sha256 char(64),
    CHECK ((post_ref IS NULL) = (unresolved_reason IS NOT NULL))
);
CREATE INDEX tip_ref ON core.tip (platform, post_ref);
CREATE INDEX post_fb_number ON core.post (split_part(post_id, '_', 2)) WHERE platform = 'facebook';

-- Which collected post a tip points at (a tip may arrive before or after its post).
CREATE VIEW core.tip_post AS
SELECT t.tip_id, p.post_pk
FROM core.tip t
JOIN core.post p ON p.platform = t.platform AND (
       (t.platform IN ('x', 'youtube', 'tiktok') AND p.post_id = t.post_ref)
    OR (t.platform = 'facebook' AND split_part(p.post_id, '_', 2) = t.post_ref)
    OR (t.platform = 'instagram' AND p.permalink LIKE 'https://www.instagram.com/p/' || t.post_ref || '/%'));

-- quarantine -------------------------------------------------------------------------------
CREATE TABLE quarantine.record (
    quarantine_id  bigserial PRIMARY KEY,
    payload_id     bigint NOT NULL REFERENCES raw.payload,
    item_no        int NOT NULL,          -- position in the payload; -1 when the payload itself failed
    source         text NOT NULL,
    platform       text,
    stage          text NOT NULL CHECK (stage IN ('parse', 'normalize', 'validate')),
    reasons        jsonb NOT NULL,        -- [{"check": ..., "detail": ...}, ...]
    record         jsonb,                 -- the item as received, when PostgreSQL can hold it as JSON
    record_raw     bytea NOT NULL,        -- the item's bytes as received, always
    batch_key      text NOT NULL,
    window_start   timestamptz NOT NULL,
    window_end     timestamptz NOT NULL,
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (payload_id, item_no)
);
CREATE INDEX quarantine_window ON quarantine.record (window_start, batch_key);

-- findings ---------------------------------------------------------------------------------
CREATE TABLE findings.finding (
    finding_id          bigserial PRIMARY KEY,
    post_pk             bigint NOT NULL REFERENCES core.post,
    content_hash        char(64) NOT NULL,       -- the version judged
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
    UNIQUE (post_pk, content_hash, election_id, ruleset_version)
);

CREATE TABLE findings.rule_hit (
    finding_id        bigint NOT NULL REFERENCES findings.finding ON DELETE CASCADE,
    rule_id           text NOT NULL,
    rule_version      int  NOT NULL,
    candidate_numbers int[] NOT NULL,
    stance            text,
    evidence          jsonb NOT NULL,            -- [{"text": ..., "start": ..., "end": ...}]
    PRIMARY KEY (finding_id, rule_id)
);

CREATE UNLOGGED TABLE stage.finding (
    window_start        timestamptz NOT NULL,
    post_pk             bigint NOT NULL,
    content_hash        char(64) NOT NULL,
    election_id         text NOT NULL,
    ruleset_version     text NOT NULL,
    candidate_numbers   int[] NOT NULL,
    stance              text,
    period              text NOT NULL,
    owner_kind          text NOT NULL,
    severity_ethics     text,
    severity_discipline text,
    hits                jsonb NOT NULL
);

-- ops --------------------------------------------------------------------------------------
CREATE TABLE ops.task_metric (
    task_id      text NOT NULL,
    batch_key    text NOT NULL DEFAULT '',
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    dag_id       text,
    run_id       text,
    rows_in      bigint NOT NULL DEFAULT 0,
    rows_out     bigint NOT NULL DEFAULT 0,
    duplicates   bigint NOT NULL DEFAULT 0,
    quarantined  bigint NOT NULL DEFAULT 0,
    details      jsonb NOT NULL DEFAULT '{}',
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, batch_key, window_start, window_end)
);

CREATE TABLE ops.dq_result (
    suite         text NOT NULL,
    batch_key     text NOT NULL,
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    success       boolean NOT NULL,
    rows_checked  int NOT NULL,
    rows_failed   int NOT NULL,
    failure_rate  real NOT NULL,
    threshold     real NOT NULL,
    statistics    jsonb NOT NULL,
    failing       jsonb NOT NULL,          -- per failing expectation: type, column, unexpected count
    checked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (suite, batch_key, window_start, window_end)
);
