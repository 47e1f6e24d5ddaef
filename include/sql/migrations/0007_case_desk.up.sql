-- The case desk (issue 12, second part): database roles, pseudonyms, history that findings can
-- rely on, cases opened from findings on the legal clock, reviews of findings, holds and retention.
--
-- Roles (cluster-wide, NOLOGIN groups; logins are made members of one): created here when they
-- do not exist yet. What each may do is not here but in include/sql/roles/grants.sql, applied by
-- netra.schema after every migration, when everything is handed to netra_owner.
--   netra_owner         owns every object; migrations
--   netra_loader        the pipeline: writes registry, raw, core, findings, opens cases
--   netra_analyst       reads mart only, where employees appear by keyed pseudonym
--   netra_case_officer  reads identities and evidence, works cases (not reporters' contacts)
--   netra_supervisor    works the cases of the OPDs listed for their login (cases.scope)
--   netra_auditor       reads the audit trail
CREATE EXTENSION IF NOT EXISTS pgcrypto;
-- What the desk reads: views made from include/sql/desk after the migrations (netra.marts), each
-- showing only the cases its reader may see.
CREATE SCHEMA desk;

DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['netra_owner', 'netra_loader', 'netra_analyst', 'netra_case_officer',
                             'netra_supervisor', 'netra_auditor'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END $$;

-- registry: keyed pseudonyms (HMAC-SHA256 under a key the warehouse never holds, set when the
-- registry is loaded), status history, candidates kept when an election file drops them -------
ALTER TABLE registry.employee ADD COLUMN pseudonym text UNIQUE;
ALTER TABLE registry.account ADD COLUMN pseudonym text UNIQUE;

-- An employee's status over time, [valid_from, valid_to); NULL valid_from: since before the
-- registry knew. Severity follows the status on the day of the post.
CREATE TABLE registry.employee_status (
    employee_id int  NOT NULL REFERENCES registry.employee ON DELETE CASCADE,
    status      text NOT NULL CHECK (status IN ('PNS', 'PPPK', 'PTT')),
    valid_from  date,
    valid_to    date CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
    UNIQUE NULLS NOT DISTINCT (employee_id, valid_from),
    EXCLUDE USING gist (employee_id WITH =, daterange(valid_from, valid_to) WITH &&)
);
INSERT INTO registry.employee_status (employee_id, status) SELECT employee_id, status FROM registry.employee;

-- A pair, person or account the election file no longer lists stays, marked, for what refers to it.
ALTER TABLE registry.candidate_pair ADD COLUMN in_file boolean NOT NULL DEFAULT true;
ALTER TABLE registry.candidate_person ADD COLUMN in_file boolean NOT NULL DEFAULT true;
ALTER TABLE registry.candidate_account ADD COLUMN in_file boolean NOT NULL DEFAULT true;

-- Reporters' contacts, encrypted with pgp_sym_encrypt under the key of the Airflow connection
-- netra_contact_key; rows staged before are encrypted by the next stage step that holds the key.
ALTER TABLE core.tip RENAME COLUMN reporter_contact TO reporter_contact_plain;
ALTER TABLE core.tip ADD COLUMN reporter_contact bytea;
ALTER TABLE core.tip ADD COLUMN contact_removed_at timestamptz;   -- by retention

-- Retention deletes posts, which cascades to the links naming them from either side.
CREATE INDEX post_link_linked ON core.post_link (linked_post_pk);

-- raw: a payload retention removed keeps its hash and size, and why it went ---------------------
ALTER TABLE raw.payload ALTER COLUMN body DROP NOT NULL;
ALTER TABLE raw.payload ADD COLUMN removed_at timestamptz;
ALTER TABLE raw.payload ADD CONSTRAINT payload_removed CHECK ((body IS NULL) = (removed_at IS NOT NULL));

-- A tips file holds reporters' contacts: case officers read a raw page's bytes through this
-- function (their grants leave out the body column), which has none for a tips file.
CREATE FUNCTION raw.page_body(id bigint) RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, raw AS $$
    SELECT p.body FROM raw.payload p JOIN raw.fetch f USING (fetch_id) WHERE p.payload_id = id AND f.source <> 'tips'
$$;

-- audit: rows chained by a definer, so a role may append without reading the trail --------------
-- A row names who sent it: for any session that is not the owner's, the actor is the login
-- (the program's own name for itself, if it gave one, goes in the detail), so no role can append
-- a row in someone else's name.
CREATE OR REPLACE FUNCTION audit.chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, audit AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('netra.audit'));      -- one link at a time
    IF NOT pg_has_role(session_user, 'netra_owner', 'MEMBER') AND NEW.actor IS DISTINCT FROM session_user::text THEN
        NEW.detail := NEW.detail || jsonb_build_object('program', NEW.actor);
        NEW.actor := session_user;
    END IF;
    NEW.event_id := nextval(pg_get_serial_sequence('audit.event', 'event_id'));
    NEW.at := clock_timestamp();
    NEW.db_role := session_user;
    SELECT hash INTO NEW.prev_hash FROM audit.event ORDER BY event_id DESC LIMIT 1;
    NEW.hash := encode(sha256(convert_to(audit.canonical(NEW), 'UTF8')), 'hex');
    RETURN NEW;
END $$;

-- cases ------------------------------------------------------------------------------------
-- Who may take a transition: roles named in the workflow file (case_officer, supervisor).
ALTER TABLE cases.transition_rule ADD COLUMN roles text[] NOT NULL DEFAULT '{case_officer}';

-- A case closes when it reaches a terminal state; a new finding on a closed case's subject opens
-- another case with its own clock.
ALTER TABLE cases.case ADD COLUMN closed_at timestamptz;
DROP INDEX cases.case_per_employee;
DROP INDEX cases.case_per_account;
CREATE UNIQUE INDEX case_per_employee ON cases.case (election_id, employee_id)
    WHERE employee_id IS NOT NULL AND closed_at IS NULL;
CREATE UNIQUE INDEX case_per_account ON cases.case (election_id, account_id)
    WHERE account_id IS NOT NULL AND closed_at IS NULL;
CREATE INDEX case_opd ON cases.case (opd_id);

-- The steps' actor and role come from the session: a desk login cannot write them.
ALTER TABLE cases.event ALTER COLUMN actor SET DEFAULT session_user;
ALTER TABLE cases.event ADD COLUMN db_role text NOT NULL DEFAULT current_user;

-- The findings a case is made of; a finding belongs to one case and is not deleted while it does.
CREATE TABLE cases.case_finding (
    finding_id  bigint PRIMARY KEY REFERENCES findings.finding ON DELETE RESTRICT,
    case_id     bigint NOT NULL REFERENCES cases.case,
    attached_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_finding_case ON cases.case_finding (case_id);

-- A finding confirmed or dismissed by the monitoring team, per post version and election (so a
-- reprocessed window, or a new ruleset version, does not bring a dismissed finding back).
-- Append-only: the latest review is the one in force.
CREATE TABLE cases.finding_review (
    review_id    bigserial PRIMARY KEY,
    post_pk      bigint NOT NULL REFERENCES core.post,
    content_hash char(64) NOT NULL,
    election_id  text NOT NULL REFERENCES registry.election,
    verdict      text NOT NULL CHECK (verdict IN ('dikonfirmasi', 'ditolak')),
    reason       text NOT NULL CHECK (length(btrim(reason)) > 0),
    actor        text NOT NULL DEFAULT session_user,
    db_role      text NOT NULL DEFAULT current_user,
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX finding_review_version ON cases.finding_review (post_pk, content_hash, election_id, review_id DESC);

-- The decisions a case may end with (from workflow.yaml): a step's decision must be one of them,
-- with its measure written down where the outcome needs one.
CREATE TABLE cases.outcome (
    track      text NOT NULL,
    outcome_id text NOT NULL,
    label      text NOT NULL,
    measure    boolean NOT NULL,
    active     boolean NOT NULL,
    PRIMARY KEY (track, outcome_id)
);

-- The legal clock as data (from workflow.yaml) and days off (from netra.cases.clock: national
-- holidays, collective leave, the region's own days), so the warehouse computes due dates itself.
CREATE TABLE cases.deadline_rule (
    deadline_id text PRIMARY KEY,
    label       text NOT NULL,
    from_state  text NOT NULL,                 -- 'discovered' or a state
    until_state text NOT NULL REFERENCES cases.state,
    days        int  NOT NULL CHECK (days > 0),
    unit        text NOT NULL CHECK (unit IN ('calendar', 'working')),
    active      boolean NOT NULL
);

CREATE TABLE cases.day_off (
    day  date PRIMARY KEY,
    name text NOT NULL
);

-- One running of a deadline: started when its event happened, met when the case reached its
-- state (or ended otherwise), escalated once overdue.
CREATE TABLE cases.deadline (
    case_id      bigint NOT NULL REFERENCES cases.case,
    deadline_id  text NOT NULL REFERENCES cases.deadline_rule,
    started_at   timestamptz NOT NULL,
    due_on       date NOT NULL,                -- the last day it may be met, in the region's zone
    met_at       timestamptz,
    ended        text,                         -- met, or the state that ended it otherwise
    escalated_at timestamptz,
    PRIMARY KEY (case_id, deadline_id, started_at)
);
CREATE INDEX deadline_open ON cases.deadline (due_on) WHERE met_at IS NULL;

-- An overdue deadline, and whom it flags: the direct superior who let the examination lapse.
CREATE TABLE cases.escalation (
    case_id      bigint NOT NULL,
    deadline_id  text NOT NULL,
    started_at   timestamptz NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    due_on       date NOT NULL,
    flagged_employee_id int REFERENCES registry.employee,
    PRIMARY KEY (case_id, deadline_id, started_at),
    FOREIGN KEY (case_id, deadline_id, started_at) REFERENCES cases.deadline
);

-- Which OPDs a supervisor's login may see and work.
CREATE TABLE cases.scope (
    role_name text NOT NULL,
    opd_id    int  NOT NULL REFERENCES registry.opd,
    PRIMARY KEY (role_name, opd_id)
);

-- A hold keeps what it names from retention, whatever its age: an account, an employee's
-- accounts, a case's evidence. Released, never deleted.
CREATE TABLE cases.hold (
    hold_id        bigserial PRIMARY KEY,
    account_id     int REFERENCES registry.account,
    employee_id    int REFERENCES registry.employee,
    case_id        bigint REFERENCES cases.case,
    reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
    placed_by      text NOT NULL DEFAULT session_user,
    placed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    released_by    text,
    released_at    timestamptz,
    CHECK (num_nonnulls(account_id, employee_id, case_id) = 1),
    CHECK ((released_at IS NULL) = (released_by IS NULL))
);

-- What each retention run removed.
CREATE TABLE ops.retention_run (
    run_id     bigserial PRIMARY KEY,
    ran_at     timestamptz NOT NULL DEFAULT now(),
    policy     jsonb NOT NULL,
    removed    jsonb NOT NULL
);

-- Can this role see cases of this OPD? Everyone who works cases but supervisors sees them all; a
-- supervisor sees the OPDs cases.scope lists for their login. Called with current_user, from
-- row-level security and from the desk's views (which run as their owner but keep the caller's
-- current_user).
CREATE FUNCTION cases.sees(who name, opd int) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, cases AS $$
    SELECT pg_has_role(who, 'netra_case_officer', 'MEMBER') OR pg_has_role(who, 'netra_loader', 'MEMBER')
        OR pg_has_role(who, 'netra_owner', 'MEMBER')
        OR EXISTS (SELECT 1 FROM cases.scope s WHERE s.role_name = who AND s.opd_id = opd)
$$;

ALTER TABLE cases.case ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON cases.case USING (cases.sees(current_user, opd_id));
ALTER TABLE cases.event ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON cases.event
    USING (EXISTS (SELECT 1 FROM cases.case c WHERE c.case_id = event.case_id));
ALTER TABLE cases.deadline ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON cases.deadline
    USING (EXISTS (SELECT 1 FROM cases.case c WHERE c.case_id = deadline.case_id));
ALTER TABLE cases.escalation ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON cases.escalation
    USING (EXISTS (SELECT 1 FROM cases.case c WHERE c.case_id = escalation.case_id));
ALTER TABLE cases.case_finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON cases.case_finding
    USING (EXISTS (SELECT 1 FROM cases.case c WHERE c.case_id = case_finding.case_id));

-- The last day a deadline may be met: `days` calendar days after the start, or `days` working
-- days (Monday to Friday, not a day off) after it; the start's own day does not count.
CREATE FUNCTION cases.due_on(start date, days int, unit text) RETURNS date
LANGUAGE sql STABLE SET search_path = pg_catalog, cases AS $$
    SELECT CASE WHEN unit = 'calendar' THEN start + days ELSE (
        SELECT d::date FROM generate_series(start + 1, start + days * 3 + 60, interval '1 day') d
        WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM cases.day_off o WHERE o.day = d::date)
        ORDER BY d OFFSET days - 1 LIMIT 1) END
$$;

-- Start the deadlines that run from `event` (a state, or 'discovered'), end those it meets or
-- that a terminal state makes moot. Times are read in the election's zone.
CREATE FUNCTION cases.clock(case_row cases.case, event text, at timestamptz, terminal boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, cases AS $$
DECLARE zone text;
BEGIN
    SELECT timezone INTO zone FROM registry.election WHERE election_id = case_row.election_id;
    UPDATE cases.deadline d SET met_at = at, ended = CASE WHEN r.until_state = event THEN 'met' ELSE event END
    FROM cases.deadline_rule r
    WHERE d.case_id = case_row.case_id AND d.deadline_id = r.deadline_id AND d.met_at IS NULL
      AND (r.until_state = event OR terminal);
    INSERT INTO cases.deadline (case_id, deadline_id, started_at, due_on)
    SELECT case_row.case_id, r.deadline_id, at, cases.due_on((at AT TIME ZONE zone)::date, r.days, r.unit)
    FROM cases.deadline_rule r
    WHERE r.active AND r.from_state = event AND NOT terminal
    ON CONFLICT DO NOTHING;
END $$;

-- A case opened: its clock starts from when its first finding was made.
CREATE FUNCTION cases.opened() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, cases AS $$
BEGIN
    PERFORM cases.clock(NEW, 'discovered', NEW.discovered_at, false);
    INSERT INTO audit.event (actor, kind, subject, detail)
    VALUES (session_user, 'case_opened', 'case:' || NEW.case_id,
            jsonb_build_object('election_id', NEW.election_id, 'employee_id', NEW.employee_id,
                               'account_id', NEW.account_id, 'opd_id', NEW.opd_id, 'state', NEW.state));
    RETURN NULL;
END $$;
CREATE TRIGGER opened AFTER INSERT ON cases.case FOR EACH ROW EXECUTE FUNCTION cases.opened();

-- Whoever inserts it, a case opens open, now, in the workflow's first state, and moves only by steps.
CREATE FUNCTION cases.opening() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, cases AS $$
BEGIN
    IF NEW.state IS DISTINCT FROM (SELECT state_id FROM cases.state ORDER BY position LIMIT 1) OR NEW.closed_at IS NOT NULL THEN
        RAISE EXCEPTION 'a case opens in the workflow''s first state, open' USING ERRCODE = 'check_violation';
    END IF;
    NEW.opened_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER opening BEFORE INSERT ON cases.case FOR EACH ROW EXECUTE FUNCTION cases.opening();

-- A step, replacing the first version: the role that sends it must be one the workflow names for
-- the transition; the case closes in a terminal state; the clock moves; the trail records it.
-- A definer, so desk roles need no UPDATE on cases.case; the sender's role is the row's db_role,
-- which their grants do not let them write.
CREATE OR REPLACE FUNCTION cases.step() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, cases AS $$
DECLARE
    c cases.case;
    rule cases.transition_rule;
    ends boolean;
BEGIN
    -- Cases take findings under this lock (netra.cases.opening): a step that ends a case waits
    -- for them, so no finding joins a case as it closes.
    PERFORM pg_advisory_xact_lock(hashtext('netra.findings'));
    SELECT * INTO c FROM cases.case WHERE case_id = NEW.case_id FOR UPDATE;
    IF NOT FOUND OR NOT cases.sees(NEW.db_role, c.opd_id) THEN
        RAISE EXCEPTION 'no case % for role %', NEW.case_id, NEW.db_role USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF c.state IS DISTINCT FROM NEW.from_state THEN
        RAISE EXCEPTION 'case % is %, not %', NEW.case_id, c.state, NEW.from_state USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO rule FROM cases.transition_rule WHERE from_state = NEW.from_state AND to_state = NEW.to_state;
    IF rule.action IS DISTINCT FROM NEW.action OR NOT rule.active THEN
        RAISE EXCEPTION 'the workflow has no action % from % to %', NEW.action, NEW.from_state, NEW.to_state
            USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM unnest(rule.roles) r WHERE pg_has_role(NEW.db_role, 'netra_' || r, 'MEMBER')) THEN
        RAISE EXCEPTION 'role % may not %: the workflow gives it to %', NEW.db_role, NEW.action, rule.roles
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF rule.decision <> (NEW.decision_track IS NOT NULL) THEN
        RAISE EXCEPTION 'action % % a decision', NEW.action, CASE WHEN rule.decision THEN 'needs' ELSE 'takes no' END
            USING ERRCODE = 'check_violation';
    END IF;
    IF NOT rule.decision AND NEW.measure IS NOT NULL THEN
        RAISE EXCEPTION 'action % takes no measure', NEW.action USING ERRCODE = 'check_violation';
    END IF;
    IF rule.decision AND NOT EXISTS (
            SELECT 1 FROM cases.outcome o WHERE o.track = NEW.decision_track AND o.outcome_id = NEW.decision_outcome
              AND o.active AND (NOT o.measure OR length(btrim(coalesce(NEW.measure, ''))) > 0)) THEN
        RAISE EXCEPTION 'no decision % / % (with its measure, where it needs one) in the workflow',
            NEW.decision_track, NEW.decision_outcome USING ERRCODE = 'check_violation';
    END IF;
    SELECT terminal INTO ends FROM cases.state WHERE state_id = NEW.to_state;
    UPDATE cases.case SET state = NEW.to_state, closed_at = CASE WHEN ends THEN NEW.at END
    WHERE case_id = NEW.case_id;
    PERFORM cases.clock(c, NEW.to_state, NEW.at, ends);
    INSERT INTO audit.event (actor, kind, subject, detail)
    VALUES (NEW.actor, 'case_transition', 'case:' || NEW.case_id,
            jsonb_build_object('from', NEW.from_state, 'to', NEW.to_state, 'action', NEW.action,
                               'reason', NEW.reason, 'decision_track', NEW.decision_track,
                               'decision_outcome', NEW.decision_outcome, 'measure', NEW.measure,
                               'db_role', NEW.db_role));
    RETURN NEW;
END $$;

-- Reviews of findings, holds placed and released: audited in the same transaction.
CREATE FUNCTION cases.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, cases AS $$
BEGIN
    INSERT INTO audit.event (actor, kind, subject, detail)
    VALUES (session_user, TG_ARGV[0], TG_ARGV[1] || ':' || (to_jsonb(NEW) ->> TG_ARGV[2]),
            to_jsonb(NEW) || jsonb_build_object('op', TG_OP, 'db_role', current_user));
    RETURN NULL;
END $$;
CREATE TRIGGER audited AFTER INSERT ON cases.finding_review
    FOR EACH ROW EXECUTE FUNCTION cases.audit_row('finding_review', 'post', 'post_pk');
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON cases.finding_review
    FOR EACH ROW EXECUTE FUNCTION audit.refuse();
-- A hold is released once, by whoever releases it, now; nothing else of it changes.
CREATE FUNCTION cases.release() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, cases AS $$
BEGIN
    IF OLD.released_at IS NOT NULL THEN
        RAISE EXCEPTION 'hold % was released already', OLD.hold_id USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.account_id, NEW.employee_id, NEW.case_id, NEW.reason, NEW.placed_by, NEW.placed_at)
       IS DISTINCT FROM (OLD.account_id, OLD.employee_id, OLD.case_id, OLD.reason, OLD.placed_by, OLD.placed_at) THEN
        RAISE EXCEPTION 'a hold is only released' USING ERRCODE = 'check_violation';
    END IF;
    NEW.released_by := session_user;
    NEW.released_at := clock_timestamp();
    RETURN NEW;
END $$;
CREATE TRIGGER release BEFORE UPDATE ON cases.hold FOR EACH ROW EXECUTE FUNCTION cases.release();
CREATE TRIGGER no_delete BEFORE DELETE ON cases.hold FOR EACH ROW EXECUTE FUNCTION audit.refuse();
CREATE TRIGGER audited AFTER INSERT OR UPDATE ON cases.hold
    FOR EACH ROW EXECUTE FUNCTION cases.audit_row('hold', 'hold', 'hold_id');
CREATE TRIGGER audited AFTER INSERT ON cases.escalation
    FOR EACH ROW EXECUTE FUNCTION cases.audit_row('escalation', 'case', 'case_id');
CREATE TRIGGER audited AFTER INSERT ON ops.retention_run
    FOR EACH ROW EXECUTE FUNCTION cases.audit_row('retention', 'retention_run', 'run_id');

-- The materialized marts refreshed by their owner, so the loader needs no ownership of them.
CREATE FUNCTION mart.refresh() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, mart AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY mart.findings_daily;
    REFRESH MATERIALIZED VIEW CONCURRENTLY mart.account_coverage;
END $$;
