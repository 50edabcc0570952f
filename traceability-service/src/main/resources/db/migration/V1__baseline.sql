-- Organisations that act in the traceability records: cooperatives (HTX) that own plots and
-- batches, the provincial agriculture department that issues and audits growing-area codes, and
-- certification bodies that issue certificates. Names are data (they changed in 2025), kinds are
-- a closed set that later migrations may widen.
CREATE TABLE organisation (
    -- same form as the wire contract's ids (a cooperative's id appears in MQTT topics)
    id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    kind       text        NOT NULL CHECK (kind IN ('COOPERATIVE', 'DEPARTMENT', 'CERTIFICATION_BODY')),
    name       text        NOT NULL CHECK (btrim(name) <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
