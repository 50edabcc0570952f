-- Inspections (docs/inspections.md): a finding of the audit planned for inspection, then its
-- outcome recorded (and anchored as a record of kind 'inspection'). A finding is identified by its
-- kind and subject, as the audit computes it; at most one inspection of a finding is planned at once.
CREATE TABLE inspection (
    id                  BIGSERIAL PRIMARY KEY,
    code                TEXT NOT NULL REFERENCES growing_area_code (code),
    finding_kind        TEXT NOT NULL,
    finding_subject     TEXT NOT NULL,
    risk                INTEGER NOT NULL,
    planned_for         DATE NOT NULL,
    planned_by          TEXT NOT NULL,
    planned_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    state               TEXT NOT NULL CHECK (state IN ('PLANNED', 'RESOLVED', 'ESCALATED')),
    inspected_on        DATE,
    checklist           JSONB,
    notes               TEXT,
    suspension_proposed BOOLEAN NOT NULL DEFAULT false,
    record_id           BIGINT REFERENCES record (id),
    recorded_at         TIMESTAMPTZ,
    CHECK ((state = 'PLANNED') = (record_id IS NULL))
);
CREATE UNIQUE INDEX inspection_planned ON inspection (finding_kind, finding_subject) WHERE state = 'PLANNED';
CREATE INDEX inspection_code ON inspection (code, id);
CREATE INDEX inspection_finding ON inspection (finding_kind, finding_subject, id);
