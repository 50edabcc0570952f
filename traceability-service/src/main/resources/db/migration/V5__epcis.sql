-- EPCIS 2.0 events (JSON-LD as captured or generated) and the identifiers they mention, for queries.
CREATE TABLE epcis_event (
    id          bigserial   PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    type        text        NOT NULL CHECK (type IN ('ObjectEvent', 'AggregationEvent', 'TransformationEvent',
                                                     'TransactionEvent', 'AssociationEvent')),
    event_time  timestamptz NOT NULL,
    biz_step    text,
    body        text        NOT NULL,   -- the event's JSON, kept as given (canonical form is its record)
    captured_by text        NOT NULL,
    record_id   bigint      NOT NULL REFERENCES record (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE epcis_event_epc (
    event_id  bigint NOT NULL REFERENCES epcis_event (id),
    epc       text   NOT NULL,
    PRIMARY KEY (event_id, epc)
);
CREATE INDEX epcis_event_epc_epc ON epcis_event_epc (epc);
