-- Scan signals (docs/scan-signals.md): how often each lot's QR code was read, by day and coarse
-- region, and the lots whose scans look like a cloned label. No address, device or person is kept.
CREATE TABLE lot_scan_day (
    batch_id BIGINT NOT NULL REFERENCES batch (id),
    day DATE NOT NULL,
    region TEXT NOT NULL,
    scans BIGINT NOT NULL CHECK (scans > 0),
    PRIMARY KEY (batch_id, day, region)
);

-- The last scan of a lot in each region: what the "far apart at once" rule compares.
CREATE TABLE lot_scan_region (
    batch_id BIGINT NOT NULL REFERENCES batch (id),
    region TEXT NOT NULL,
    last_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (batch_id, region)
);

-- A lot flagged as a possible cloned label, once per rule and day.
CREATE TABLE scan_flag (
    id BIGSERIAL PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES batch (id),
    organisation_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('OVERSCANNED', 'FAR_APART')),
    day DATE NOT NULL,
    detail TEXT NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    UNIQUE (batch_id, kind, day)
);
CREATE INDEX scan_flag_organisation ON scan_flag (organisation_id, id);
