-- The audit log: every write (POST, PUT, PATCH, DELETE) that reached the service with or without
-- a valid token — who (the token's subject), for which organisation, with which roles, what (the
-- operation: method and path template), on what (the request path), when, and the outcome.
-- Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner included
-- (only dropping the trigger, a schema change that Flyway's history shows, could lift it).
CREATE TABLE audit_log (
    id            bigserial   PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    subject       text,                            -- NULL: no valid token
    organisation  text,                            -- the organisation the token acts for
    roles         text[]      NOT NULL DEFAULT '{}',
    action        text        NOT NULL,            -- e.g. 'POST /api/plots/{plotId}/diary'
    target        text        NOT NULL,            -- e.g. '/api/plots/p-1/diary'
    status        integer     NOT NULL CHECK (status BETWEEN 100 AND 599),
    outcome       text        NOT NULL CHECK (outcome IN ('DONE', 'REFUSED', 'FAILED')),
    detail        text                             -- the refusal's rule and reason
);
CREATE INDEX audit_log_organisation ON audit_log (organisation, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A batch's story is public once the batch is published (docs/security-traceability.md): at its
-- creation unless created as a draft. Batches made before this were public: they stay so.
ALTER TABLE batch ADD COLUMN published_at timestamptz;
UPDATE batch SET published_at = created_at;
