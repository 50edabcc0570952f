-- People's names leave the canonical records, and each organisation's ledger writes become its own
-- (docs/records-privacy.md, docs/ledger-signers.md).

-- Whose record it is: the organisation whose key anchors its root and who (with the department)
-- may disclose the names behind its commitments. NULL for records attributed to no organisation;
-- those are anchored with the department's key, as every record was before.
-- Not a foreign key: the department acting under an id it never registered still owns its records.
ALTER TABLE record ADD COLUMN organisation text;

-- Records written before this migration: attributed from the tables that point at them. Their
-- content is NOT rewritten: a record anchored with a name in it keeps those bytes (its leaf is on
-- chain), and one still pending keeps them too, since its leaf is already stored and served.
UPDATE record r SET organisation = p.organisation_id
  FROM diary_entry d JOIN plot p ON p.id = d.plot_id
 WHERE d.record_id = r.id AND r.organisation IS NULL;
UPDATE record r SET organisation = b.organisation_id
  FROM batch b WHERE b.record_id = r.id AND r.organisation IS NULL;
UPDATE record r SET organisation = c.issuer_id
  FROM certificate c WHERE c.record_id = r.id AND r.organisation IS NULL;
UPDATE record r SET organisation = c.issuer_id
  FROM certificate c
 WHERE r.kind = 'certificate.state' AND r.subject = c.scheme || ':' || c.number AND r.organisation IS NULL;
UPDATE record r SET organisation = CASE WHEN e.from_status IS NULL THEN g.organisation_id ELSE e.actor_org END
  FROM growing_area_code_event e JOIN growing_area_code g ON g.code = e.code
 WHERE e.record_id = r.id AND r.organisation IS NULL;
CREATE INDEX record_pending_by_organisation ON record (organisation, id) WHERE anchor_id IS NULL;

-- The private side of the salted commitments to people's names: the name as committed (stripped,
-- NFC) and its 32-byte salt, per record and field (a JSON pointer into the record's content).
-- Never served by a public endpoint; only the disclosure endpoint reads it.
CREATE TABLE record_person (
    record_id   bigint      NOT NULL REFERENCES record (id),
    field       text        NOT NULL CHECK (field ~ '^(/[^/]+)+$'),
    name        text        NOT NULL CHECK (btrim(name) <> ''),
    salt        bytea       NOT NULL CHECK (length(salt) = 32),
    commitment  bytea       NOT NULL CHECK (length(commitment) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_id, field)
);

-- Which organisation's key signs a ledger call. NULL: the department's key (dx.trace.ledger.keystore),
-- which signed every call before this migration; nonces are counted per signing account.
ALTER TABLE ledger_tx ADD COLUMN signer text;
-- the account that signed it, once sent (for calls sent before this migration: the department's)
ALTER TABLE ledger_tx ADD COLUMN sender text CHECK (sender ~ '^0x[0-9a-f]{40}$');
DROP INDEX ledger_tx_open;
CREATE INDEX ledger_tx_open ON ledger_tx (signer, id) WHERE state IN ('QUEUED', 'SENT', 'MINED', 'REVERTED');

-- Organisations that sign with a key of their own, and the grant of their role on the contract
-- (queued once; a role the department revokes later is not granted again by the service).
CREATE TABLE ledger_signer (
    organisation  text        PRIMARY KEY,
    address       text        NOT NULL CHECK (address ~ '^0x[0-9a-f]{40}$'),
    role          text        NOT NULL CHECK (role IN ('COOPERATIVE', 'CERTIFICATION_BODY')),
    grant_tx      bigint      REFERENCES ledger_tx (id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
