-- When the audit first and last saw each finding (docs/findings.md): the findings watch runs the
-- province's audit every dx.trace.findings.watch-every and notes what it finds, so a finding can
-- say since when it stands. A finding itself is never stored: it is computed from the evidence.
CREATE TABLE finding_seen (
    kind       text        NOT NULL,
    subject    text        NOT NULL,
    code       text,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (kind, subject)
);
