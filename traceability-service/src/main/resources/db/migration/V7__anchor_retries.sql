-- A reverted ledger call is REVERTED until its block is as deep as the confirmations ask (a
-- reorg may still undo it), then FAILED for good. The records of a FAILED anchor are released
-- into a new root: the failed anchor stays (released_at set) and each record keeps the list of
-- anchors it was released from, so its history shows why it was anchored late.
ALTER TABLE ledger_tx DROP CONSTRAINT ledger_tx_state_check;
ALTER TABLE ledger_tx ADD CONSTRAINT ledger_tx_state_check
    CHECK (state IN ('QUEUED', 'SENT', 'MINED', 'CONFIRMED', 'REVERTED', 'FAILED'));
DROP INDEX ledger_tx_open;
CREATE INDEX ledger_tx_open ON ledger_tx (id) WHERE state IN ('QUEUED', 'SENT', 'MINED', 'REVERTED');

ALTER TABLE anchor ADD COLUMN released_at timestamptz;
-- a released root may come back (the same records, nothing else pending): unique among live ones
ALTER TABLE anchor DROP CONSTRAINT anchor_root_key;
CREATE UNIQUE INDEX anchor_root_live ON anchor (root) WHERE released_at IS NULL;
CREATE INDEX anchor_root ON anchor (root);

CREATE TABLE record_released (
    record_id  bigint      NOT NULL REFERENCES record (id),
    anchor_id  bigint      NOT NULL REFERENCES anchor (id),
    PRIMARY KEY (record_id, anchor_id)
);
