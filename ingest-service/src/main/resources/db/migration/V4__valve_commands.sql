-- Valve and pump commands sent to gateways, and what became of them.
CREATE TABLE valve_command (
    id             text PRIMARY KEY,
    cooperative_id text        NOT NULL,
    gateway_id     text        NOT NULL,
    device_id      text        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('OPEN', 'CLOSE')),
    run_seconds    integer     NOT NULL CHECK (run_seconds >= 0),
    issued_at      timestamptz NOT NULL,
    deadline       timestamptz NOT NULL,
    state          text        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'APPLIED', 'REFUSED', 'EXPIRED', 'TIMED_OUT')),
    reason         text        NOT NULL DEFAULT '',
    updated_at     timestamptz NOT NULL
);
CREATE INDEX valve_command_gateway ON valve_command (gateway_id, issued_at DESC);
CREATE INDEX valve_command_open ON valve_command (deadline) WHERE state IN ('PENDING', 'SENT');
