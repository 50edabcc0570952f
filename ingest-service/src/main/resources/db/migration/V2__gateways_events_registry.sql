-- Gateways (health, uplink sequence), irrigation events, sequence gaps, and the registry of
-- cooperatives, plots and devices.

-- Registry. Ids follow the contract's id rule (checked by the service).
CREATE TABLE cooperative (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    province   text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plot (
    id                text             PRIMARY KEY,
    cooperative_id    text             NOT NULL REFERENCES cooperative (id),
    name              text             NOT NULL,
    crop              text,
    area_ha           double precision NOT NULL CHECK (area_ha > 0),
    -- the growing-area code as plain text: traceability-service owns the code and its status
    growing_area_code text,
    -- what the plot's valve delivers when open; water falls back on it without a flow meter
    valve_flow_lpm    double precision CHECK (valve_flow_lpm > 0),
    created_at        timestamptz      NOT NULL DEFAULT now(),
    updated_at        timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX plot_cooperative ON plot (cooperative_id);

CREATE TABLE device (
    id                   text        PRIMARY KEY,
    cooperative_id       text        NOT NULL REFERENCES cooperative (id),
    plot_id              text        REFERENCES plot (id),
    kind                 text        NOT NULL,
    -- how often the device is expected to report; empty = the service default
    reporting_interval_s integer     CHECK (reporting_interval_s > 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_plot ON device (plot_id);
CREATE INDEX device_cooperative ON device (cooperative_id);

-- A series belongs to its device's plot (kept in step by the registry).
CREATE INDEX series_plot ON series (plot_id);

-- Latest reading of each series, kept by the writer in the transaction of the readings.
CREATE TABLE series_latest (
    series_id integer          PRIMARY KEY REFERENCES series (id),
    time      timestamptz      NOT NULL,
    value     double precision NOT NULL
);

-- Every gateway the cloud has heard from (or about), created on first sight. The health
-- figures are the last ones the gateway reported on its retained state topic.
CREATE TABLE gateway (
    id                 text        PRIMARY KEY,
    cooperative_id     text        NOT NULL,
    first_seen         timestamptz NOT NULL,
    last_seen          timestamptz NOT NULL,
    -- highest uplink sequence stored (gap detection)
    last_seq           bigint,
    online             boolean,
    state_at           timestamptz,
    state_received_at  timestamptz,
    uptime_s           bigint,
    backlog_readings   bigint,
    backlog_batches    bigint,
    backlog_oldest_s   bigint,
    backlog_error      text,
    batches_sent       bigint,
    readings_sent      bigint,
    devices_online     integer,
    valves_open        integer,
    readings_compacted bigint
);
CREATE INDEX gateway_cooperative ON gateway (cooperative_id);

-- Batches a gateway skipped (GAP: from_seq..to_seq missing, open until every one of them
-- arrived; a late arrival shrinks or splits the row) and new outboxes (RESET: a jump too large
-- to be a gap; from_seq is the last sequence of the old run, to_seq the first of the new one,
-- closed when recorded).
CREATE TABLE sequence_gap (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gateway_id  text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('GAP', 'RESET')),
    from_seq    bigint      NOT NULL,
    to_seq      bigint      NOT NULL,
    detected_at timestamptz NOT NULL,
    closed_at   timestamptz,
    CHECK (kind <> 'GAP' OR from_seq <= to_seq)
);
CREATE INDEX sequence_gap_gateway ON sequence_gap (gateway_id, detected_at);
CREATE INDEX sequence_gap_open ON sequence_gap (gateway_id, from_seq) WHERE closed_at IS NULL;

-- Irrigation decisions of the gateways. Event ids are unique per gateway, so a redelivered
-- event hits the primary key and is stored once.
CREATE TABLE irrigation_event (
    gateway_id     text        NOT NULL,
    event_id       text        NOT NULL,
    cooperative_id text        NOT NULL,
    plot_id        text        NOT NULL,
    valve_id       text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('START', 'STOP', 'SKIP', 'ALARM')),
    reason         text        NOT NULL,
    detail         text        NOT NULL,
    readings       jsonb       NOT NULL,
    run_s          bigint      NOT NULL,
    at             timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (gateway_id, event_id)
);
CREATE INDEX irrigation_event_plot_at ON irrigation_event (plot_id, at);
