-- Records, their Merkle anchors and the transactions sent to the ledger. All anchoring state is
-- here, so a restart of the service (or of the chain) loses nothing: the submitter picks up
-- where the table says it was.

-- The contract this database anchors to, per chain (deployed by the service when not configured).
CREATE TABLE ledger_contract (
    chain_id    bigint      PRIMARY KEY,
    address     text        NOT NULL CHECK (address ~ '^0x[0-9a-f]{40}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A call to the ledger contract, queued in order and sent with the service's key. state:
-- QUEUED (not sent, or to be sent again with a fresh nonce), SENT (signed with `nonce`, in the
-- mempool or dropped), MINED (receipt seen, status ok), CONFIRMED (`confirmations` deep),
-- FAILED (reverted: it will never succeed as it is).
CREATE TABLE ledger_tx (
    id            bigserial   PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('ANCHOR', 'REGISTER_CODE', 'CODE_STATUS', 'GRANT_ROLE')),
    reference     text        NOT NULL,
    contract      text,        -- filled when first sent
    call_data     text        NOT NULL CHECK (call_data ~ '^0x[0-9a-f]*$'),
    state         text        NOT NULL DEFAULT 'QUEUED'
                              CHECK (state IN ('QUEUED', 'SENT', 'MINED', 'CONFIRMED', 'FAILED')),
    nonce         bigint,
    tx_hash       text,
    block_number  bigint,
    block_hash    text,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,
    sends         integer     NOT NULL DEFAULT 0,  -- signed transactions handed to the node (resends included)
    mined_at      timestamptz
);
CREATE INDEX ledger_tx_open ON ledger_tx (id) WHERE state IN ('QUEUED', 'SENT', 'MINED');

-- Every signed transaction sent for a ledger_tx: a resend (dropped, or stuck and re-priced) adds
-- one, and whichever of them is mined settles the ledger_tx.
CREATE TABLE ledger_tx_attempt (
    tx_hash     text        PRIMARY KEY,
    ledger_tx   bigint      NOT NULL REFERENCES ledger_tx (id),
    nonce       bigint      NOT NULL,
    gas_price   numeric     NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_tx_attempt_tx ON ledger_tx_attempt (ledger_tx);

-- A Merkle root over a batch of records, anchored by one ledger_tx.
CREATE TABLE anchor (
    id          bigserial   PRIMARY KEY,
    root        bytea       NOT NULL UNIQUE CHECK (length(root) = 32),
    leaf_count  integer     NOT NULL CHECK (leaf_count > 0),
    ledger_tx   bigint      NOT NULL REFERENCES ledger_tx (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A record: its canonical JSON (RFC 8785) and leaf = keccak256 of it. Pending until an anchor
-- takes it; then it keeps its Merkle proof for ever.
CREATE TABLE record (
    id          bigint      PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,62}$'),
    subject     text        NOT NULL,
    content     text        NOT NULL,
    leaf        bytea       NOT NULL CHECK (length(leaf) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    anchor_id   bigint      REFERENCES anchor (id),
    leaf_index  integer,
    proof       bytea[],
    CHECK ((anchor_id IS NULL) = (proof IS NULL))
);
CREATE SEQUENCE record_id_seq OWNED BY record.id;
CREATE INDEX record_pending ON record (id) WHERE anchor_id IS NULL;
CREATE INDEX record_subject ON record (kind, subject);
CREATE INDEX record_anchor ON record (anchor_id);
