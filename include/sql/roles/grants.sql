-- What each role may do, applied after every migration (netra.schema): the whole set is revoked
-- and granted again, so this file is the truth and an object a migration adds is covered at once.
-- Identities (names, NIPs, handles, permalinks, raw pages) reach the pipeline and case officers
-- only; reporters' contacts are encrypted and reach nobody but the pipeline.
REVOKE ALL ON ALL TABLES IN SCHEMA registry, raw, stage, core, quarantine, findings, mart, ops, audit, cases, desk
    FROM PUBLIC, netra_loader, netra_analyst, netra_case_officer, netra_supervisor, netra_auditor;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA registry, raw, stage, core, quarantine, findings, mart, ops, audit, cases, desk
    FROM PUBLIC, netra_loader, netra_analyst, netra_case_officer, netra_supervisor, netra_auditor;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA registry, raw, stage, core, quarantine, findings, mart, ops, audit, cases, desk
    FROM PUBLIC, netra_loader, netra_analyst, netra_case_officer, netra_supervisor, netra_auditor;
REVOKE ALL ON SCHEMA registry, raw, stage, core, quarantine, findings, mart, ops, audit, cases, desk
    FROM PUBLIC, netra_loader, netra_analyst, netra_case_officer, netra_supervisor, netra_auditor;

-- the pipeline ------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA registry, raw, stage, core, quarantine, findings, mart, ops, audit, cases TO netra_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA registry, raw, stage, core, quarantine, findings, ops
    TO netra_loader;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA registry, raw, stage, core, quarantine, findings, ops, audit, cases
    TO netra_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA mart, cases TO netra_loader;
GRANT INSERT ON cases.case, cases.case_finding, cases.escalation TO netra_loader;
GRANT INSERT, UPDATE, DELETE ON cases.state, cases.transition_rule, cases.outcome, cases.deadline_rule, cases.day_off
    TO netra_loader;                       -- the workflow and calendar files, loaded before cases open
GRANT UPDATE (escalated_at) ON cases.deadline TO netra_loader;
GRANT SELECT, INSERT ON audit.event TO netra_loader;
GRANT EXECUTE ON FUNCTION mart.refresh() TO netra_loader;
DO $$ BEGIN                                  -- ops.analyze came with 0008_statistics
    IF to_regprocedure('ops.analyze(text[])') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION ops.analyze(text[]) TO netra_loader;
    END IF;
END $$;
DO $$ BEGIN                                  -- the month partitions came with 0009_partitions
    IF to_regprocedure('ops.ensure_partitions(date)') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION ops.ensure_partitions(date), ops.month_base(date), ops.id_month(bigint) TO netra_loader;
    END IF;
END $$;
REVOKE INSERT, UPDATE, DELETE ON ops.freshness, ops.volume_daily, ops.fetch_problems, ops.quarantine_rate,
    ops.dq_failures, ops.findings_volume, ops.running_deadlines FROM netra_loader;   -- health views: read only

-- analysts: the marts, where employees are keyed pseudonyms --------------------------------------
GRANT USAGE ON SCHEMA mart TO netra_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA mart TO netra_analyst;
GRANT USAGE ON SCHEMA ops TO netra_analyst;         -- the health views that identify nobody
GRANT SELECT ON ops.volume_daily, ops.quarantine_rate, ops.dq_failures, ops.findings_volume TO netra_analyst;

-- case officers: identities and evidence, the cases, steps, reviews and holds ---------------------
GRANT USAGE ON SCHEMA registry, raw, core, findings, mart, cases TO netra_case_officer;
GRANT SELECT ON ALL TABLES IN SCHEMA registry, findings, mart, cases TO netra_case_officer;
GRANT SELECT ON raw.fetch TO netra_case_officer;
GRANT SELECT (payload_id, fetch_id, page_no, sha256, byte_size, landed_at, removed_at) ON raw.payload
    TO netra_case_officer;                 -- the bytes through raw.page_body, which withholds tips files
GRANT EXECUTE ON FUNCTION raw.page_body(bigint) TO netra_case_officer;
GRANT SELECT ON core.post, core.post_version, core.sighting, core.post_link, core.window_post, core.fetch_applied
    TO netra_case_officer;
GRANT SELECT (tip_id, payload_id, received_at, post_url, platform, post_ref, account_handle, unresolved_reason,
              note, screenshot_file, screenshot_sha256) ON core.tip TO netra_case_officer;
GRANT SELECT ON core.tip_post TO netra_case_officer;
GRANT INSERT (case_id, from_state, to_state, action, reason, decision_track, decision_outcome, measure)
    ON cases.event TO netra_case_officer;
GRANT INSERT (post_pk, content_hash, election_id, verdict, reason) ON cases.finding_review TO netra_case_officer;
GRANT INSERT (account_id, employee_id, case_id, reason) ON cases.hold TO netra_case_officer;
GRANT UPDATE (released_at) ON cases.hold TO netra_case_officer;     -- a trigger stamps who and when
GRANT USAGE ON SEQUENCE cases.event_event_id_seq, cases.finding_review_review_id_seq, cases.hold_hold_id_seq
    TO netra_case_officer;

-- supervisors: the cases of their OPDs (row-level security on cases.case and what hangs off it)
GRANT USAGE ON SCHEMA cases TO netra_supervisor;
GRANT SELECT ON cases.case, cases.event, cases.deadline, cases.case_finding, cases.state, cases.transition_rule, cases.outcome,
                cases.deadline_rule, cases.escalation TO netra_supervisor;
GRANT INSERT (case_id, from_state, to_state, action, reason, decision_track, decision_outcome, measure)
    ON cases.event TO netra_supervisor;
GRANT USAGE ON SEQUENCE cases.event_event_id_seq TO netra_supervisor;

-- auditors: the trail -----------------------------------------------------------------------
GRANT USAGE ON SCHEMA audit TO netra_auditor;
GRANT SELECT ON audit.event TO netra_auditor;
GRANT EXECUTE ON FUNCTION audit.canonical(audit.event) TO netra_auditor;

-- the desk's views filter by cases.sees(current_user, ...) themselves; row-level security calls it too
GRANT USAGE ON SCHEMA desk TO netra_case_officer, netra_supervisor;
GRANT SELECT ON ALL TABLES IN SCHEMA desk TO netra_case_officer, netra_supervisor;
GRANT EXECUTE ON FUNCTION cases.sees(name, int) TO netra_loader, netra_case_officer, netra_supervisor;
