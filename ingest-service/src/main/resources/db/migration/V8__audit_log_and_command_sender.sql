-- Who did what, on what, when and with which outcome: every write of the API and every valve
-- command (docs/security-ingest.md). Append-only: rows are added, never changed or removed.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    subject      text        NOT NULL, -- the token's sub ('anonymous' when there was none)
    organisation text,                 -- the token's organisation claim, if any
    roles        text        NOT NULL, -- the platform roles of the token, comma-separated
    operation    text        NOT NULL, -- method and path template, e.g. 'POST /api/plots'
    resource     text        NOT NULL, -- the resource's path: the created one's (Location) or the request's
    cooperative  text,                 -- the cooperative the resource belongs to, when known
    status       integer     NOT NULL, -- HTTP status of the answer
    outcome      text        NOT NULL  -- SUCCEEDED, REFUSED (401/403/404), INVALID (other 4xx) or FAILED (5xx)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_organisation_at ON audit_log (organisation, at);
CREATE INDEX audit_log_cooperative_at ON audit_log (cooperative, at);

-- The service's role usually owns its tables, and an owner keeps every privilege it could grant
-- itself back; so the rule is a trigger, which refuses whoever asks (only a superuser or the
-- owner dropping the trigger gets past it, and that is visible in the schema history).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- Other roles of the database (reporting, a read replica's users) get no way to change it either.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- Every valve command says who sent it.
ALTER TABLE valve_command ADD COLUMN sent_by text, ADD COLUMN sent_by_organisation text;
