-- Files and photos an inspector brings back (docs/inspections.md), attached to a planned inspection
-- before its outcome is recorded. The outcome's anchored record lists each file's name, type, size
-- and SHA-256, so the ledger commits to the photos as they were; the bytes stay here.
CREATE TABLE inspection_file (
    id            bigserial   PRIMARY KEY,
    inspection_id bigint      NOT NULL REFERENCES inspection (id),
    name          text        NOT NULL CHECK (btrim(name) <> ''),
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes > 0),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content       bytea       NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (inspection_id, sha256)
);
CREATE INDEX inspection_file_inspection ON inspection_file (inspection_id, id);
