-- A code's batches by harvest date: the audit of one code (docs/findings.md) reads them for its
-- yield, validity, certificate, pre-harvest and scan-flag rules, and the ledger rule their records;
-- without this each of those read every batch of the province.
CREATE INDEX batch_code ON batch (code, harvest_date, id);
