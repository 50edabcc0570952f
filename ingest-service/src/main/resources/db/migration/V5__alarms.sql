-- Alarms: rules per plot or cooperative, alarm instances with their history, and the outbox of
-- webhook deliveries.

-- A rule watches one plot, or every plot, device and gateway of one cooperative. params holds the
-- numbers of its kind (defaults already filled in when the rule was created), as the API shows them.
CREATE TABLE alarm_rule (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('OUT_OF_BAND', 'NO_DATA', 'VALVE_OPEN_TOO_LONG', 'LEAK',
                                                        'BATTERY_LOW', 'BACKLOG_GROWING')),
    cooperative_id text        NOT NULL REFERENCES cooperative (id),
    plot_id        text        REFERENCES plot (id),
    params         jsonb       NOT NULL,
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- when the evaluator last looked at the rule
    evaluated_at   timestamptz
);
CREATE INDEX alarm_rule_cooperative ON alarm_rule (cooperative_id);
CREATE INDEX alarm_rule_plot ON alarm_rule (plot_id);

-- One row per alarm: raised once, cleared once, then kept as history (a new excursion is a new row).
-- rule_id has no foreign key on purpose: the history outlives a deleted rule.
CREATE TABLE alarm (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id           bigint           NOT NULL,
    rule_name         text             NOT NULL,
    kind              text             NOT NULL,
    cooperative_id    text             NOT NULL,
    plot_id           text,
    subject_type      text             NOT NULL CHECK (subject_type IN ('DEVICE', 'PLOT', 'GATEWAY')),
    subject_id        text             NOT NULL,
    -- which side of a band ('low' or 'high'); empty for kinds with one condition
    facet             text             NOT NULL DEFAULT '',
    state             text             NOT NULL CHECK (state IN ('RAISED', 'CLEARED')),
    message           text             NOT NULL,
    raised_at         timestamptz      NOT NULL,
    raised_values     jsonb            NOT NULL,
    -- the worst values seen while raised (badness: larger is worse, in the rule's own terms)
    worst_badness     double precision NOT NULL,
    worst_values      jsonb            NOT NULL,
    worst_at          timestamptz      NOT NULL,
    last_values       jsonb            NOT NULL,
    last_evaluated_at timestamptz      NOT NULL,
    cleared_at        timestamptz,
    cleared_values    jsonb,
    clear_reason      text,
    CHECK ((state = 'CLEARED') = (cleared_at IS NOT NULL))
);
-- at most one open alarm per rule and subject: a second evaluator (or a retry) cannot raise it twice
CREATE UNIQUE INDEX alarm_open_once ON alarm (rule_id, subject_type, subject_id, facet) WHERE state = 'RAISED';
CREATE INDEX alarm_cooperative ON alarm (cooperative_id, raised_at DESC);
CREATE INDEX alarm_plot ON alarm (plot_id, raised_at DESC);
CREATE INDEX alarm_raised ON alarm (raised_at DESC);

-- Outbox of webhook deliveries, written in the transaction that raised or cleared the alarm, so a
-- crash or restart loses none; sent (and retried with backoff) by whichever instance claims them.
CREATE TABLE alarm_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alarm_id        bigint      NOT NULL REFERENCES alarm (id),
    event           text        NOT NULL CHECK (event IN ('RAISED', 'CLEARED')),
    payload         jsonb       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'GAVE_UP')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);
CREATE INDEX alarm_delivery_due ON alarm_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX alarm_delivery_alarm ON alarm_delivery (alarm_id, id);

-- Consecutive state reports in which the gateway's oldest unsent reading got older (reset by any
-- report where it did not): "backlog growing across N reports".
ALTER TABLE gateway ADD COLUMN backlog_rising integer NOT NULL DEFAULT 0;
