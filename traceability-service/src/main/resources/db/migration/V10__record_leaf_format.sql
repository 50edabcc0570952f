-- Leaves domain-separated from inner nodes (docs/record-format.md). A record's leaf format:
-- 1 = leaf is keccak256(canonical JSON), every record stored before this migration (anchored or
--     still pending: its leaf is stored and served, and may already be on chain);
-- 2 = leaf is keccak256(keccak256(canonical JSON)), every record stored from now on.
-- No default afterwards: whoever writes a record says which leaf it computed.
ALTER TABLE record ADD COLUMN leaf_format smallint NOT NULL DEFAULT 1 CHECK (leaf_format IN (1, 2));
ALTER TABLE record ALTER COLUMN leaf_format DROP DEFAULT;
COMMENT ON COLUMN record.leaf_format IS
    '1: leaf = keccak256(content); 2: leaf = keccak256(keccak256(content)) (docs/record-format.md)';
