-- Plots, growing-area codes (mã số vùng trồng) and every change of a code's status.

CREATE TABLE plot (
    id                text          PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    organisation_id   text          NOT NULL REFERENCES organisation (id),
    name              text          NOT NULL CHECK (btrim(name) <> ''),
    crop              text          NOT NULL CHECK (crop ~ '^[a-z][a-z0-9_-]{0,62}$'),
    geometry          jsonb         NOT NULL,           -- GeoJSON Polygon, WGS 84 lon/lat
    area_ha           numeric(12,4) NOT NULL CHECK (area_ha > 0),  -- computed from the polygon
    declared_area_ha  numeric(12,4) CHECK (declared_area_ha > 0),
    created_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX plot_organisation ON plot (organisation_id);

CREATE TABLE growing_area_code (
    code              text          PRIMARY KEY,
    organisation_id   text          NOT NULL REFERENCES organisation (id),
    crop              text          NOT NULL,
    status            text          NOT NULL CHECK (status IN
                          ('APPLIED', 'UNDER_INSPECTION', 'ISSUED', 'SUSPENDED', 'REVOKED', 'REJECTED', 'EXPIRED')),
    area_ha           numeric(12,4) NOT NULL,
    applied_at        timestamptz   NOT NULL DEFAULT now(),
    status_changed_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX growing_area_code_organisation ON growing_area_code (organisation_id);

CREATE TABLE growing_area_code_plot (
    code     text NOT NULL REFERENCES growing_area_code (code),
    plot_id  text NOT NULL REFERENCES plot (id),
    PRIMARY KEY (code, plot_id)
);
CREATE INDEX growing_area_code_plot_plot ON growing_area_code_plot (plot_id);

-- The history of a code: its application (from_status NULL) and each status change, with who,
-- why, from when, the evidence, the record (its ledger leaf) and the ledger call that carries it.
CREATE TABLE growing_area_code_event (
    id              bigserial   PRIMARY KEY,
    code            text        NOT NULL REFERENCES growing_area_code (code),
    from_status     text,
    to_status       text        NOT NULL,
    actor           text        NOT NULL,
    actor_org       text,
    reason          text        NOT NULL CHECK (btrim(reason) <> ''),
    effective_date  date        NOT NULL,
    evidence        jsonb       NOT NULL DEFAULT '[]',
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    record_id       bigint      NOT NULL REFERENCES record (id),
    ledger_tx       bigint      REFERENCES ledger_tx (id)
);
CREATE INDEX growing_area_code_event_code ON growing_area_code_event (code, effective_date, id);
