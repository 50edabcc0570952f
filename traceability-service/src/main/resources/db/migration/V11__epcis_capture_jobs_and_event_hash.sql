-- EPCIS 2.0 REST binding: a capture answers 202 with a capture job that can be polled.
CREATE TABLE epcis_capture (
    id              uuid        PRIMARY KEY,
    captured_by     text        NOT NULL,
    organisation_id text,                 -- whose job it is (null: the department)
    state           text        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    result          text                  -- JSON: the events stored or the errors
);
CREATE INDEX epcis_capture_created ON epcis_capture (created_at);

-- The CBV 2.0 canonical event hash (ni:///sha-256;…?ver=CBV2.0) of each event; null for events
-- captured before this column existed (computed from the body when needed).
ALTER TABLE epcis_event ADD COLUMN event_hash text;
