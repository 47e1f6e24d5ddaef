-- Cases and the audit trail (issue 12, first part).
--   audit   an append-only trail: every row chained to the one before by SHA-256, UPDATE, DELETE
--           and TRUNCATE refused for every role, so a rewritten row shows when the chain is checked
--   cases   findings grouped per employee (or official account) and election, moving through the
--           workflow of include/rules/cases/workflow.yaml, which is loaded into cases.state and
--           cases.transition_rule; a step the workflow does not list is refused here, not only
--           in the application, and every step writes its audit row in the same transaction
CREATE SCHEMA audit;
CREATE SCHEMA cases;

CREATE TABLE audit.event (
    event_id  bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text NOT NULL,                 -- who acted: a desk user, or the pipeline
    db_role   text NOT NULL,                 -- the database role the change came through
    kind      text NOT NULL,                 -- case_transition, workflow_load, ...
    subject   text NOT NULL,                 -- what it is about: case:42, workflow.yaml, ...
    detail    jsonb NOT NULL,
    prev_hash char(64),
    hash      char(64) NOT NULL UNIQUE
);

-- The text a row's hash covers; verification recomputes it from the stored columns.
CREATE FUNCTION audit.canonical(e audit.event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', e.event_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                     e.actor, e.db_role, e.kind, e.subject, e.detail::text, coalesce(e.prev_hash, '-'))
$$;

CREATE FUNCTION audit.chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('netra.audit'));      -- one link at a time
    -- Numbered under the lock (the default's number was drawn before it), so the chain's order
    -- is the numbers' order.
    NEW.event_id := nextval(pg_get_serial_sequence('audit.event', 'event_id'));
    NEW.at := clock_timestamp();
    NEW.db_role := session_user;
    SELECT hash INTO NEW.prev_hash FROM audit.event ORDER BY event_id DESC LIMIT 1;
    NEW.hash := encode(sha256(convert_to(audit.canonical(NEW), 'UTF8')), 'hex');
    RETURN NEW;
END $$;

CREATE FUNCTION audit.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER chain BEFORE INSERT ON audit.event FOR EACH ROW EXECUTE FUNCTION audit.chain();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.event FOR EACH ROW EXECUTE FUNCTION audit.refuse();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON audit.event FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse();

-- cases ------------------------------------------------------------------------------------
CREATE TABLE cases.state (
    state_id text PRIMARY KEY,
    label    text NOT NULL,
    terminal boolean NOT NULL,
    position int NOT NULL                    -- order in the workflow file; the first is where cases start
);

CREATE TABLE cases.transition_rule (
    from_state text NOT NULL REFERENCES cases.state,
    to_state   text NOT NULL REFERENCES cases.state,
    action     text NOT NULL,
    decision   boolean NOT NULL,
    active     boolean NOT NULL,             -- in the workflow file last loaded (past steps keep theirs)
    PRIMARY KEY (from_state, to_state)
);

CREATE TABLE cases.case (
    case_id       bigserial PRIMARY KEY,
    election_id   text NOT NULL REFERENCES registry.election,
    employee_id   int REFERENCES registry.employee,
    account_id    int REFERENCES registry.account,          -- an official account, or one nobody declared
    opd_id        int REFERENCES registry.opd,               -- whose supervisors see it
    state         text NOT NULL REFERENCES cases.state,
    discovered_at timestamptz NOT NULL,                      -- its first finding was made
    opened_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((employee_id IS NULL) <> (account_id IS NULL))
);
CREATE UNIQUE INDEX case_per_employee ON cases.case (election_id, employee_id) WHERE employee_id IS NOT NULL;
CREATE UNIQUE INDEX case_per_account ON cases.case (election_id, account_id) WHERE account_id IS NOT NULL;

CREATE TABLE cases.event (
    event_id         bigserial PRIMARY KEY,
    case_id          bigint NOT NULL REFERENCES cases.case,
    from_state       text NOT NULL,
    to_state         text NOT NULL,
    action           text NOT NULL,
    actor            text NOT NULL CHECK (actor <> ''),
    reason           text NOT NULL CHECK (length(btrim(reason)) > 0),
    decision_track   text,
    decision_outcome text,
    measure          text,
    at               timestamptz NOT NULL DEFAULT clock_timestamp(),
    FOREIGN KEY (from_state, to_state) REFERENCES cases.transition_rule,
    CHECK ((decision_track IS NULL) = (decision_outcome IS NULL))
);

-- A step: it must start where the case is, be listed in the workflow, carry a decision exactly
-- when the workflow says so; the case moves and the audit trail records it, in one transaction.
CREATE FUNCTION cases.step() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current text;
    rule cases.transition_rule;
BEGIN
    SELECT state INTO current FROM cases.case WHERE case_id = NEW.case_id FOR UPDATE;
    IF current IS DISTINCT FROM NEW.from_state THEN
        RAISE EXCEPTION 'case % is %, not %', NEW.case_id, current, NEW.from_state USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO rule FROM cases.transition_rule WHERE from_state = NEW.from_state AND to_state = NEW.to_state;
    IF rule.action IS DISTINCT FROM NEW.action OR NOT rule.active THEN
        RAISE EXCEPTION 'the workflow has no action % from % to %', NEW.action, NEW.from_state, NEW.to_state
            USING ERRCODE = 'check_violation';
    END IF;
    IF rule.decision <> (NEW.decision_track IS NOT NULL) THEN
        RAISE EXCEPTION 'action % % a decision', NEW.action, CASE WHEN rule.decision THEN 'needs' ELSE 'takes no' END
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE cases.case SET state = NEW.to_state WHERE case_id = NEW.case_id;
    INSERT INTO audit.event (actor, kind, subject, detail)
    VALUES (NEW.actor, 'case_transition', 'case:' || NEW.case_id,
            jsonb_build_object('from', NEW.from_state, 'to', NEW.to_state, 'action', NEW.action,
                               'reason', NEW.reason, 'decision_track', NEW.decision_track,
                               'decision_outcome', NEW.decision_outcome, 'measure', NEW.measure));
    RETURN NEW;
END $$;

CREATE TRIGGER step BEFORE INSERT ON cases.event FOR EACH ROW EXECUTE FUNCTION cases.step();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON cases.event FOR EACH ROW EXECUTE FUNCTION audit.refuse();
