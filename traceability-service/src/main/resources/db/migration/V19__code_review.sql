-- The yearly review of an issued code (docs/register.md): the department's record that the code was
-- looked at again and stays issued. Its review falls due again review-interval after the later of
-- its last issue (or reinstatement) and its last review. Each review is a record anchored on the
-- ledger (kind code.review); this row is the register's index of it.
CREATE TABLE code_review (
    id          bigserial   PRIMARY KEY,
    code        text        NOT NULL REFERENCES growing_area_code (code),
    reviewed_on date        NOT NULL,
    notes       text        NOT NULL CHECK (btrim(notes) <> ''),
    evidence    jsonb       NOT NULL DEFAULT '[]',
    actor       text        NOT NULL,
    actor_org   text,
    record_id   bigint      NOT NULL REFERENCES record (id),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX code_review_code ON code_review (code, reviewed_on);
