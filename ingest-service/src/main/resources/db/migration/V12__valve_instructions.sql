-- Overrides and schedules a cooperative asked a gateway to apply to a plot's valve, and what the
-- gateway answered. Like valve_command, but for a plot (the gateway's control) rather than a device.
CREATE TABLE valve_instruction (
    id                   text PRIMARY KEY,
    cooperative_id       text        NOT NULL,
    gateway_id           text        NOT NULL,
    plot_id              text        NOT NULL,
    kind                 text        NOT NULL CHECK (kind IN ('OVERRIDE', 'SCHEDULE')),
    hold                 text CHECK (hold IN ('OPEN', 'CLOSED', 'AUTO')), -- overrides
    until                timestamptz,                                      -- overrides
    start_at             timestamptz,                                      -- schedules
    run_seconds          integer CHECK (run_seconds > 0),                  -- schedules
    expires              timestamptz,                                      -- schedules
    issued_at            timestamptz NOT NULL,
    deadline             timestamptz NOT NULL, -- unanswered by then (plus grace): TIMED_OUT
    state                text        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'APPLIED', 'REFUSED', 'EXPIRED', 'TIMED_OUT')),
    reason               text        NOT NULL DEFAULT '',
    answered_at          timestamptz,          -- the gateway's time of its answer
    updated_at           timestamptz NOT NULL,
    sent_by              text,
    sent_by_organisation text,
    CHECK ((kind = 'OVERRIDE' AND hold IS NOT NULL AND until IS NOT NULL)
        OR (kind = 'SCHEDULE' AND start_at IS NOT NULL AND run_seconds IS NOT NULL AND expires > start_at))
);
CREATE INDEX valve_instruction_plot ON valve_instruction (plot_id, kind, issued_at DESC);
CREATE INDEX valve_instruction_open ON valve_instruction (deadline) WHERE state IN ('PENDING', 'SENT');
